/**
 * Fix hints: for failures whose cause is recognisable from the failing exchange or the message, one sentence on
 * what the server should do, with the RFC clause. Only causes that hold on any server are listed; when nothing
 * matches there is no hint (a wrong hint is worse than none).
 */
import type { Exchange, ScenarioResult } from './types.ts';

interface Hint {
  matches: (failing: Exchange | undefined, message: string) => boolean;
  text: string;
}

const status = (x: Exchange | undefined) => x?.response?.status;
const header = (x: Exchange | undefined, name: string) =>
  Object.entries(x?.response?.headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1] ?? '';

const HINTS: Hint[] = [
  {
    matches: (x) => x !== undefined && !x.response,
    text: 'No answer arrived (timeout or connection error): check that the server is up and answers within --timeout; the harness retried 429/503 only.',
  },
  {
    matches: (x) => status(x) === 500,
    text: 'The server crashed on this request: bad input must get a SCIM error with a 4xx status, never a 500 (RFC 7644 §3.12).',
  },
  {
    matches: (x) => status(x) === 415,
    text: 'The server refused the media type: it must accept application/scim+json request bodies (RFC 7644 §3.1, §8.1).',
  },
  {
    matches: (x) => status(x) === 401 || status(x) === 403,
    text: 'The server refused the credentials on this request although the pre-flight passed: check the token\'s scope for this endpoint and method.',
  },
  {
    matches: (x, m) => (status(x) ?? 0) >= 400 && /scimType/.test(m),
    text: 'Error responses must carry the scimType that RFC 7644 §3.12 (Table 9) names for this error, in the Error schema body.',
  },
  {
    matches: (x, m) => (status(x) ?? 0) >= 200 && (status(x) ?? 0) < 300 && /content-type|media type/i.test(m) && !/json/i.test(header(x, 'content-type')),
    text: 'Responses carrying SCIM JSON are labelled application/scim+json (RFC 7644 §3.1, §8.1).',
  },
  {
    matches: (x) => status(x) === 404 && /\/(ServiceProviderConfig|ResourceTypes|Schemas)\b/.test(x?.request.url ?? ''),
    text: 'The discovery endpoints /ServiceProviderConfig, /ResourceTypes and /Schemas are mandatory (RFC 7644 §4).',
  },
  {
    matches: (x) => status(x) === 501,
    text: 'The server answered 501: if the feature is optional, say so in /ServiceProviderConfig (supported: false) and the scenario is skipped, not failed (RFC 7643 §5).',
  },
];

/** The exchange the failure is about: the last one of the scenario (setup exchanges come before it). */
export const failingExchange = (s: ScenarioResult): Exchange | undefined => s.failure?.exchanges.at(-1);

/** A hint for a failed scenario, or undefined when the cause is not recognised. */
export function fixHint(s: ScenarioResult): string | undefined {
  if (!s.failure) return undefined;
  const x = failingExchange(s);
  return HINTS.find((h) => h.matches(x, s.failure!.message))?.text;
}
