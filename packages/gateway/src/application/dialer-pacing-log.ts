/**
 * What this node has seen of its predictive calls, per task, as the pacing (domain/dialer-pacing.ts) takes it: each
 * attempt once its ringing is over (answered then connected or abandoned, or not answered), and each handled call's
 * talk time and its agent's wrap-up (until the agent is available again). In memory: each node paces its own calls.
 */
import type { CallRecord } from '../domain/call.js';
import {
  DEFAULT_PACING_WINDOW_MS,
  NEW_PACING_STATE,
  measure,
  recordAttempt,
  recordHandling,
  type PacingState,
} from '../domain/dialer-pacing.js';

interface PlacedCall {
  taskKey: string;
  abandonRateTarget: number;
  /** Whether the attempt is in the pacing state yet. */
  sampled: boolean;
}

/** A handled call whose agent is not available again yet: its wrap-up is still running. */
interface HandledCall {
  taskKey: string;
  endedAt: number;
  talkMs: number;
}

export class PacingLog {
  private readonly states = new Map<string, PacingState>();
  private readonly placed = new Map<string, PlacedCall>();
  private readonly inWrapup = new Map<string, HandledCall>();
  private readonly availableSince = new Map<string, number>();

  state(taskKey: string): PacingState {
    return this.states.get(taskKey) ?? NEW_PACING_STATE;
  }

  /** Abandoned ÷ answered customers of the task's calls over the window; undefined for a task this node never paced. */
  abandonRate(taskKey: string, now: number): number | undefined {
    const state = this.states.get(taskKey);
    return state && measure(state, now, { abandonRateTarget: 0, windowMs: DEFAULT_PACING_WINDOW_MS }).abandonRate;
  }

  callPlaced(callId: string, taskKey: string, abandonRateTarget: number): void {
    this.placed.set(callId, { taskKey, abandonRateTarget, sampled: false });
  }

  /** The calls placed for the task and not ended yet. */
  callsOf(taskKey: string): string[] {
    return [...this.placed].filter(([, placed]) => placed.taskKey === taskKey).map(([callId]) => callId);
  }

  /** A call changed: its attempt and handling are noted when known. The task's key when the call is one of ours. */
  callChanged(call: CallRecord, now: number): string | undefined {
    const placed = this.placed.get(call.callId);
    if (!placed) return undefined;
    const customer = call.legs.find((leg) => leg.legId === call.customerLegId);
    if (!placed.sampled && customer && (call.phase === 'connected' || call.phase === 'ended')) {
      placed.sampled = true;
      const answered = customer.answeredAt !== undefined;
      this.update(placed.taskKey, (state) =>
        recordAttempt(
          state,
          {
            at: now,
            answered,
            abandoned: answered && call.phase === 'ended' && call.outcome === 'abandoned',
            ringMs: (customer.answeredAt ?? customer.endedAt ?? now) - customer.startedAt,
          },
          { abandonRateTarget: placed.abandonRateTarget, windowMs: DEFAULT_PACING_WINDOW_MS },
        ),
      );
    }
    if (call.phase !== 'ended') return placed.taskKey;
    this.placed.delete(call.callId);
    if (call.answeredAt !== undefined && call.agentNo !== undefined) {
      const endedAt = call.endedAt ?? now;
      this.inWrapup.set(`${call.tenantId}\u0000${call.agentNo}`, { taskKey: placed.taskKey, endedAt, talkMs: endedAt - call.answeredAt });
      // Available again before the call's end was told (no wrap-up).
      const since = this.availableSince.get(`${call.tenantId}\u0000${call.agentNo}`);
      if (since !== undefined && since >= endedAt) this.agentAvailable(call.tenantId, call.agentNo, since);
    }
    return placed.taskKey;
  }

  /** The agent can take a call again: the wrap-up of the call it handled, if any, is over. */
  agentAvailable(tenantId: string, agentNo: string, now: number): void {
    const agentKey = `${tenantId}\u0000${agentNo}`;
    this.availableSince.set(agentKey, now);
    const handled = this.inWrapup.get(agentKey);
    if (!handled) return;
    this.inWrapup.delete(agentKey);
    this.update(handled.taskKey, (state) =>
      recordHandling(state, { talkMs: handled.talkMs, wrapupMs: Math.max(0, now - handled.endedAt) }),
    );
  }

  private update(taskKey: string, change: (state: PacingState) => PacingState): void {
    this.states.set(taskKey, change(this.state(taskKey)));
  }
}
