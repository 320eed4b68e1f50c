/**
 * The auto-outbound dialer, on the store: which tasks an agent's session works, each number's claim and outcome, and
 * the tasks themselves live in the store, so any node dials for any agent, a number is dialled once per attempt
 * whichever node claims it, and a restart continues where the task was. Whenever an agent working a progressive task
 * is available, the dialer claims the task's next due number and places it to that agent (agent's phone first, then
 * the customer). Predictive tasks are paced by dialer-predictive.ts (customers first). Preview tasks are listed
 * (ListPreviewDialingTask) and worked by their agents.
 */
import {
  CallType,
  type BusinessErrorName,
  type ChannelVariable,
  type DialerTaskChange,
  type GetPreviewNumberResult,
  type PreviewDialingTask,
} from '@agentsdk/protocol';
import { attemptOutcomeOf, isWithinCallingHours, type DialerTaskRecord } from '../domain/dialer-campaign.js';
import {
  dialerAgentOf,
  join,
  leave,
  withWorkMode,
  workModeAllows,
  type DialerAgentRecord,
  type ObWorkMode,
} from '../domain/dialer-task.js';
import { isWithinOutboundHours } from '../domain/outbound-rules.js';
import { isAvailable } from '../domain/agent-availability.js';
import type { CallRecord, DialerCallTag } from '../domain/call.js';
import { findAgent, type TenantConfig } from '../domain/tenant.js';
import type { Bus } from '../ports/bus.js';
import type { Clock, TimerHandle } from '../ports/clock.js';
import type { Store } from '../ports/store.js';
import type { TelephonyDriver } from '../ports/telephony.js';
import type { AgentService } from './agent-service.js';
import type { CallService } from './call-service.js';
import { DialerAttempts, numberVariables } from './dialer-attempts.js';
import { PredictiveDialer } from './dialer-predictive.js';
import type { Logger } from '../ports/logger.js';
import type { TenantDirectory } from './tenant-directory.js';
import { startAgentCall } from './use-cases/start-agent-call.js';

const AGENT_ANSWER_TIMEOUT_MS = 30_000;
/** A claim outlives the agent's and the customer's ringing; the outcome is recorded at the latest when the customer answers. */
const CLAIM_MARGIN_MS = 60_000;
/** How many upcoming numbers ListPreviewDialingTask shows per task. */
const PREVIEW_NUMBERS_SHOWN = 5;
/** How long a preview number stays held for the agent who got it, unless called or skipped. */
const PREVIEW_HOLD_MS = 10 * 60_000;
/** A preview agent's claims are its session's. */
const previewOwner = (sessionId: string) => `preview:${sessionId}`;
/** An available agent with nothing due is looked at again by then at the latest (expired claims, calling hours). */
const RECHECK_MAX_MS = 30_000;

export type DialerRefusal = { ok: false; error: BusinessErrorName; message: string };
/** Joined or left: `announce` sends the task event, after the operation's response. */
export type DialerMembershipChange = { ok: true; announce: () => Promise<void> };

/** What the dialer uses of the gateway's services. */
export interface DialerDependencies {
  /** This process's boot id: the owner of the claims it takes. */
  ownerId: string;
  store: Store;
  bus: Bus;
  clock: Clock;
  tenants: TenantDirectory;
  agents: AgentService;
  calls: CallService;
  telephony: TelephonyDriver;
  /** The agents of a tenant whose sessions this node holds: the predictive dialer paces for them. */
  localAgents(tenantId: string): readonly string[];
}

const keyOf = (tenantId: string, id: string) => `${tenantId}\u0000${id}`;

const progressiveLeaseMs = (task: DialerTaskRecord) => AGENT_ANSWER_TIMEOUT_MS + task.customerAnswerTimeoutSeconds * 1000 + CLAIM_MARGIN_MS;

export class DialerService {
  private readonly dialing = new Map<string, Promise<void>>();
  /** Available agents with nothing due now, and when they are looked at again. */
  private readonly waiting = new Map<string, TimerHandle>();
  private readonly recorded = new Set<string>();
  private readonly attempts: DialerAttempts;
  private readonly predictive: PredictiveDialer;
  private stopped = false;

  constructor(
    private readonly deps: DialerDependencies,
    private readonly logger: Logger,
  ) {
    this.attempts = new DialerAttempts(deps, logger);
    this.predictive = new PredictiveDialer(deps, this.attempts, logger);
  }

