import { Transform, type Writable } from 'node:stream';
import type { TargetAuth } from './options.ts';

const SECRET_HEADER = /authorization|cookie|token|secret|key|password/i;

/** The strings that must never reach the console or a report: the token, the password, secret-looking headers. */
export function secretsOf(auth: TargetAuth, headers: Record<string, string>): string[] {
  const secrets = Object.entries(headers)
    .filter(([name]) => SECRET_HEADER.test(name))
    .map(([, value]) => value);
  if (auth.kind === 'bearer') secrets.push(auth.token);
  if (auth.kind === 'basic') secrets.push(auth.pass, Buffer.from(`${auth.user}:${auth.pass}`).toString('base64'));
  // Very short values would blank out unrelated text; they are not worth hiding anyway.
  return secrets.filter((s) => s.length >= 3);
}

/** Replaces every occurrence of each secret with "***". */
export function redact(text: string, secrets: string[]): string {
  return secrets.reduce((out, secret) => out.split(secret).join('***'), text);
}

/**
 * A stream that redacts secrets before passing text on; cucumber's console formatter writes through it, so a
 * step that echoes a header or an error message cannot leak the credentials. Chunks are redacted one by one:
 * formatters write whole lines, so a secret is not split across chunks in practice.
 */
export function redactingStream(out: Writable, secrets: string[]): Writable {
  const stream = new Transform({
    transform(chunk, _encoding, done) {
      done(null, redact(String(chunk), secrets));
    },
  });
  stream.pipe(out, { end: false });
  return stream;
}
