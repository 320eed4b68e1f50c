/**
 * Predictive dialing (docs/dialer.md, "Predictive pacing"): for each predictive task, this node dials customers
 * first, as many as the pacing (domain/dialer-pacing.ts) says from what it measured of the task's calls and from the
 * agents working the task whose sessions this node holds; an answered customer is offered at once to one of those
 * agents (domain/dialer-predictive-call.ts ends the call `abandoned`, after a message, when none is connected within
 * 2 s). A task is looked at again on every change that matters (an agent available, a call answered or ended, the
 * task changed) and every second while it has agents or calls here. One pass at a time per task.
 */
import { CallType, DeviceStatus, LoginStatus } from '@agentsdk/protocol';
import type { AgentRecord } from '../domain/agent.js';
import { isAvailable } from '../domain/agent-availability.js';
import type { CallRecord } from '../domain/call.js';
import { isWithinCallingHours, type DialerNumberRecord, type DialerTaskRecord } from '../domain/dialer-campaign.js';
import { ABANDON_AFTER_MS, DEFAULT_PACING_WINDOW_MS, callsToDial, type PacingSnapshot } from '../domain/dialer-pacing.js';
import { ABANDON_MESSAGE_MS, predictiveCall } from '../domain/dialer-predictive-call.js';
import { workModeAllows } from '../domain/dialer-task.js';
import { isWithinOutboundHours } from '../domain/outbound-rules.js';
import { findAgent, wrapupSecondsOf, type TenantAgent, type TenantConfig } from '../domain/tenant.js';
import type { Clock, TimerHandle } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Store } from '../ports/store.js';
import type { AgentService } from './agent-service.js';
import type { CallService } from './call-service.js';
import { CoalescedPasses } from './coalesced-passes.js';
import { numberVariables, type DialerAttempts } from './dialer-attempts.js';
import { PacingLog } from './dialer-pacing-log.js';
import type { TenantDirectory } from './tenant-directory.js';
import { offerWaitingCall } from './use-cases/offer-waiting-call.js';

/** While a task has agents or calls on this node, it is looked at again this often at the latest. */
const PACE_INTERVAL_MS = 1_000;
/** A claim outlives the customer's ringing, the wait for an agent and the abandon message. */
const CLAIM_MARGIN_MS = 60_000;

export interface PredictiveDialerDependencies {
  ownerId: string;
  store: Store;
  clock: Clock;
  tenants: TenantDirectory;
  agents: AgentService;
  calls: CallService;
  /** The agents of a tenant whose sessions this node holds. */
  localAgents(tenantId: string): readonly string[];
}

/** An agent working the task with its session on this node. */
interface Member {
  agent: TenantAgent;
  record: AgentRecord;
}

const keyOf = (tenantId: string, id: string) => `${tenantId}\u0000${id}`;
const customerAnsweredAt = (call: CallRecord) => call.legs.find((leg) => leg.legId === call.customerLegId)?.answeredAt ?? call.createdAt;

/** A member not available now, as the pacing counts it: on a call or in wrap-up since when (a paused one is not counted). */
function busyPhase(record: AgentRecord): PacingSnapshot['busyAgents'] {
  if (record.loginStatus === LoginStatus.OFFLINE) return [];
  if (record.deviceStatus !== DeviceStatus.IDLE) return [{ phase: 'talking', since: record.stateSince }];
  if (record.loginStatus === LoginStatus.WRAPUP) return [{ phase: 'wrapup', since: record.stateSince }];
  return [];
}

/** The agents and calls as the pacing sees them, once the waiting customers were offered. */
function snapshotOf(
  now: number,
  members: readonly Member[],
  idle: readonly Member[],
  offered: { agents: readonly Member[]; left: number },
  calls: readonly CallRecord[],
): PacingSnapshot {
  return {
    now,
    idleAgents: idle.length - offered.agents.length,
    busyAgents: members.flatMap((member) => {
      if (offered.agents.includes(member)) return [{ phase: 'talking' as const, since: now }];
      return idle.includes(member) ? [] : busyPhase(member.record);
    }),
    ringingSince: calls.filter((call) => call.phase === 'customerDialing').map((call) => call.createdAt),
    waiting: offered.left,
  };
}

