/**
 * Which other nodes (boot ids) count as lost, judged from their leases: one not renewed for `lapseMs` is lost. A node
 * that could not renew its own lease in time (the store was unreachable or slow: a Redis restart) cannot tell who else
 * lived through the outage: it judges nobody lost until one lapse period after it renewed again. The lease watch
 * (owner-lease.ts) recovers the lost nodes' calls and sessions; forwarding a call's effects (call-service.ts) asks
 * again a node that is not lost but serves no requests for a moment (it is subscribing again after a Redis restart).
 */
import type { Lease } from '../ports/store.js';

export class OwnerLiveness {
  /** No other owner is judged lost before this time (ms). */
  private judgeFrom = 0;

  constructor(readonly lapseMs: number) {}

  /** This node's lease renewal failed: nobody is judged lost until it renews again. */
  renewalFailed(): void {
    this.judgeFrom = Infinity;
  }

  /** Whether this node's last renewal failed. */
  get lastRenewalFailed(): boolean {
    return this.judgeFrom === Infinity;
  }

  /** This node renewed at `at` after a failed or late renewal: nobody is judged lost for one lapse period. */
  renewedLate(at: number): void {
    this.judgeFrom = at + this.lapseMs;
  }

  /** Whether this node judges anyone now (not for one lapse period after its own late renewal). */
  judges(now: number): boolean {
    return now >= this.judgeFrom;
  }

  isLost(lease: Lease, now: number): boolean {
    return this.judges(now) && now - lease.renewedAt > this.lapseMs;
  }
}
