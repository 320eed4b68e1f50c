/**
 * The far-end driver of SIP: trunks and desk phones over UDP and TCP on the gateway's SIP port. The gateway is a B2BUA: each
 * leg is its own dialog, bridged to the others only through the mixer. It takes legs to PSTN numbers of a tenant with
 * a trunk (out through the first trunk, From user = the caller ID) and to extensions a desk phone has registered;
 * INVITEs from a trunk's `inboundFrom` addresses to one of its DIDs become `incoming` calls of the DID's queue or IVR.
 * In a cluster it is also the cluster trunk (./cluster-trunk.ts): it dials phones registered with other nodes through
 * those nodes, and bridges the other nodes' calls to the phones registered here.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../ports/logger.js';
import type { TenantConfig, Trunk } from '../../domain/tenant.js';
import type { Destination, DialRequest, DtmfTiming, LegEndCause } from '../../ports/telephony.js';
import type { ClusterTrunk, LegHost, NodeSipAddress } from '../telephony-router/far-end-driver.js';
import { ClusterLegs } from './cluster-legs.js';
import { ClusterTrunkAuth, isFromNode } from './cluster-trunk.js';
import { userOf, parseNameAddr } from '../webrtc-edge/sip-headers.js';
import { formatResponse, header, type HeaderList, type SipMessage, type SipRequest } from '../webrtc-edge/sip-message.js';
import { DeskPhoneRegistrar } from './desk-phone-registrar.js';
import { trunkCredentials } from './digest-client.js';
import { InboundSipLeg } from './inbound-sip-leg.js';
import { OutboundSipLeg, type OutboundRoute } from './outbound-sip-leg.js';
import { DEFAULT_RTP_PORTS, type PortRange } from './rtp-port-range.js';
import { ALLOW, type SipLeg, type SipStack } from './sip-leg.js';
import { DEFAULT_SESSION_TIMER, sessionExpiresOf, type SessionTimerSettings } from './session-timer.js';
import { SipTransactions } from './sip-transactions.js';
import { TrunkKeepAlive, type TrunkStatusHandler } from './trunk-keepalive.js';
import { TrunkRegistration } from './trunk-registration.js';
import { SipTcpTransport } from './sip-tcp-transport.js';
import { SipUdpTransport, type DroppedReason, type SipAddress, type SipStream } from './sip-udp-transport.js';

/** Why a SIP message was refused or dropped, as counted in /metrics. */
export type SipRefusal = DroppedReason | 'flood' | 'unknownSource' | 'unknownNumber' | 'badCredentials' | 'unacceptableMedia';

export interface SipDriverOptions {
  /** Address the SIP and RTP sockets bind to. */
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Address written in SDP and Via; default `host`. */
  advertisedAddress?: string;
  rtpPorts?: PortRange;
  /** An answered leg without RTP for this long ends. Default 30 s. */
  mediaTimeoutMs?: number;
  realm: string;
  tenants: () => readonly TenantConfig[];
  logger: Logger;
  onRefused?: (reason: SipRefusal) => void;
  /**
   * Flood control: whether a request from an address that is no trunk's may be handled now. Refused requests are
   * dropped unanswered and counted as `flood`. Default: every request is handled.
   */
  admits?: (address: string) => boolean;
  /** How often UDP trunks are sent OPTIONS. Default 30 s. */
  trunkKeepAliveMs?: number;
  /** A trunk answered a keep-alive (up) or did not within 32 s (down). */
  onTrunkStatus?: TrunkStatusHandler;
  /** RFC 4028 session timers. Default 1800 s asked for, 90 s at least. */
  sessionTimer?: SessionTimerSettings;
  /** The cluster trunk's shared secret; omitted: no calls to or from other nodes. */
  clusterSecret?: string;
  /** A desk phone registered (until `expiresAt`) or unregistered (`undefined`): the cluster's phones follow. */
  onDeskPhone?: (tenantId: string, extension: string, expiresAt: number | undefined) => void;
}

