import type { IncomingMessage } from 'node:http';
import { ScimError, invalidSyntax } from '../../scim/errors.ts';
import { assertWithinLimits } from '../../scim/resource/limits.ts';

const JSON_TYPES = ['application/scim+json', 'application/json'];

/** Reads the request body, refusing more than `limit` bytes with 413 as soon as the limit is crossed. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function tooLarge(limit: number): ScimError {
  return new ScimError(413, `The request body is larger than the maximum of ${limit} bytes.`);
}

/**
 * Parses a JSON request body. SCIM asks for application/scim+json; application/json is accepted too because
 * Okta sends it. A missing Content-Type is tolerated; any other type is refused with 415. Nesting deeper than
 * scim/resource/limits.ts allows is 400 invalidSyntax, oversized arrays/strings 400 invalidValue.
 */
export function parseJsonBody(req: IncomingMessage, raw: Buffer): unknown {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type && !JSON_TYPES.includes(type)) {
    throw new ScimError(415, `Unsupported Content-Type "${type}"; send application/scim+json or application/json.`);
  }
  if (raw.length === 0) throw invalidSyntax('The request body is empty; a JSON object is required.');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw invalidSyntax('The request body is not valid UTF-8.');
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    const reason = err instanceof SyntaxError ? err.message : 'nesting too deep';
    throw invalidSyntax(`The request body is not valid JSON: ${reason}.`);
  }
  // Depth and size bounds for every body, before any work: a Bulk op nested 10,000 deep once overflowed the stack
  // half-way through a request whose earlier operations had already committed.
  assertWithinLimits(body, 'The request body');
  return body;
}
