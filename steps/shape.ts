/**
 * One cause, one finding (issue 8 item 9): a response whose shape breaks the RFC schemas (what steps/validation.ts
 * finds) fails only the scenarios whose subject is that shape; every other scenario records it as a warning and is
 * judged on its own subject. Otherwise one defect (a relative `meta.location` once failed 372 scenarios) hides every
 * other verdict.
 *
 * A scenario is about shape when it lives in a feature about shapes (schema, discovery) or carries a requirement
 * whose subject is the shape of a body. Each rule of the validator has a scenario of its own among them
 * (features/rfc/schema.feature "… has the RFC … shape" scenarios, discovery.feature for the discovery bodies).
 */

/** Features whose every scenario is about the shape of what the server returns. */
const SHAPE_FEATURES = [/(^|\/)features\/rfc\/schema\.feature$/, /(^|\/)features\/rfc\/discovery\.feature$/];

/** Requirements about the shape of a body, from shared/reference/rfc-requirements.md. */
export const SHAPE_REQUIREMENTS: ReadonlySet<string> = new Set([
  'S-RES-01', // 7643 §3: every returned resource has a non-empty schemas array with its base schema URN
  'S-RES-02', // 7643 §3: schemas holds only the resource type's schemas
  'P-GET-05', // 7644 §3.4.2: collection queries answer a ListResponse
  'P-GET-06', // 7644 §3.4.2: totalResults always, Resources when > 0
  'P-GET-08', // 7643 §3.1: every resource has a non-empty id
  'P-ERR-01', // 7644 §3.12: Error message URN
  'P-ERR-02', // 7644 §3.12: status as a JSON string
  'P-ERR-03', // 7644 §3.12: scimType keyword, detail a string
  'P-BULK-02', // 7644 §3.7.3: every operation reported with method, status, location
]);

/** True when the scenario (its feature file and its tags, with or without "@") is about the shape of bodies. */
export function isShapeScenario(uri: string, tags: readonly string[]): boolean {
  if (SHAPE_FEATURES.some((re) => re.test(uri))) return true;
  return tags.some((t) => SHAPE_REQUIREMENTS.has(t.replace(/^@/, '')));
}