const DEFAULT_MEDIA_TIMEOUT_MS = 30_000;
const PORT_ATTEMPTS = 10;
const DEFAULT_TRUNK_KEEPALIVE_MS = 30_000;

export class SipDriver implements ClusterTrunk {
  private readonly legs = new Map<string, SipLeg>();
  private readonly dialogs = new Map<string, SipLeg>();
  private readonly transactions: SipTransactions;
  private readonly registrar: DeskPhoneRegistrar;
  private readonly registrations: TrunkRegistration[] = [];
  private keepAlive: TrunkKeepAlive | undefined;
  /** Legs waiting for their trunk's TCP connection. */
  private readonly connecting = new Set<string>();
  private host: LegHost | undefined;
  private transport!: SipUdpTransport;
  private tcp!: SipTcpTransport;
  private readonly cluster: ClusterTrunkAuth | undefined;
  private readonly clusterLegs = new ClusterLegs((legId) => this.legs.get(legId));

  private constructor(private readonly options: SipDriverOptions) {
    this.transactions = new SipTransactions({ send: (text, target) => this.sendTo(text, target) });
    this.registrar = new DeskPhoneRegistrar(options.realm, options.tenants, options.onDeskPhone);
    this.cluster = options.clusterSecret === undefined ? undefined : new ClusterTrunkAuth(options.realm, options.clusterSecret);
  }

  static async open(options: SipDriverOptions): Promise<SipDriver> {
    const driver = new SipDriver(options);
    const handlers = {
      onMessage: (message: SipMessage, source: SipAddress) => driver.receive(message, source),
      onDropped: (reason: DroppedReason) => options.onRefused?.(reason),
      onClosed: (stream: SipStream) => driver.clusterLegs.connectionClosed(stream),
    };
    // UDP and TCP share the port; with port 0, the free UDP port picked may be taken for TCP: then pick another.
    for (let attempt = 1; ; attempt++) {
      driver.transport = await SipUdpTransport.open({ host: options.host, port: options.port, ...handlers });
      try {
        driver.tcp = await SipTcpTransport.open({ host: options.host, port: driver.transport.local.port, ...handlers });
        return driver;
      } catch (error) {
        await driver.transport.close();
        if (options.port !== 0 || attempt >= PORT_ATTEMPTS) throw error;
      }
    }
  }

  /** The SIP socket's address (tests read the port picked for 0). */
  get address(): SipAddress {
    return this.transport.local;
  }

  start(host: LegHost): void {
    this.host = host;
    for (const tenant of this.options.tenants()) {
      for (const trunk of tenant.trunks.filter((candidate) => candidate.register)) {
        const registration = new TrunkRegistration(trunk, this.transactions, this.stack().local, this.options.logger);
        this.registrations.push(registration);
        registration.start();
      }
    }
    this.keepAlive = new TrunkKeepAlive(
      () => this.options.tenants().flatMap((tenant) => tenant.trunks.map((trunk) => ({ tenantId: tenant.tenantId, trunk }))),
      this.transactions,
      this.stack().local,
      this.options.onTrunkStatus ?? (() => undefined),
    );
    this.keepAlive.start(this.options.trunkKeepAliveMs ?? DEFAULT_TRUNK_KEEPALIVE_MS);
  }

  handles(tenantId: string, destination: Destination): boolean {
    if (destination.kind === 'pstn') return this.trunkOf(tenantId) !== undefined;
    if (destination.kind === 'extension') return this.registrar.lookup(tenantId, destination.address, Date.now()) !== undefined;
    return false;
  }

  isReachable(tenantId: string, destination: Destination): boolean {
    return this.handles(tenantId, destination);
  }

  dial(request: DialRequest): void {
    const route = this.routeOf(request);
    if (!route) return this.host!.ended(request.legId, 'invalid');
    const trunk = request.destination.kind === 'pstn' ? this.trunkOf(request.tenantId) : undefined;
    if (trunk?.transport === 'tcp') return void this.dialOverTcp(request, trunk, (target) => ({ ...route, target }), { trunk: trunk.name });
    this.startLeg(request, route);
  }

