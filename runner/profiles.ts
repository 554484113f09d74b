import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { bundledRequirements } from '../reports/requirements.ts';
import { INTEROP_OVERRIDES, RELIED_RFC_AREAS } from '../reports/profiles.ts';

export const PROFILES = ['rfc', 'okta', 'entra', 'ping', 'all', 'vendors', 'interop', 'ipsie-al1', 'ipsie-al2', 'ipsie-al3'] as const;
export type Profile = (typeof PROFILES)[number];

/**
 * A slice of the suite: feature files under `dirs` (relative to the features root), optionally narrowed by a
 * cucumber tag expression. A profile is a union of slices, so that e.g. the Okta profile can take the whole
 * RFC baseline but only the @okta scenarios of the interop folder — one cucumber tag expression cannot say
 * "this tag, but only in that folder".
 */
export interface SuiteSlice {
  dirs: string[];
  tags?: string;
}

/** Tags of the PingFederate-to-Zscaler (ZPA) behaviours, listed because tag expressions have no wildcards. */
const ZPA_TAGS = Array.from({ length: 9 }, (_, i) => `@ZPA-0${i + 1}`).join(' or ');

const IDP_TAGS: Record<'okta' | 'entra' | 'ping', string> = {
  okta: '@okta',
  entra: '@entra',
  // PingFederate and PingOne are one profile: both are "Ping-ready" for a SaaS vendor.
  ping: '@ping or @pingone',
};

/** A cucumber tag expression naming every catalogue ID under the prefixes (tag expressions have no wildcards). */
function tagsOfAreas(prefixes: readonly string[]): string {
  return bundledRequirements()
    .map((r) => r.id)
    .filter((id) => prefixes.some((p) => id.startsWith(`${p}-`)))
    .map((id) => `@${id}`)
    .join(' or ');
}

const IPSIE_LEVELS = { 'ipsie-al1': ['@ipsie-al1'], 'ipsie-al2': ['@ipsie-al1', '@ipsie-al2'], 'ipsie-al3': ['@ipsie-al1', '@ipsie-al2', '@ipsie-al3'] };

/**
 * The slices of each profile:
 * - rfc: every scenario of features/rfc (the strict RFC 7643/7644 baseline).
 * - okta | entra | ping: the whole RFC baseline (an IdP-ready verdict includes the RFC MUSTs), plus the
 *   scenarios of features/interop tagged with that IdP, plus all of features/<idp>.
 * - all: every folder of features/, the vendor behaviours included (they skip, never fail, without a setup adapter).
 * - vendors: features/vendors, plus the scenarios of features/ping tagged with a ZPA-* ID.
 * - interop: features/interop-profile (draft-zollner-scim-interop-profile), features/rfc9865 (cursors are one of
 *   its two paging methods) and the features/rfc scenarios of the areas it relies on (RELIED_RFC_AREAS).
 * - ipsie-al1 | ipsie-al2 | ipsie-al3: the features/ipsie scenarios of that level and the levels below, features/rfc9865,
 *   and the features/rfc scenarios of the areas IPSIE relies on.
 * `featureDirs` lists the folders that exist under features/ (used by `all`).
 */
export function profileSlices(profile: Profile, featureDirs: string[]): SuiteSlice[] {
  switch (profile) {
    case 'rfc':
      return [{ dirs: ['rfc'] }];
    case 'okta':
    case 'entra':
    case 'ping':
      return [{ dirs: ['rfc'] }, { dirs: ['interop'], tags: IDP_TAGS[profile] }, { dirs: [profile] }];
    case 'all':
      return [{ dirs: featureDirs }];
    case 'vendors':
      return [{ dirs: ['vendors'] }, { dirs: ['ping'], tags: ZPA_TAGS }];
    case 'interop':
      return [
        { dirs: ['interop-profile'] },
        { dirs: ['rfc9865'] },
        // Path-less PATCH rows (@pathless-patch) are what the profile forbids, like the overridden requirement IDs.
        { dirs: ['rfc'], tags: `(${tagsOfAreas(RELIED_RFC_AREAS.interop)}) and not (${[...INTEROP_OVERRIDES.map((id) => `@${id}`), '@pathless-patch'].join(' or ')})` },
      ];
    case 'ipsie-al1':
    case 'ipsie-al2':
    case 'ipsie-al3':
      return [{ dirs: ['ipsie'], tags: IPSIE_LEVELS[profile].join(' or ') }, { dirs: ['rfc9865'] }, { dirs: ['rfc'], tags: tagsOfAreas(RELIED_RFC_AREAS.ipsie) }];
  }
}

/** ANDs the profile slice's tag expression with the user's --tags (either may be absent). */
export function combineTags(sliceTags: string | undefined, userTags: string | undefined): string {
  return [sliceTags, userTags]
    .filter((t): t is string => Boolean(t))
    .map((t) => `(${t})`)
    .join(' and ');
}

/** The folders directly under the features root (empty when it does not exist yet). */
export function listFeatureDirs(featuresRoot: string): string[] {
  try {
    return readdirSync(featuresRoot, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

/** Cucumber `paths` globs for a slice's folders. */
export function sliceGlobs(featuresRoot: string, slice: SuiteSlice): string[] {
  return slice.dirs.map((dir) => join(featuresRoot, dir, '**/*.feature'));
}
