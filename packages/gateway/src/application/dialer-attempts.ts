/**
 * The dialer's numbers on the store, for every way of dialling them: claiming the next number a task and the tenant
 * allow, recovering claims whose dialler stopped, and recording each attempt's outcome (with its events: the number's
 * outcome, and the task's end when it was the last number).
 */
import type { ChannelVariable, DialerOutcome, DialerTaskChange } from '@agentsdk/protocol';
import type { CallRecord } from '../domain/call.js';
import {
  countsAsAttempt,
  isDoNotCall,
  nextAttemptAfter,
  type DialerNumberRecord,
  type DialerTaskRecord,
} from '../domain/dialer-campaign.js';
import { isRestricted } from '../domain/outbound-rules.js';
import type { TenantConfig } from '../domain/tenant.js';
import type { Bus } from '../ports/bus.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Store } from '../ports/store.js';
import { DialerEvents } from './dialer-events.js';
import type { TenantDirectory } from './tenant-directory.js';

/** A number's variables as the call's chanVariables: stored with the call record and shown on the screen pop. */
export const numberVariables = (number: DialerNumberRecord): ChannelVariable[] =>
  Object.entries(number.variables).map(([name, value]) => ({ name, value, type: 2 }));

export interface DialerAttemptsDependencies {
  store: Store;
  bus: Bus;
  clock: Clock;
  tenants: TenantDirectory;
}

export class DialerAttempts {
  private readonly events: DialerEvents;

  constructor(
    private readonly deps: DialerAttemptsDependencies,
    private readonly logger: Logger,
  ) {
    this.events = new DialerEvents(deps.bus, deps.store.dialer);
  }

  async announce(tenant: TenantConfig, task: DialerTaskRecord, change: DialerTaskChange, agentNo?: string): Promise<void> {
    await this.events
      .task(tenant, task, change, agentNo)
      .catch((error: unknown) => this.logger.error({ err: error, taskId: task.taskId }, 'dialer task event failed'));
  }

  /** A number's attempt was recorded: its outcome is told, and the task's end when it was the last number. */
  async attemptRecorded(
    tenant: TenantConfig,
    task: DialerTaskRecord,
    attempt: {
      number: string;
      outcome: DialerOutcome;
      attemptsBefore: number;
      nextAttemptAt?: number;
      callId?: string;
      agentNo?: string;
      abandonRate?: number;
    },
  ): Promise<void> {
    const { attemptsBefore, ...rest } = attempt;
    await this.events.numberOutcome(tenant, {
      ...rest,
      taskId: task.taskId,
      attempts: attemptsBefore + (countsAsAttempt(attempt.outcome) ? 1 : 0),
    });
    if (attempt.nextAttemptAt === undefined && (await this.deps.store.dialer.progress(tenant.tenantId, task.taskId)).remaining === 0) {
      await this.announce(tenant, task, 'finished');
    }
  }

  /**
   * A dialer call's attempt ended with `outcome` (`notDialled`: the customer was not called, the number is due as
   * before); a predictive task's event carries the task's measured `abandonRate`.
   */
  async recordCallOutcome(call: CallRecord, outcome: DialerOutcome | 'notDialled', abandonRate?: number): Promise<void> {
    const { store, clock } = this.deps;
    const tag = call.dialer!;
    if (outcome === 'notDialled') {
      await store.dialer.releaseClaim(call.tenantId, tag.taskId, tag.number, tag.owner);
      return;
    }
    const task = await store.dialer.getTask(call.tenantId, tag.taskId);
    const tenant = this.deps.tenants.get(call.tenantId);
    if (!task || !tenant) return;
    const now = clock.now();
    const nextAttemptAt = nextAttemptAfter(task, { attempts: tag.attemptsBefore }, outcome, now);
    const when = nextAttemptAt === undefined ? {} : { nextAttemptAt };
    const recorded = await store.dialer.recordOutcome(call.tenantId, tag.taskId, tag.number, {
      owner: tag.owner,
      outcome,
      at: now,
      callId: call.callId,
      ...when,
    });
    if (!recorded) return;
    await this.attemptRecorded(tenant, task, {
      number: tag.number,
      outcome,
      attemptsBefore: tag.attemptsBefore,
      callId: call.callId,
      ...when,
      ...(call.agentNo === undefined ? {} : { agentNo: call.agentNo }),
      ...(abandonRate === undefined ? {} : { abandonRate }),
    });
  }

  /** Claims whose dialler stopped before the outcome (a node lost, a restart): recorded `interrupted`, retried per policy. */
  async recoverLapsedClaims(tenant: TenantConfig, task: DialerTaskRecord, now: number): Promise<void> {
    const { store } = this.deps;
    for (const lapsed of await store.dialer.listExpiredClaims(task.tenantId, task.taskId, now)) {
      const nextAttemptAt = nextAttemptAfter(task, lapsed, 'interrupted', now);
      const when = nextAttemptAt === undefined ? {} : { nextAttemptAt };
      if (
        await store.dialer.recordOutcome(task.tenantId, task.taskId, lapsed.number, {
          owner: lapsed.claim!.owner,
          outcome: 'interrupted',
          at: now,
          ...when,
        })
      ) {
        await this.attemptRecorded(tenant, task, {
          number: lapsed.number,
          outcome: 'interrupted',
          attemptsBefore: lapsed.attempts,
          ...when,
        });
      }
    }
  }

  /** The task's next due number the task and the tenant allow; one on a do-not-call or blocked list is recorded and passed. */
  async claimDiallable(
    tenant: TenantConfig,
    task: DialerTaskRecord,
    claim: { owner: string; now: number; leaseMs: number },
  ): Promise<DialerNumberRecord | undefined> {
    const { store } = this.deps;
    for (;;) {
      const number = await store.dialer.claimNext(tenant.tenantId, task.taskId, claim);
      if (!number || (!isDoNotCall(task, number.number) && !isRestricted(tenant, number.number))) return number;
      if (
        await store.dialer.recordOutcome(tenant.tenantId, task.taskId, number.number, {
          owner: claim.owner,
          outcome: 'doNotCall',
          at: claim.now,
        })
      ) {
        await this.attemptRecorded(tenant, task, { number: number.number, outcome: 'doNotCall', attemptsBefore: number.attempts });
      }
    }
  }
}