  /** Rings a phone registered with another node, through that node (over TCP: a node that is gone refuses at once). */
  dialNode(request: DialRequest, node: NodeSipAddress): void {
    const cluster = this.cluster;
    if (!cluster) return this.host!.ended(request.legId, 'invalid');
    const route = (target: SipAddress) => cluster.route(request.tenantId, request.destination, node, target);
    this.clusterLegs.add(request.legId);
    void this.dialOverTcp(request, node, route, { node: `${node.host}:${node.port}` });
  }

  /** Dials over TCP once the connection is open; a leg hung up meanwhile is never sent. */
  private async dialOverTcp(
    request: DialRequest,
    peer: { host: string; port: number },
    routeTo: (target: SipAddress) => OutboundRoute,
    logged: Record<string, string>,
  ): Promise<void> {
    this.connecting.add(request.legId);
    let target: SipAddress;
    try {
      target = await this.tcp.connect(peer.host, peer.port);
    } catch (error) {
      this.options.logger.warn({ err: error, ...logged }, 'sip: cannot connect over TCP');
      this.clusterLegs.forget(request.legId);
      if (this.connecting.delete(request.legId)) this.host!.ended(request.legId, 'failed');
      return;
    }
    if (this.connecting.delete(request.legId)) this.startLeg(request, routeTo(target));
  }

  private startLeg(request: DialRequest, route: OutboundRoute): void {
    const leg = new OutboundSipLeg(request, route, this.stack());
    this.legs.set(leg.legId, leg);
    this.dialogs.set(leg.sipCallId, leg);
    void leg.start();
  }

  answer(legId: string): void {
    const leg = this.legs.get(legId);
    if (leg instanceof InboundSipLeg) leg.answerCall();
  }

  hangup(legId: string, cause: LegEndCause): void {
    this.connecting.delete(legId);
    this.clusterLegs.forget(legId);
    this.legs.get(legId)?.hangup(cause);
    this.legs.delete(legId);
  }

  sendDtmf(legId: string, digits: string, timing: DtmfTiming): void {
    this.legs.get(legId)?.sendDtmf(digits, timing.durationMs, timing.gapMs);
  }

  setHold(legId: string, held: boolean): void {
    this.legs.get(legId)?.holdFarEnd(held);
  }

  async close(): Promise<void> {
    this.clusterLegs.close();
    for (const registration of this.registrations) registration.stop();
    this.keepAlive?.stop();
    for (const leg of this.legs.values()) leg.hangup('normal');
    this.legs.clear();
    this.dialogs.clear();
    this.registrar.clear();
    this.transactions.close();
    await Promise.all([this.transport.close(), this.tcp.close()]);
  }

  private receive(message: SipMessage, source: SipAddress): void {
    if (message.kind === 'request' && !this.isTrunkAddress(source.address) && this.options.admits?.(source.address) === false) {
      return this.options.onRefused?.('flood');
    }
    if (this.transactions.receive(message, source) || message.kind === 'response') return;
    const dialog = this.dialogs.get(header(message, 'call-id')!);
    if (dialog && message.method === 'CANCEL' && dialog instanceof InboundSipLeg) return dialog.cancelled(message);
    if (dialog && message.method !== 'INVITE') return dialog.onRequest(message);
    if (dialog && message.method === 'INVITE' && /;\s*tag=/i.test(header(message, 'to') ?? '')) return dialog.onRequest(message);
    switch (message.method) {
      case 'REGISTER':
        return this.register(message, source);
      case 'OPTIONS':
        return this.reply(message, 200, 'OK', [
          ['Allow', ALLOW],
          ['Accept', 'application/sdp'],
        ]);
      case 'INVITE':
        return void this.inbound(message, source).catch((error: unknown) => {
          this.options.logger.error({ err: error }, 'sip: accepting an INVITE failed');
          this.reply(message, 500, 'Server Internal Error');
        });
      case 'BYE':
      case 'CANCEL':
      case 'INFO':
        return this.reply(message, 481, 'Call/Transaction Does Not Exist');
      default:
        return this.reply(message, 405, 'Method Not Allowed', [['Allow', ALLOW]]);
    }
  }

