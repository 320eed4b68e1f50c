/**
 * OPTIONS keep-alives toward the UDP trunks: every interval the gateway asks each trunk for its OPTIONS, and reports
 * the trunk up when any final response comes back, down when none does (RFC 3261 Timer F, 32 s).
 */
import type { Trunk } from '../../domain/tenant.js';
import { formatRequest } from '../webrtc-edge/sip-message.js';
import { newBranch, token } from './sip-leg.js';
import type { SipTransactions } from './sip-transactions.js';
import type { SipAddress } from './sip-udp-transport.js';

export type TrunkStatusHandler = (tenantId: string, trunkName: string, up: boolean) => void;

export class TrunkKeepAlive {
  private timer: NodeJS.Timeout | undefined;
  private cseq = 0;
  private readonly callId = `${token(12)}@agent-gateway`;

  constructor(
    private readonly trunks: () => ReadonlyArray<{ tenantId: string; trunk: Trunk }>,
    private readonly transactions: SipTransactions,
    private readonly local: SipAddress,
    private readonly onStatus: TrunkStatusHandler,
  ) {}

  start(intervalMs: number): void {
    this.probe();
    this.timer = setInterval(() => this.probe(), intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private probe(): void {
    for (const { tenantId, trunk } of this.trunks()) {
      if (trunk.transport !== 'udp') continue;
      const branch = newBranch();
      this.cseq += 1;
      const uri = `sip:${trunk.host}:${trunk.port}`;
      const text = formatRequest('OPTIONS', uri, [
        ['Via', `SIP/2.0/UDP ${this.local.address}:${this.local.port};branch=${branch};rport`],
        ['Max-Forwards', '70'],
        ['From', `<sip:agent-gateway@${this.local.address}>;tag=${token(4)}`],
        ['To', `<${uri}>`],
        ['Call-ID', this.callId],
        ['CSeq', `${this.cseq} OPTIONS`],
      ]);
      this.transactions.request({
        method: 'OPTIONS',
        branch,
        text,
        target: { address: trunk.host, port: trunk.port },
        onResponse: (response) => {
          if (response.status >= 200) this.onStatus(tenantId, trunk.name, true);
        },
        onTimeout: () => this.onStatus(tenantId, trunk.name, false),
      });
    }
  }
}
