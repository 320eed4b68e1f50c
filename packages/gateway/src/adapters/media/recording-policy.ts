/**
 * Whether a call is recorded now: the `recordCalls` of the queue the call is in when the queue says, else its
 * tenant's (both on by default). The calls' queues come from the call service's changes on this node.
 */
import type { TenantConfig } from '../../domain/tenant.js';

export interface QueuedCall {
  callId: string;
  queueNo?: string;
  phase: string;
}

export class RecordingPolicy {
  private readonly queues = new Map<string, string>();

  constructor(private readonly tenantOf: (tenantId: string) => TenantConfig | undefined) {}

  callChanged(call: QueuedCall): void {
    if (call.phase === 'ended' || call.queueNo === undefined) this.queues.delete(call.callId);
    else this.queues.set(call.callId, call.queueNo);
  }

  records(tenantId: string, callId: string): boolean {
    const tenant = this.tenantOf(tenantId);
    if (!tenant) return false;
    const queueNo = this.queues.get(callId);
    const queue = queueNo === undefined ? undefined : tenant.queues.find((candidate) => candidate.queueNo === queueNo);
    return queue?.recordCalls ?? tenant.recordCalls;
  }
}