export class PredictiveDialer {
  private readonly log = new PacingLog();
  private readonly passes = new CoalescedPasses();
  private readonly tickers = new Map<string, TimerHandle>();
  private stopped = false;

  constructor(
    private readonly deps: PredictiveDialerDependencies,
    private readonly attempts: DialerAttempts,
    private readonly logger: Logger,
  ) {}

  /** An agent can take a call: its predictive tasks are looked at (an answered customer may be waiting for it). */
  agentAvailable(tenantId: string, agentNo: string, taskIds: readonly string[]): void {
    this.log.agentAvailable(tenantId, agentNo, this.deps.clock.now());
    for (const taskId of taskIds) this.pace(tenantId, taskId);
  }

  taskChanged(task: DialerTaskRecord): void {
    if (task.mode === 'predictive') this.pace(task.tenantId, task.taskId);
  }

  /** A call changed: one of this node's predictive calls is measured, and its task looked at. */
  callChanged(call: CallRecord): void {
    const taskKey = this.log.callChanged(call, this.deps.clock.now());
    if (taskKey !== undefined && call.dialer) this.pace(call.tenantId, call.dialer.taskId);
  }

  /** The measured abandon rate of a predictive call's task, as this node paces it (undefined for other calls). */
  abandonRateOf(call: CallRecord): number | undefined {
    return call.dialer && this.log.abandonRate(keyOf(call.tenantId, call.dialer.taskId), this.deps.clock.now());
  }

  /** Resolves when every pass started so far has finished (tests, shutdown). */
  idle(): Promise<void> {
    return this.passes.idle();
  }

  stop(): void {
    this.stopped = true;
    for (const ticker of this.tickers.values()) ticker.cancel();
    this.tickers.clear();
  }

  private pace(tenantId: string, taskId: string): void {
    if (this.stopped) return;
    this.passes.request(
      keyOf(tenantId, taskId),
      () =>
        this.pass(tenantId, taskId).catch((error: unknown) =>
          this.logger.error({ err: error, tenantId, taskId }, 'predictive dialing failed'),
        ),
      () => !this.stopped,
    );
  }

  private lookAgain(tenantId: string, taskId: string): void {
    const key = keyOf(tenantId, taskId);
    if (this.stopped || this.tickers.has(key)) return;
    this.tickers.set(
      key,
      this.deps.clock.schedule(PACE_INTERVAL_MS, () => {
        this.tickers.delete(key);
        this.pace(tenantId, taskId);
      }),
    );
  }

  private async pass(tenantId: string, taskId: string): Promise<void> {
    const { store, clock } = this.deps;
    const tenant = this.deps.tenants.get(tenantId);
    const task = await store.dialer.getTask(tenantId, taskId);
    if (!tenant || task?.mode !== 'predictive') return;
    const key = keyOf(tenantId, taskId);
    const members = await this.localMembers(tenant, taskId);
    const calls = await this.liveCalls(key);
    if (members.length > 0 || calls.length > 0) this.lookAgain(tenantId, taskId);

    const idle = members.filter((member) => isAvailable(member.record)).sort((a, b) => a.record.stateSince - b.record.stateSince);
    const offered = await this.offerWaiting(tenant, calls, idle);
    const now = clock.now();
    const open =
      !task.paused &&
      tenant.features.outbound &&
      isWithinOutboundHours(tenant, now) &&
      isWithinCallingHours(task.callingHours, tenant.outboundHours?.utcOffsetMinutes ?? 0, now);
    if (!open) return;

    const toDial = callsToDial(this.log.state(key), snapshotOf(now, members, idle, offered, calls), {
      abandonRateTarget: task.abandonRateTarget,
      windowMs: DEFAULT_PACING_WINDOW_MS,
    });
    if (toDial === 0) return;
    await this.attempts.recoverLapsedClaims(tenant, task, now);
    const leaseMs = task.customerAnswerTimeoutSeconds * 1000 + ABANDON_AFTER_MS + ABANDON_MESSAGE_MS + CLAIM_MARGIN_MS;
    for (let dialled = 0; dialled < toDial; dialled++) {
      const number = await this.attempts.claimDiallable(tenant, task, { owner: this.deps.ownerId, now, leaseMs });
      if (!number) return;
      await this.place(tenant, task, number);
    }
  }