  async start(
    tenant: TenantConfig,
    agentNo: string,
    sessionId: string,
    taskId: string,
    variables: ChannelVariable[],
  ): Promise<DialerMembershipChange | DialerRefusal> {
    const task = await this.deps.store.dialer.getTask(tenant.tenantId, taskId);
    if (!task) return { ok: false, error: 'BAD_PARAM', message: `bad param: taskId ${taskId} is not an auto-dial task of the tenant` };
    const record = await this.agentRecord(tenant.tenantId, agentNo, sessionId);
    if (!workModeAllows(record.workMode, task.mode)) {
      return {
        ok: false,
        error: 'PERMISSION_DENIED',
        message: `permission denied: work mode ${record.workMode} does not allow ${task.mode} task ${taskId}`,
      };
    }
    await this.deps.store.dialer.putAgent(join(record, taskId, variables));
    return { ok: true, announce: () => this.attempts.announce(tenant, task, 'started', agentNo) };
  }

  async pause(tenant: TenantConfig, agentNo: string, sessionId: string, taskId: string): Promise<DialerMembershipChange | DialerRefusal> {
    const record = await this.deps.store.dialer.getAgent(tenant.tenantId, agentNo);
    if (record?.sessionId !== sessionId || !(taskId in record.tasks))
      return { ok: false, error: 'INVALID_STATE', message: `invalid state: not working task ${taskId}` };
    await this.deps.store.dialer.putAgent(leave(record, taskId));
    const task = await this.deps.store.dialer.getTask(tenant.tenantId, taskId);
    return { ok: true, announce: async () => (task ? this.attempts.announce(tenant, task, 'paused', agentNo) : undefined) };
  }

  async changeWorkMode(tenantId: string, agentNo: string, sessionId: string, workMode: ObWorkMode): Promise<void> {
    await this.deps.store.dialer.putAgent(withWorkMode(await this.agentRecord(tenantId, agentNo, sessionId), workMode));
  }

  /** The tenant's preview tasks that are not paused, with their next due numbers. */
  async previewTasks(tenant: TenantConfig): Promise<PreviewDialingTask[]> {
    const { store, clock } = this.deps;
    const tasks = (await store.dialer.listTasks(tenant.tenantId)).filter((task) => task.mode === 'preview' && !task.paused);
    return Promise.all(
      tasks.map(async (task) => {
        const due = await store.dialer.listDue(tenant.tenantId, task.taskId, clock.now(), PREVIEW_NUMBERS_SHOWN);
        const { remaining } = await store.dialer.progress(tenant.tenantId, task.taskId);
        return { taskId: task.taskId, name: task.name, mode: 'preview' as const, remaining, numbers: due.map((number) => number.number) };
      }),
    );
  }

  /**
   * previewObCall of a number due in a preview task the agent's session works (or held for it by getPreviewNumber):
   * claimed for the call, whose outcome then marks it done (or due again per the task's retries). Undefined for any
   * other number.
   */
  async claimPreviewNumber(
    tenant: TenantConfig,
    agentNo: string,
    sessionId: string,
    number: string,
  ): Promise<{ tag: DialerCallTag; variables: ChannelVariable[] } | undefined> {
    const { store, clock } = this.deps;
    const member = await store.dialer.getAgent(tenant.tenantId, agentNo);
    if (member?.sessionId !== sessionId) return undefined;
    const owner = previewOwner(sessionId);
    for (const taskId of Object.keys(member.tasks).sort()) {
      const task = await store.dialer.getTask(tenant.tenantId, taskId);
      if (task?.mode !== 'preview' || task.paused) continue;
      const claimed = await store.dialer.claimNumber(tenant.tenantId, taskId, number, {
        owner,
        now: clock.now(),
        leaseMs: PREVIEW_HOLD_MS,
      });
      if (claimed) return { tag: { taskId, number, owner, attemptsBefore: claimed.attempts }, variables: numberVariables(claimed) };
    }
    return undefined;
  }

