/**
 * The far-end driver of SIP: trunks and desk phones over UDP and TCP on the gateway's SIP port. The gateway is a B2BUA: each
 * leg is its own dialog, bridged to the others only through the mixer. It takes legs to PSTN numbers of a tenant with
 * a trunk (out through the first trunk, From user = the caller ID) and to extensions a desk phone has registered;
 * INVITEs from a trunk's `inboundFrom` addresses to one of its DIDs become `incoming` calls of the DID's queue or IVR.
 */
import type { Logger } from '../../ports/logger.js';
import type { TenantConfig, Trunk } from '../../domain/tenant.js';
import type { Destination, DialRequest, DtmfTiming, LegEndCause } from '../../ports/telephony.js';
import type { FarEndDriver, LegHost } from '../telephony-router/far-end-driver.js';
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
import { SipUdpTransport, type DroppedReason, type SipAddress } from './sip-udp-transport.js';

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
}

const DEFAULT_MEDIA_TIMEOUT_MS = 30_000;
const PORT_ATTEMPTS = 10;
const DEFAULT_TRUNK_KEEPALIVE_MS = 30_000;

export class SipDriver implements FarEndDriver {
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

  private constructor(private readonly options: SipDriverOptions) {
    this.transactions = new SipTransactions({ send: (text, target) => this.sendTo(text, target) });
    this.registrar = new DeskPhoneRegistrar(options.realm, options.tenants);
  }

  static async open(options: SipDriverOptions): Promise<SipDriver> {
    const driver = new SipDriver(options);
    const handlers = {
      onMessage: (message: SipMessage, source: SipAddress) => driver.receive(message, source),
      onDropped: (reason: DroppedReason) => options.onRefused?.(reason),
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
    if (trunk?.transport === 'tcp') return void this.dialOverTcp(request, route, trunk);
    this.startLeg(request, route);
  }

  /** Dials through a TCP trunk once its connection is open; a leg hung up meanwhile is never sent. */
  private async dialOverTcp(request: DialRequest, route: OutboundRoute, trunk: Trunk): Promise<void> {
    this.connecting.add(request.legId);
    let target: SipAddress;
    try {
      target = await this.tcp.connect(trunk.host, trunk.port);
    } catch (error) {
      this.options.logger.warn({ err: error, trunk: trunk.name }, 'sip: cannot connect to the trunk over TCP');
      if (this.connecting.delete(request.legId)) this.host!.ended(request.legId, 'failed');
      return;
    }
    if (this.connecting.delete(request.legId)) this.startLeg(request, { ...route, target });
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
    const minimum = this.stack().sessionTimer.minExpiresS;
    if ((sessionExpiresOf(invite)?.seconds ?? minimum) < minimum)
      return this.reply(invite, 422, 'Session Interval Too Small', [['Min-SE', String(minimum)]]);
    const from = userOf(parseNameAddr(header(invite, 'from') ?? '')?.uri ?? '') ?? 'anonymous';
    const leg = await InboundSipLeg.accept(invite, source, this.stack(), { holdReinvite: found.trunk.holdReinvite }, () =>
      this.host!.inboundLeg(this, { tenantId: found.tenantId, from, ...target }),
    );
    if (!leg) {
      this.options.onRefused?.('unacceptableMedia');
      return this.reply(invite, 488, 'Not Acceptable Here');
    }
    this.legs.set(leg.legId, leg);
    this.dialogs.set(leg.sipCallId, leg);
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
        if (leg && this.legs.get(leg.legId) === leg) this.legs.delete(leg.legId);
      },
    };
  }

  private reply(request: SipRequest, status: number, reason: string, extra: HeaderList = []): void {
    const toTag = status > 100 ? (/branch=z9hG4bK([^;,\s]+)/i.exec(header(request, 'via') ?? '')?.[1]?.slice(-10) ?? 'gw') : undefined;
    this.transactions.respond(request, status, formatResponse(request, status, reason, extra, '', toTag));
  }
}
