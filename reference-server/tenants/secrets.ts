import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** Where the at-rest key comes from: 32 bytes as base64 or 64 hex characters. */
export const SECRET_KEY_ENV = 'SCIM_HARNESS_SECRET_KEY';

/** An encrypted secret as stored: AES-256-GCM, the IV and tag kept beside the ciphertext (all base64). */
export interface SealedSecret {
  alg: 'aes-256-gcm';
  iv: string;
  tag: string;
  data: string;
}

/** A hashed secret as stored: only the SHA-256 of a token is kept; the token itself is shown once. */
export interface HashedSecret {
  alg: 'sha256';
  digest: string;
}

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function hashSecret(secret: string): HashedSecret {
  return { alg: 'sha256', digest: sha256Hex(secret) };
}

/** A new random bearer token (24 bytes, base64url). */
export const newToken = () => randomBytes(24).toString('base64url');

let devKey: Buffer | undefined;
let devKeyWarned = false;

/**
 * Encrypts and decrypts secrets that must be readable again (Basic passwords, a directory's bind password)
 * with AES-256-GCM (CRY-04). GCM's tag makes a wrong key or a tampered record fail loudly instead of
 * yielding garbage.
 */
export class SecretBox {
  private constructor(
    private readonly key: Buffer,
    readonly generated: boolean,
    /** Said once, when the first secret is sealed with a generated key: before that, nothing is at stake. */
    private warnOnFirstSeal?: () => void,
  ) {}

  /**
   * The key from SCIM_HARNESS_SECRET_KEY; when it is absent, a random key for this process only, with a
   * warning: secrets sealed with it cannot be opened after a restart.
   */
  static fromEnvironment(env: NodeJS.ProcessEnv = process.env, warn: (message: string) => void = console.warn): SecretBox {
    const raw = env[SECRET_KEY_ENV];
    if (!raw) {
      // One key per process, and one warning: several servers in one process (tests) share it.
      devKey ??= randomBytes(32);
      return new SecretBox(devKey, true, () => {
        if (devKeyWarned) return;
        devKeyWarned = true;
        warn(`scim-harness: ${SECRET_KEY_ENV} is not set; using a generated development key (connection passwords will not survive a restart)`);
      });
    }
    return new SecretBox(parseKey(raw), false);
  }

  static withKey(key: Buffer): SecretBox {
    if (key.length !== 32) throw new Error('an AES-256 key has 32 bytes');
    return new SecretBox(key, false);
  }

  seal(plain: string): SealedSecret {
    this.warnOnFirstSeal?.();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return { alg: 'aes-256-gcm', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  }

  open(sealed: SealedSecret): string {
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  }
}

function parseKey(raw: string): Buffer {
  const text = raw.trim();
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error(`${SECRET_KEY_ENV} must hold 32 bytes (64 hex characters or base64), got ${key.length}`);
  return key;
}