  /** The agents working the task whose sessions this node holds. */
  private async localMembers(tenant: TenantConfig, taskId: string): Promise<Member[]> {
    const { store, agents, ownerId } = this.deps;
    const members: Member[] = [];
    for (const agentNo of new Set(this.deps.localAgents(tenant.tenantId))) {
      const agent = findAgent(tenant, agentNo);
      if (!agent) continue;
      const member = await store.dialer.getAgent(tenant.tenantId, agent.agentNo);
      if (!member || !(taskId in member.tasks) || !workModeAllows(member.workMode, 'predictive')) continue;
      const record = await agents.current(tenant.tenantId, agent.agentNo);
      if (record.sessionId === member.sessionId && record.socketOwnerId === ownerId) members.push({ agent, record });
    }
    return members;
  }

  private async liveCalls(taskKey: string): Promise<CallRecord[]> {
    const calls = await Promise.all(this.log.callsOf(taskKey).map((callId) => this.deps.calls.get(callId)));
    return calls.filter((call): call is CallRecord => call !== undefined && call.phase !== 'ended');
  }

  /** Answered customers waiting for an agent are offered, longest waiting first, to the idle members. */
  private async offerWaiting(tenant: TenantConfig, calls: CallRecord[], idle: Member[]): Promise<{ agents: Member[]; left: number }> {
    const waiting = calls
      .filter((call) => call.phase === 'awaitingAgent' && !call.endRequested)
      .sort((a, b) => customerAnsweredAt(a) - customerAnsweredAt(b));
    const taken: Member[] = [];
    let left = 0;
    for (const call of waiting) {
      let takenBy: Member | undefined;
      for (const member of idle) {
        if (taken.includes(member) || call.declinedBy.includes(member.agent.agentNo)) continue;
        const offer = {
          callType: CallType.PREDICTIVE_OUTBOUND,
          ringTimeoutMs: ABANDON_AFTER_MS,
          wrapupSeconds: wrapupSecondsOf(tenant, member.agent),
        };
        if (await offerWaitingCall(this.deps, call, member.record, offer)) {
          takenBy = member;
          break;
        }
      }
      if (takenBy) taken.push(takenBy);
      else left += 1;
    }
    return { agents: taken, left };
  }

  private async place(tenant: TenantConfig, task: DialerTaskRecord, number: DialerNumberRecord): Promise<void> {
    const { calls, clock, store, ownerId } = this.deps;
    const callerId = task.callerId ?? tenant.callerIds[0]?.number;
    const { call, effects } = predictiveCall(
      {
        callId: calls.newCallId(),
        tenantId: tenant.tenantId,
        customerNumber: number.number,
        ...(callerId === undefined ? {} : { callerId }),
        customerAnswerTimeoutMs: task.customerAnswerTimeoutSeconds * 1000,
        variables: numberVariables(number),
        dialer: { taskId: task.taskId, number: number.number, owner: ownerId, attemptsBefore: number.attempts },
      },
      clock.now(),
    );
    if (!(await calls.create(call))) {
      await store.dialer.releaseClaim(tenant.tenantId, task.taskId, number.number, ownerId);
      return;
    }
    this.log.callPlaced(call.callId, keyOf(tenant.tenantId, task.taskId), task.abandonRateTarget);
    await calls.applyEffects(call, effects);
  }
}
