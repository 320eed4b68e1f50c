/**
 * Where each desk phone can be rung: a SIP phone REGISTERs one of the tenant's extensions with the digest credentials
 * of the tenant file's `deskPhones` (username `<tenantId>-<extension>` unless given), checked against their HA1. The binding keeps the phone's
 * Contact and the address its REGISTER came from, where INVITEs are sent (RFC 3581: a phone behind NAT is reached at
 * the address it registered from; a phone registered over TCP, on its connection). A binding ends when it expires or the phone unregisters.
 */
import { deskPhoneUsername, type DeskPhone, type TenantConfig } from '../../domain/tenant.js';
import { DigestAuthenticator } from '../webrtc-edge/sip-digest.js';
import { parseDigest, parseNameAddr } from '../webrtc-edge/sip-headers.js';
import { header, splitList, type HeaderList, type SipRequest } from '../webrtc-edge/sip-message.js';
import type { SipAddress } from './sip-udp-transport.js';

export interface DeskPhoneBinding {
  contactUri: string;
  source: SipAddress;
  expiresAt: number;
}

export type RegisterOutcome =
  | { status: 200; headers: HeaderList }
  | { status: 401; headers: HeaderList }
  /** Unknown username or wrong password. */
  | { status: 403; headers: HeaderList };

const MAX_EXPIRES_S = 3_600;
const DEFAULT_EXPIRES_S = 3_600;
const keyOf = (tenantId: string, extension: string) => `${tenantId}\u0000${extension}`;

export class DeskPhoneRegistrar {
  private readonly bindings = new Map<string, DeskPhoneBinding>();
  private readonly digest: DigestAuthenticator;

  constructor(
    realm: string,
    private readonly tenants: () => readonly TenantConfig[],
    /** A phone registered until `expiresAt`, or (undefined) no longer. */
    private readonly onChange: (tenantId: string, extension: string, expiresAt: number | undefined) => void = () => undefined,
  ) {
    this.digest = new DigestAuthenticator(realm);
  }

  register(request: SipRequest, source: SipAddress, now: number): RegisterOutcome {
    const authorization = header(request, 'authorization');
    const credentials = authorization === undefined ? undefined : parseDigest(authorization);
    if (!credentials) return { status: 401, headers: [['WWW-Authenticate', this.digest.challenge()]] };
    const phone = this.findPhone(credentials.username ?? '');
    if (!phone) return { status: 403, headers: [] };
    const check = this.digest.verify('REGISTER', credentials, phone.phone.ha1);
    if (!check.ok)
      return check.stale ? { status: 401, headers: [['WWW-Authenticate', this.digest.challenge(true)]] } : { status: 403, headers: [] };

    const key = keyOf(phone.tenantId, phone.phone.extension);
    const contacts = (request.headers.get('contact') ?? []).flatMap(splitList);
    const contact = contacts[0] === undefined || contacts[0] === '*' ? undefined : parseNameAddr(contacts[0]);
    const requested = Number(contact?.params.expires ?? header(request, 'expires') ?? DEFAULT_EXPIRES_S);
    const expires = Number.isFinite(requested) ? Math.max(0, Math.min(MAX_EXPIRES_S, Math.floor(requested))) : DEFAULT_EXPIRES_S;
    if (!contact || expires === 0) {
      if (this.bindings.delete(key)) this.onChange(phone.tenantId, phone.phone.extension, undefined);
      return { status: 200, headers: [] };
    }
    this.bindings.set(key, { contactUri: contact.uri, source, expiresAt: now + expires * 1000 });
    this.onChange(phone.tenantId, phone.phone.extension, now + expires * 1000);
    return {
      status: 200,
      headers: [
        ['Contact', `<${contact.uri}>;expires=${expires}`],
        ['Expires', String(expires)],
      ],
    };
  }

  lookup(tenantId: string, extension: string, now: number): DeskPhoneBinding | undefined {
    const key = keyOf(tenantId, extension);
    const binding = this.bindings.get(key);
    // A phone registered over TCP can be rung only while its connection is open.
    const live = binding !== undefined && binding.expiresAt > now && (binding.source.stream?.isOpen ?? true);
    if (binding && !live) {
      this.bindings.delete(key);
      this.onChange(tenantId, extension, undefined);
    }
    return live ? binding : undefined;
  }

  clear(): void {
    this.bindings.clear();
  }

  private findPhone(username: string): { tenantId: string; phone: DeskPhone } | undefined {
    for (const tenant of this.tenants()) {
      const phone = tenant.deskPhones.find((candidate) => deskPhoneUsername(tenant.tenantId, candidate) === username);
      if (phone) return { tenantId: tenant.tenantId, phone };
    }
    return undefined;
  }
}
