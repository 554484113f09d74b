import { hash, timingSafeEqual } from 'node:crypto';
import { ScimError } from '../../scim/errors.ts';

/** A credential that opens exactly one tenant. Only a hash of the secret is kept. */
interface CredentialEntry {
  scheme: 'Bearer' | 'Basic';
  digest: Buffer;
  tenant: string;
  /** The tenant connection the credential belongs to (absent for the server's own --token/--basic). */
  connection?: string;
}

/** Who a request is: the tenant its credential opens and, for tenant connections, which connection. */
export interface Identity {
  tenant: string;
  connection?: string;
}

// The one-shot hash is several times cheaper than createHash() on every request.
const sha256 = (text: string): Buffer => hash('sha256', text, 'buffer') as unknown as Buffer;

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

  /** A credential known only by its SHA-256 (tenant connections keep nothing else). */
  addDigest(scheme: 'Bearer' | 'Basic', digestHex: string, tenant: string, connection: string): void {
    this.entries.push({ scheme, digest: Buffer.from(digestHex, 'hex'), tenant, connection });
  }

  /** Forgets a connection's credentials at once (rotation, provider change, deletion: CRY-03). */
  removeConnection(connection: string): void {
    for (let i = this.entries.length - 1; i >= 0; i--) if (this.entries[i].connection === connection) this.entries.splice(i, 1);
  }

  removeTenant(tenant: string): void {
    for (let i = this.entries.length - 1; i >= 0; i--) if (this.entries[i].tenant === tenant) this.entries.splice(i, 1);
  }

  get schemes(): ('Bearer' | 'Basic')[] {
    return [...new Set(this.entries.map((e) => e.scheme))];
  }

  /** Returns the tenant the Authorization header opens, or throws 401 with WWW-Authenticate. */
  authenticate(header: string | undefined): string {
    return this.identify(header).tenant;
  }

  /** Like authenticate, also naming the connection. */
  identify(header: string | undefined): Identity {
    if (!header) throw new ScimError(401, 'Authentication is required: send an Authorization header.', undefined, this.challenge());
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
      let found: CredentialEntry | undefined;
      // Compare against every entry so the time taken does not reveal which one matched.
      for (const entry of this.entries) {
        if (entry.scheme === kind && timingSafeEqual(entry.digest, digest) && found === undefined) found = entry;
      }
      if (found !== undefined) return { tenant: found.tenant, connection: found.connection };
    }
    throw new ScimError(401, 'The credentials were not accepted.', undefined, this.challenge());
  }

  /**
   * Like identify, but the credential must open `tenant` (the one the URL names): one tenant's credential
   * never reaches another's data (CRY-01); it gets the same 401 as a wrong secret, revealing nothing.
   */
  identifyFor(header: string | undefined, tenant: string): Identity {
    const identity = this.identify(header);
    if (identity.tenant !== tenant) throw new ScimError(401, 'The credentials were not accepted.', undefined, this.challenge());
    return identity;
  }

  private challenge(): Record<string, string> {
    const schemes = this.schemes.length ? this.schemes : ['Bearer' as const];
    return { 'WWW-Authenticate': schemes.map((s) => `${s} realm="scim"`).join(', ') };
  }
}
