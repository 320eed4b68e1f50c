/**
 * HTTP digest authentication for SIP (RFC 2617 / RFC 3261 §22, MD5 with qop=auth, which JsSIP speaks). The edge keeps
 * no nonce table: a nonce is its issue time signed with a per-process key, valid for NONCE_LIFETIME_MS. The password
 * itself is never stored: the session holds HA1 = MD5(username:realm:password).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const NONCE_LIFETIME_MS = 5 * 60_000;

export function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

/** What a session stores in place of its SIP password. */
export function digestHa1(username: string, realm: string, password: string): string {
  return md5(`${username}:${realm}:${password}`);
}

export type DigestCheck = { ok: true } | { ok: false; stale: boolean };

export class DigestAuthenticator {
  private readonly key = randomBytes(32);

  constructor(
    readonly realm: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The WWW-Authenticate value of a 401. */
  challenge(stale = false): string {
    return `Digest realm="${this.realm}", nonce="${this.newNonce()}", algorithm=MD5, qop="auth"${stale ? ', stale=true' : ''}`;
  }

  /** Checks the Authorization parameters of a request against the stored HA1. */
  verify(method: string, credentials: Record<string, string>, ha1: string): DigestCheck {
    const { nonce = '', uri = '', response = '', realm, qop, nc = '', cnonce = '' } = credentials;
    const algorithm = credentials.algorithm ?? 'MD5';
    if (realm !== this.realm || algorithm.toUpperCase() !== 'MD5') return { ok: false, stale: false };
    const freshness = this.nonceFreshness(nonce);
    if (freshness === 'forged') return { ok: false, stale: false };
    const ha2 = md5(`${method}:${uri}`);
    const expected =
      qop === 'auth' ? md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`) : qop === undefined ? md5(`${ha1}:${nonce}:${ha2}`) : '';
    if (expected === '' || !sameText(expected, response.toLowerCase())) return { ok: false, stale: false };
    // A right answer to an old nonce: the client retries with a new one without asking the user (RFC 2617 stale).
    return freshness === 'fresh' ? { ok: true } : { ok: false, stale: true };
  }

  private newNonce(): string {
    const issuedAt = this.now().toString(36);
    return `${issuedAt}.${this.sign(issuedAt)}`;
  }

  private nonceFreshness(nonce: string): 'fresh' | 'expired' | 'forged' {
    const [issuedAt = '', signature = ''] = nonce.split('.');
    if (!sameText(signature, this.sign(issuedAt))) return 'forged';
    return this.now() - parseInt(issuedAt, 36) <= NONCE_LIFETIME_MS ? 'fresh' : 'expired';
  }

  private sign(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('base64url').slice(0, 22);
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