  /** getPreviewNumber: the number the session holds in the preview task, else the next due one, now held for it. */
  async holdPreviewNumber(
    tenant: TenantConfig,
    agentNo: string,
    sessionId: string,
    taskId: string,
  ): Promise<{ ok: true; fields: GetPreviewNumberResult } | DialerRefusal> {
    const { store, clock } = this.deps;
    const task = await store.dialer.getTask(tenant.tenantId, taskId);
    if (task?.mode !== 'preview')
      return { ok: false, error: 'BAD_PARAM', message: `bad param: taskId ${taskId} is not a preview task of the tenant` };
    const member = await store.dialer.getAgent(tenant.tenantId, agentNo);
    if (member?.sessionId !== sessionId || !(taskId in member.tasks))
      return { ok: false, error: 'INVALID_STATE', message: `invalid state: not working task ${taskId}` };
    const now = clock.now();
    const owner = previewOwner(sessionId);
    const claims = await store.dialer.listExpiredClaims(tenant.tenantId, taskId, Number.MAX_SAFE_INTEGER);
    // A preview number held past its time was never called (a call records its outcome first): it is due again.
    for (const lapsed of claims.filter((claim) => claim.claim!.owner.startsWith('preview:') && claim.claim!.expiresAt <= now)) {
      await store.dialer.releaseClaim(tenant.tenantId, taskId, lapsed.number, lapsed.claim!.owner);
    }
    let held = claims.find((claim) => claim.claim!.owner === owner && claim.claim!.expiresAt > now);
    if (!held && !task.paused) held = await this.attempts.claimDiallable(tenant, task, { owner, now, leaseMs: PREVIEW_HOLD_MS });
    const { remaining } = await store.dialer.progress(tenant.tenantId, taskId);
    if (!held) return { ok: true, fields: { taskId, remaining } };
    return {
      ok: true,
      fields: {
        taskId,
        number: held.number,
        variables: numberVariables(held) as { name: string; value: string; type: 2 }[],
        attempts: held.attempts,
        remaining,
      },
    };
  }

  /** skipPreviewNumber: the held number is recorded `skipped` and leaves the task, undialled. */
  async skipPreviewNumber(
    tenant: TenantConfig,
    agentNo: string,
    sessionId: string,
    taskId: string,
    number: string,
  ): Promise<{ ok: true } | DialerRefusal> {
    const { store, clock } = this.deps;
    const task = await store.dialer.getTask(tenant.tenantId, taskId);
    const skipped =
      task &&
      (await store.dialer.recordOutcome(tenant.tenantId, taskId, number, {
        owner: previewOwner(sessionId),
        outcome: 'skipped',
        at: clock.now(),
      }));
    if (!task || !skipped) return { ok: false, error: 'INVALID_STATE', message: `invalid state: not holding ${number} of task ${taskId}` };
    await this.attempts.attemptRecorded(tenant, task, { number, outcome: 'skipped', attemptsBefore: 0, agentNo });
    return { ok: true };
  }

  /** The preview call could not start: its number is due again as before. */
  async releasePreviewNumber(tenantId: string, tag: DialerCallTag): Promise<void> {
    await this.deps.store.dialer.releaseClaim(tenantId, tag.taskId, tag.number, tag.owner);
  }

  /**
   * The agent can take a call: dial for it if it works a progressive task (one attempt per agent at a time), and look
   * at its predictive tasks.
   */
  agentAvailable(tenantId: string, agentNo: string): void {
    const key = keyOf(tenantId, agentNo);
    if (this.stopped || this.dialing.has(key)) return;
    this.waiting.get(key)?.cancel();
    this.waiting.delete(key);
    const attempt = this.dialNext(tenantId, agentNo)
      .catch((error: unknown) => this.logger.error({ err: error, tenantId, agentNo }, 'auto-dial failed'))
      .finally(() => this.dialing.delete(key));
    this.dialing.set(key, attempt);
  }

  /** A task was created or changed over the API (resumed, numbers added): told to supervisors; agents waiting on this node look again. */
  taskChanged(task: DialerTaskRecord, change: DialerTaskChange): void {
    const tenant = this.deps.tenants.get(task.tenantId);
    if (tenant) void this.attempts.announce(tenant, task, change);
    this.predictive.taskChanged(task);
    const prefix = keyOf(task.tenantId, '');
    for (const key of [...this.waiting.keys()]) if (key.startsWith(prefix)) this.agentAvailable(task.tenantId, key.slice(prefix.length));
  }

  /** A call changed: a dialer call's attempt is recorded once its outcome is known, by whichever node sees it. */
  callChanged(call: CallRecord): void {
    if (!call.dialer) return;
    this.predictive.callChanged(call);
    if (this.recorded.has(call.callId)) return;
    const outcome = attemptOutcomeOf(call);
    if (outcome === undefined) return;
    this.recorded.add(call.callId);
    this.attempts
      .recordCallOutcome(call, outcome, this.predictive.abandonRateOf(call))
      .catch((error: unknown) => this.logger.error({ err: error, callId: call.callId }, 'recording a dialer outcome failed'))
      .finally(() => {
        if (call.phase === 'ended') this.recorded.delete(call.callId);
      });
  }

