/**
 * The trunk between the nodes of a cluster (docs/multi-node.md, docs/security.md): a node rings a phone registered
 * with another node by an INVITE over TCP to that node's SIP port, naming the phone in an `Agent-Gateway-Phone`
 * header and answering the node's digest challenge with the cluster secret (`AGENT_GATEWAY_CLUSTER_SECRET`) as the
 * password of the user `agent-gateway-cluster`. An INVITE naming a phone is taken from no one else.
 */
import type { Destination } from '../../ports/telephony.js';
import type { NodeSipAddress } from '../telephony-router/far-end-driver.js';
import { DigestAuthenticator, digestHa1 } from '../webrtc-edge/sip-digest.js';
import { parseDigest, parseParams } from '../webrtc-edge/sip-headers.js';
import { header, type HeaderList, type SipRequest } from '../webrtc-edge/sip-message.js';
import type { DigestCredentials } from './digest-client.js';
import type { OutboundRoute } from './outbound-sip-leg.js';
import type { SipAddress } from './sip-udp-transport.js';

const PHONE_HEADER = 'Agent-Gateway-Phone';
const CLUSTER_USER = 'agent-gateway-cluster';

/** The phone another node asks this node to ring. */
export interface ClusterPhone {
  tenantId: string;
  destination: Destination;
}

export type ClusterInviteCheck =
  | { ok: true; phone: ClusterPhone }
  | { ok: false; status: 401; headers: HeaderList }
  /** Wrong credentials. */
  | { ok: false; status: 403 }
  /** No phone named, or a phone named wrongly. */
  | { ok: false; status: 400 };

/** Whether an INVITE is a call from another node (it names a phone), whichever its credentials. */
export function isFromNode(invite: SipRequest): boolean {
  return header(invite, PHONE_HEADER) !== undefined;
}

export class ClusterTrunkAuth {
  private readonly digest: DigestAuthenticator;
  private readonly ha1: string;

  constructor(
    private readonly realm: string,
    private readonly secret: string,
  ) {
    this.digest = new DigestAuthenticator(realm);
    this.ha1 = digestHa1(CLUSTER_USER, realm, secret);
  }

  /** How this node calls `node` for the phone of `destination`: over TCP, with the cluster's credentials. */
  route(tenantId: string, destination: Destination, node: NodeSipAddress, target: SipAddress): OutboundRoute {
    const uri = `sip:${encodeURIComponent(destination.address)}@${node.host}:${node.port}`;
    const phone = `${destination.kind};tenant=${encodeURIComponent(tenantId)};address=${encodeURIComponent(destination.address)}`;
    return {
      requestUri: `${uri};transport=tcp`,
      toUri: uri,
      target,
      credentials: this.credentials(),
      // The calling node holds a leg in its mixer; the node bridging it to the phone needs no word of it.
      holdReinvite: false,
      headers: [[PHONE_HEADER, phone]],
    };
  }

  /** An INVITE from another node: its credentials checked (challenged when it has none), its phone read. */
  check(invite: SipRequest): ClusterInviteCheck {
    const authorization = header(invite, 'authorization');
    const credentials = authorization === undefined ? undefined : parseDigest(authorization);
    if (!credentials) return { ok: false, status: 401, headers: [['WWW-Authenticate', this.digest.challenge()]] };
    if (credentials.username !== CLUSTER_USER) return { ok: false, status: 403 };
    const verified = this.digest.verify('INVITE', credentials, this.ha1);
    if (!verified.ok)
      return verified.stale
        ? { ok: false, status: 401, headers: [['WWW-Authenticate', this.digest.challenge(true)]] }
        : { ok: false, status: 403 };
    const phone = phoneOf(header(invite, PHONE_HEADER) ?? '');
    return phone ? { ok: true, phone } : { ok: false, status: 400 };
  }

  private credentials(): DigestCredentials {
    return { username: CLUSTER_USER, password: this.secret, realm: this.realm };
  }
}

/** `extension;tenant=demo;address=8001` → the tenant's extension 8001. */
function phoneOf(value: string): ClusterPhone | undefined {
  const semicolon = value.indexOf(';');
  const kind = (semicolon < 0 ? value : value.slice(0, semicolon)).trim();
  if (kind !== 'extension' && kind !== 'softphone') return undefined;
  const params = parseParams(value.slice(semicolon + 1));
  if (!params.tenant || !params.address) return undefined;
  try {
    return {
      tenantId: decodeURIComponent(params.tenant),
      destination: { kind, address: decodeURIComponent(params.address), party: 'agent' },
    };
  } catch {
    return undefined;
  }
}
