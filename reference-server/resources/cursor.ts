/**
 * RFC 9865 cursors of the reference server: opaque, bounded in size, tamper-evident and tied to their query.
 *
 * A cursor carries where the walk stands and when it was issued, plus a digest of the query it belongs to,
 * sealed with an HMAC under a per-process key. It holds no server-side state, so any number of walks cost
 * nothing between pages, and it is always 43 characters of base64url (RFC 3986 §2.3 unreserved characters).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { badRequest } from '../../scim/errors.ts';

/** Where a walk resumes: after a creation-order position (keyset), or at an offset into a sorted result. */
export interface CursorPosition {
  kind: 'after' | 'offset';
  value: number;
}

const VERSION = 1;
const KIND = { after: 0, offset: 1 } as const;
/** version(1) kind(1) value(8) issuedAt seconds(6) query digest(8) = 24 bytes, + 8 bytes of MAC = 32 bytes. */
const PAYLOAD = 24;
const MAC = 8;

/** Seals and opens cursors; `timeoutSeconds` is what /ServiceProviderConfig advertises as pagination.cursorTimeout. */
export class CursorCodec {
  constructor(
    private readonly now: () => Date,
    readonly timeoutSeconds: number,
    private readonly key: Buffer = randomBytes(32),
  ) {}

  /** A digest of everything in a query but the cursor, so a cursor cannot be replayed against another query. */
  static queryDigest(parts: Array<string | number | undefined>): Buffer {
    return createHash('sha256').update(JSON.stringify(parts)).digest().subarray(0, 8);
  }

  encode(position: CursorPosition, query: Buffer): string {
    const payload = Buffer.alloc(PAYLOAD);
    payload.writeUInt8(VERSION, 0);
    payload.writeUInt8(KIND[position.kind], 1);
    payload.writeBigUInt64BE(BigInt(position.value), 2);
    payload.writeUIntBE(Math.floor(this.now().getTime() / 1000), 10, 6);
    query.copy(payload, 16, 0, 8);
    return Buffer.concat([payload, this.mac(payload)]).toString('base64url');
  }

  /**
   * Opens a cursor of this query. Throws ScimError 400 `invalidCursor` when it is malformed, forged or from another
   * query, and 400 `expiredCursor` once `timeoutSeconds` have passed since it was issued (RFC 9865 §2.1 Table 3).
   */
  decode(text: string, query: Buffer): CursorPosition {
    const raw = /^[A-Za-z0-9_-]{43}$/.test(text) ? Buffer.from(text, 'base64url') : Buffer.alloc(0);
    if (raw.length !== PAYLOAD + MAC) throw invalidCursor();
    const payload = raw.subarray(0, PAYLOAD);
    if (!timingSafeEqual(raw.subarray(PAYLOAD), this.mac(payload)) || payload.readUInt8(0) !== VERSION) throw invalidCursor();
    if (!payload.subarray(16, 24).equals(query.subarray(0, 8))) {
      throw badRequest('invalidCursor', 'The cursor belongs to another query: repeat the first request\'s parameters exactly, changing only the cursor.');
    }
    const issued = payload.readUIntBE(10, 6);
    if (this.now().getTime() / 1000 - issued > this.timeoutSeconds) {
      throw badRequest('expiredCursor', `The cursor has expired: request the next page within ${this.timeoutSeconds} seconds (cursorTimeout).`);
    }
    const kind = payload.readUInt8(1) === KIND.offset ? 'offset' : 'after';
    return { kind, value: Number(payload.readBigUInt64BE(2)) };
  }

  private mac(payload: Buffer): Buffer {
    return createHmac('sha256', this.key).update(payload).digest().subarray(0, MAC);
  }
}

const invalidCursor = () =>
  badRequest('invalidCursor', 'The cursor is not one this server issued: send an empty cursor for the first page, then each nextCursor as given.');