  /** Resolves when every dial attempt started so far has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.dialing.size > 0) await Promise.all(this.dialing.values());
    await this.predictive.idle();
  }

  stop(): void {
    this.stopped = true;
    this.predictive.stop();
    for (const timer of this.waiting.values()) timer.cancel();
    this.waiting.clear();
  }

  private async agentRecord(tenantId: string, agentNo: string, sessionId: string): Promise<DialerAgentRecord> {
    const agent = await this.deps.agents.current(tenantId, agentNo);
    return dialerAgentOf(await this.deps.store.dialer.getAgent(tenantId, agentNo), {
      tenantId,
      agentNo,
      sessionId,
      loginWorkMode: agent.workMode,
    });
  }

  private async dialNext(tenantId: string, agentNo: string): Promise<void> {
    const tenant = this.deps.tenants.get(tenantId);
    const agent = tenant && findAgent(tenant, agentNo);
    if (!tenant || !agent || !tenant.features.outbound) return;
    const record = await this.deps.agents.current(tenantId, agentNo);
    if (!isAvailable(record) || !record.sessionId) return;
    const member = await this.deps.store.dialer.getAgent(tenantId, agentNo);
    if (member?.sessionId !== record.sessionId) return;

    const taskIds = Object.keys(member.tasks).sort();
    this.predictive.agentAvailable(tenantId, agentNo, taskIds);
    let lookAgainAt = this.deps.clock.now() + RECHECK_MAX_MS;
    for (const taskId of taskIds) {
      const task = await this.deps.store.dialer.getTask(tenantId, taskId);
      if (!task || task.paused || task.mode !== 'progressive' || !workModeAllows(member.workMode, task.mode)) continue;
      const now = this.deps.clock.now();
      if (!isWithinOutboundHours(tenant, now) || !isWithinCallingHours(task.callingHours, tenant.outboundHours?.utcOffsetMinutes ?? 0, now))
        continue;
      await this.attempts.recoverLapsedClaims(tenant, task, now);
      const number = await this.attempts.claimDiallable(tenant, task, { owner: this.deps.ownerId, now, leaseMs: progressiveLeaseMs(task) });
      if (!number) {
        const [next] = await this.deps.store.dialer.listDue(tenantId, taskId, Number.MAX_SAFE_INTEGER, 1);
        if (next) lookAgainAt = Math.min(lookAgainAt, next.nextAttemptAt);
        continue;
      }
      const outcome = await startAgentCall(
        { services: this.deps, tenant, agent },
        {
          callType: CallType.PREDICTIVE_OUTBOUND,
          customerNumber: number.number,
          customerDestination: { kind: 'pstn', address: number.number, party: 'customer' },
          callerId: task.callerId ?? tenant.callerIds[0]?.number,
          backupNumbers: [],
          agentAnswerTimeoutMs: AGENT_ANSWER_TIMEOUT_MS,
          customerAnswerTimeoutMs: task.customerAnswerTimeoutSeconds * 1000,
          variables: [...(member.tasks[taskId] ?? []), ...numberVariables(number)],
          cdrIsAsr: 1,
          requireIdle: true,
          dialer: { taskId, number: number.number, owner: this.deps.ownerId, attemptsBefore: number.attempts },
        },
      );
      if (!outcome.ok) {
        // Taken by a queue call, or paused, meanwhile: the number waits for the next available agent.
        await this.deps.store.dialer.releaseClaim(tenantId, taskId, number.number, this.deps.ownerId);
        return;
      }
      await outcome.after?.();
      return;
    }
    this.lookAgain(tenantId, agentNo, Math.max(0, lookAgainAt - this.deps.clock.now()));
  }

  private lookAgain(tenantId: string, agentNo: string, delayMs: number): void {
    if (this.stopped) return;
    const key = keyOf(tenantId, agentNo);
    this.waiting.get(key)?.cancel();
    this.waiting.set(
      key,
      this.deps.clock.schedule(delayMs, () => {
        this.waiting.delete(key);
        this.agentAvailable(tenantId, agentNo);
      }),
    );
  }
}