  private register(request: SipRequest, source: SipAddress): void {
    const outcome = this.registrar.register(request, source, Date.now());
    if (outcome.status === 403) {
      this.options.onRefused?.('badCredentials');
      this.options.logger.info({ source }, 'sip: REGISTER with unknown desk phone credentials refused');
    }
    const reason = outcome.status === 200 ? 'OK' : outcome.status === 401 ? 'Unauthorized' : 'Forbidden';
    this.reply(request, outcome.status, reason, outcome.headers);
  }

  /** An INVITE from a trunk's address to one of its DIDs enters the DID's queue or IVR; anything else is refused. */
  private async inbound(invite: SipRequest, source: SipAddress): Promise<void> {
    this.reply(invite, 100, 'Trying');
    if (isFromNode(invite)) return this.fromNode(invite, source);
    const found = this.trunkFrom(source.address);
    if (!found) {
      this.options.onRefused?.('unknownSource');
      return this.reply(invite, 403, 'Forbidden');
    }
    const did = userOf(invite.uri) ?? userOf(parseNameAddr(header(invite, 'to') ?? '')?.uri ?? '') ?? '';
    const target = found.trunk.dids[did];
    if (!target) {
      this.options.onRefused?.('unknownNumber');
      return this.reply(invite, 404, 'Not Found');
    }
    if (this.intervalTooSmall(invite)) return;
    const from = callerOf(invite);
    const leg = await InboundSipLeg.accept(invite, source, this.stack(), { holdReinvite: found.trunk.holdReinvite }, () =>
      this.host!.inboundLeg(this, { tenantId: found.tenantId, from, ...target }),
    );
    this.keep(invite, leg);
  }

  /**
   * A call from another node of the cluster to a phone registered here: authenticated by the cluster secret, then
   * bridged to the phone on a leg of its own (the leg router's PhoneBridges).
   */
  private async fromNode(invite: SipRequest, source: SipAddress): Promise<void> {
    const check = this.cluster?.check(invite) ?? { ok: false, status: 403 };
    if (!check.ok) {
      if (check.status === 401) return this.reply(invite, 401, 'Unauthorized', check.headers);
      this.options.onRefused?.(check.status === 403 ? 'badCredentials' : 'unknownNumber');
      return this.reply(invite, check.status, check.status === 403 ? 'Forbidden' : 'Bad Request');
    }
    const { tenantId, destination } = check.phone;
    if (!this.host!.ringsHere(tenantId, destination)) return this.reply(invite, 404, 'Not Found');
    if (this.intervalTooSmall(invite)) return;
    const legId = randomUUID();
    // The calling node sends a leg only what it hears (nothing while its call is held): silence is no sign of its death,
    // the end of its TCP connection is.
    const options = { holdReinvite: false, watchesMedia: false };
    const leg = await InboundSipLeg.accept(invite, source, this.stack(), options, () => ({ legId }));
    if (!this.keep(invite, leg)) return;
    this.clusterLegs.add(legId);
    this.host!.bridgeToPhone(this, legId, { tenantId, destination, callerId: callerOf(invite), callId: header(invite, 'x-call-id') ?? '' });
  }

  /** RFC 4028 §8.1: a session interval shorter than the gateway's minimum is refused with 422. */
  private intervalTooSmall(invite: SipRequest): boolean {
    const minimum = this.stack().sessionTimer.minExpiresS;
    if ((sessionExpiresOf(invite)?.seconds ?? minimum) >= minimum) return false;
    this.reply(invite, 422, 'Session Interval Too Small', [['Min-SE', String(minimum)]]);
    return true;
  }

