import { createHash, timingSafeEqual } from 'node:crypto';
import { ScimError } from '../../scim/errors.ts';

/** A credential that opens exactly one tenant. Only a hash of the secret is kept. */
interface CredentialEntry {
  scheme: 'Bearer' | 'Basic';
  digest: Buffer;
  tenant: string;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Verifies bearer tokens and HTTP Basic credentials in constant time and names the tenant they open. */
export class Authenticator {
  private readonly entries: CredentialEntry[] = [];

  addBearer(token: string, tenant: string): void {
    this.entries.push({ scheme: 'Bearer', digest: sha256(token), tenant });
  }

  /** `userPass` is "user:pass", exactly as it appears base64-decoded in the Authorization header. */
  addBasic(userPass: string, tenant: string): void {
    this.entries.push({ scheme: 'Basic', digest: sha256(userPass), tenant });
  }

  removeTenant(tenant: string): void {
    for (let i = this.entries.length - 1; i >= 0; i--) if (this.entries[i].tenant === tenant) this.entries.splice(i, 1);
  }

  get schemes(): ('Bearer' | 'Basic')[] {
    return [...new Set(this.entries.map((e) => e.scheme))];
  }

  /** Returns the tenant the Authorization header opens, or throws 401 with WWW-Authenticate. */
  authenticate(header: string | undefined): string {
    const challenge = this.challenge();
    if (!header) throw new ScimError(401, 'Authentication is required: send an Authorization header.', undefined, challenge);
    const space = header.indexOf(' ');
    const scheme = space < 0 ? header : header.slice(0, space);
    const value = space < 0 ? '' : header.slice(space + 1).trim();
    let secret: string | undefined;
    let kind: 'Bearer' | 'Basic' | undefined;
    if (/^bearer$/i.test(scheme)) {
      kind = 'Bearer';
      secret = value;
    } else if (/^basic$/i.test(scheme)) {
      kind = 'Basic';
      secret = Buffer.from(value, 'base64').toString('utf8');
    }
    if (kind && secret) {
      const digest = sha256(secret);
      let tenant: string | undefined;
      // Compare against every entry so the time taken does not reveal which one matched.
      for (const entry of this.entries) {
        if (entry.scheme === kind && timingSafeEqual(entry.digest, digest) && tenant === undefined) tenant = entry.tenant;
      }
      if (tenant !== undefined) return tenant;
    }
    throw new ScimError(401, 'The credentials were not accepted.', undefined, challenge);
  }

  private challenge(): Record<string, string> {
    const schemes = this.schemes.length ? this.schemes : ['Bearer' as const];
    return { 'WWW-Authenticate': schemes.map((s) => `${s} realm="scim"`).join(', ') };
  }
}
