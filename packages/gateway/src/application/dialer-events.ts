/**
 * The dialer's events: `dialerTask` (started, paused, resumed, changed, finished) and `dialerNumberOutcome`, to the
 * tenant's supervisors and to the agents concerned (the agent who acted or handled the call; every agent working the
 * task when it finishes). Sent on the bus, so they reach each session wherever its socket is.
 */
import { EventType, wireEvent, type DialerOutcome, type DialerTaskChange, type EventPayload, type WireEvent } from '@agentsdk/protocol';
import type { DialerTaskRecord } from '../domain/dialer-campaign.js';
import type { TenantConfig } from '../domain/tenant.js';
import { agentChannel, type Bus } from '../ports/bus.js';
import type { DialerStore } from '../ports/store.js';

export class DialerEvents {
  constructor(
    private readonly bus: Bus,
    private readonly store: DialerStore,
  ) {}

  async task(tenant: TenantConfig, task: DialerTaskRecord, change: DialerTaskChange, agentNo?: string): Promise<void> {
    const data = {
      eventType: EventType.DIALER_TASK,
      taskId: task.taskId,
      name: task.name,
      mode: task.mode,
      change,
      ...(agentNo === undefined ? {} : { agentNo }),
      paused: task.paused,
      progress: await this.store.progress(task.tenantId, task.taskId),
    } satisfies EventPayload<'dialerTask'>;
    const members = change === 'finished' ? await this.membersOf(tenant, task.taskId) : [];
    await this.send(tenant, [...(agentNo === undefined ? [] : [agentNo]), ...members], wireEvent(EventType.DIALER_TASK, data));
  }

  async numberOutcome(
    tenant: TenantConfig,
    attempt: {
      taskId: string;
      number: string;
      outcome: DialerOutcome;
      attempts: number;
      nextAttemptAt?: number;
      callId?: string;
      agentNo?: string;
      abandonRate?: number;
    },
  ): Promise<void> {
    const { nextAttemptAt, ...rest } = attempt;
    const data = {
      eventType: EventType.DIALER_NUMBER_OUTCOME,
      ...rest,
      ...(nextAttemptAt === undefined ? {} : { nextAttemptAt: new Date(nextAttemptAt).toISOString() }),
    } satisfies EventPayload<'dialerNumberOutcome'>;
    await this.send(tenant, attempt.agentNo === undefined ? [] : [attempt.agentNo], wireEvent(EventType.DIALER_NUMBER_OUTCOME, data));
  }

  private async membersOf(tenant: TenantConfig, taskId: string): Promise<string[]> {
    const records = await Promise.all(tenant.agents.map((agent) => this.store.getAgent(tenant.tenantId, agent.agentNo)));
    return records.flatMap((record) => (record && taskId in record.tasks ? [record.agentNo] : []));
  }

  private async send(tenant: TenantConfig, agents: string[], event: WireEvent): Promise<void> {
    const supervisors = tenant.agents.filter((agent) => agent.role === 'supervisor').map((agent) => agent.agentNo);
    for (const agentNo of new Set([...agents, ...supervisors])) {
      await this.bus.publish(agentChannel(tenant.tenantId, agentNo), { kind: 'event', ...event });
    }
  }
}