  /** An accepted INVITE's leg, or (undefined) one whose offer could not be taken: 488. */
  private keep(invite: SipRequest, leg: InboundSipLeg | undefined): leg is InboundSipLeg {
    if (!leg) {
      this.options.onRefused?.('unacceptableMedia');
      this.reply(invite, 488, 'Not Acceptable Here');
      return false;
    }
    this.legs.set(leg.legId, leg);
    this.dialogs.set(leg.sipCallId, leg);
    return true;
  }

  private routeOf(request: DialRequest): OutboundRoute | undefined {
    const { destination, tenantId } = request;
    if (destination.kind === 'extension') {
      const binding = this.registrar.lookup(tenantId, destination.address, Date.now());
      if (!binding) return undefined;
      return { requestUri: binding.contactUri, toUri: `sip:${destination.address}@${this.advertised}`, target: binding.source };
    }
    const trunk = this.trunkOf(tenantId);
    if (!trunk) return undefined;
    const uri = `sip:${encodeURIComponent(destination.address)}@${trunk.host}:${trunk.port}`;
    return {
      requestUri: uri,
      toUri: uri,
      target: { address: trunk.host, port: trunk.port },
      holdReinvite: trunk.holdReinvite,
      ...(trunk.username !== undefined && { credentials: trunkCredentials(trunk, trunk.username) }),
    };
  }

  private trunkOf(tenantId: string): Trunk | undefined {
    return this.options.tenants().find((tenant) => tenant.tenantId === tenantId)?.trunks[0];
  }

  private trunkFrom(address: string): { tenantId: string; trunk: Trunk } | undefined {
    for (const tenant of this.options.tenants()) {
      const trunk = tenant.trunks.find((candidate) => candidate.inboundFrom.includes(address));
      if (trunk) return { tenantId: tenant.tenantId, trunk };
    }
    return undefined;
  }

  /** On the message's TCP connection when it has one, else over UDP. */
  private sendTo(text: string, target: SipAddress): void {
    if (target.stream) target.stream.send(text);
    else this.transport.send(text, target);
  }

  private isTrunkAddress(address: string): boolean {
    return this.options
      .tenants()
      .some((tenant) => tenant.trunks.some((trunk) => trunk.host === address || trunk.inboundFrom.includes(address)));
  }

  private get advertised(): string {
    return this.options.advertisedAddress ?? this.transport.local.address;
  }

  private stack(): SipStack {
    return {
      transactions: this.transactions,
      send: (text, target) => this.sendTo(text, target),
      local: { address: this.advertised, port: this.transport.local.port },
      mediaAddress: this.advertised,
      rtpPorts: this.options.rtpPorts ?? DEFAULT_RTP_PORTS,
      mediaTimeoutMs: this.options.mediaTimeoutMs ?? DEFAULT_MEDIA_TIMEOUT_MS,
      sessionTimer: this.options.sessionTimer ?? DEFAULT_SESSION_TIMER,
      host: this.host!,
      logger: this.options.logger,
      forget: (sipCallId) => {
        const leg = this.dialogs.get(sipCallId);
        this.dialogs.delete(sipCallId);
        if (leg && this.legs.get(leg.legId) === leg) {
          this.legs.delete(leg.legId);
          this.clusterLegs.forget(leg.legId);
        }
      },
    };
  }

  private reply(request: SipRequest, status: number, reason: string, extra: HeaderList = []): void {
    const toTag = status > 100 ? (/branch=z9hG4bK([^;,\s]+)/i.exec(header(request, 'via') ?? '')?.[1]?.slice(-10) ?? 'gw') : undefined;
    this.transactions.respond(request, status, formatResponse(request, status, reason, extra, '', toTag));
  }
}

/** The user part of an INVITE's From: the caller's number. */
function callerOf(invite: SipRequest): string {
  return userOf(parseNameAddr(header(invite, 'from') ?? '')?.uri ?? '') ?? 'anonymous';
}
