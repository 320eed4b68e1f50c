/**
 * Keeps the gateway registered with a carrier whose trunk says `register: true` (RFC 3261 §10): a REGISTER of the
 * trunk's username, answered with its digest credentials when challenged, refreshed before it expires, retried after a
 * failure.
 */
import type { Logger } from '../../ports/logger.js';
import type { Trunk } from '../../domain/tenant.js';
import { formatRequest, header, type SipResponse } from '../webrtc-edge/sip-message.js';
import { answerChallenge, trunkCredentials } from './digest-client.js';
import { newBranch, token } from './sip-leg.js';
import type { SipTransactions } from './sip-transactions.js';
import type { SipAddress } from './sip-udp-transport.js';

const REQUESTED_EXPIRES_S = 300;
const RETRY_AFTER_FAILURE_MS = 30_000;

export class TrunkRegistration {
  private readonly callId = `${token(12)}@agent-gateway`;
  private readonly fromTag = token(6);
  private cseq = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** When the carrier last accepted the registration, and until when (epoch ms). */
  registeredUntil: number | undefined;

  constructor(
    private readonly trunk: Trunk,
    private readonly transactions: SipTransactions,
    private readonly local: SipAddress,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.register();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private register(authorization?: readonly [string, string]): void {
    if (this.stopped) return;
    const { host, port, username = 'agent-gateway' } = this.trunk;
    const uri = `sip:${host}:${port}`;
    const branch = newBranch();
    this.cseq += 1;
    const aor = `<sip:${username}@${host}>`;
    const text = formatRequest('REGISTER', uri, [
      ['Via', `SIP/2.0/UDP ${this.local.address}:${this.local.port};branch=${branch};rport`],
      ['Max-Forwards', '70'],
      ['From', `${aor};tag=${this.fromTag}`],
      ['To', aor],
      ['Call-ID', this.callId],
      ['CSeq', `${this.cseq} REGISTER`],
      ['Contact', `<sip:${username}@${this.local.address}:${this.local.port}>`],
      ['Expires', String(REQUESTED_EXPIRES_S)],
      ...(authorization ? [authorization] : []),
    ]);
    this.transactions.request({
      method: 'REGISTER',
      branch,
      text,
      target: { address: host, port },
      onResponse: (response) => this.answered(response, uri, authorization !== undefined),
      onTimeout: () => this.failed('no answer'),
    });
  }

  private answered(response: SipResponse, uri: string, authorized: boolean): void {
    if (response.status < 200) return;
    if ((response.status === 401 || response.status === 407) && !authorized) {
      const challenge = header(response, response.status === 407 ? 'proxy-authenticate' : 'www-authenticate');
      const answer = answerChallenge(response.status, challenge, 'REGISTER', uri, trunkCredentials(this.trunk, 'agent-gateway'));
      if (answer) return this.register([answer.header, answer.value]);
    }
    if (response.status >= 300) return this.failed(`${response.status} ${response.reason}`);
    const expires = grantedExpires(response);
    this.registeredUntil = Date.now() + expires * 1000;
    this.logger.info({ trunk: this.trunk.name, expires }, 'sip: registered with the carrier');
    this.schedule(Math.max(1_000, Math.min(expires * 800, (expires - 5) * 1000)));
  }

  private failed(reason: string): void {
    this.registeredUntil = undefined;
    this.logger.warn({ trunk: this.trunk.name, reason }, 'sip: registering with the carrier failed');
    this.schedule(RETRY_AFTER_FAILURE_MS);
  }

  private schedule(afterMs: number): void {
    clearTimeout(this.timer);
    if (!this.stopped) this.timer = setTimeout(() => this.register(), afterMs);
  }
}

/** The expiry the registrar granted: the Contact's `expires`, else the Expires header, else what was asked. */
function grantedExpires(response: SipResponse): number {
  const fromContact = /;\s*expires=(\d+)/i.exec(header(response, 'contact') ?? '')?.[1];
  const granted = Number(fromContact ?? header(response, 'expires') ?? REQUESTED_EXPIRES_S);
  return Number.isFinite(granted) && granted > 0 ? granted : REQUESTED_EXPIRES_S;
}
