/**
 * The auto-outbound dialer. In memory on each node: which agents work which task, where each task is in its number
 * list, and each agent's outbound work mode. Whenever an agent working a progressive task becomes available, the
 * dialer places the task's next number to that agent (agent's phone first, then the customer).
 */
import { CallType, type BusinessErrorName, type ChannelVariable } from '@agentsdk/protocol';
import {
  claimNext,
  DEFAULT_OB_WORK_MODE,
  giveBack,
  join,
  leave,
  NEW_TASK_STATE,
  remainingNumbers,
  workModeAllows,
  type DialerTaskState,
  type ObWorkMode,
} from '../domain/dialer-task.js';
import { isRestricted, isWithinOutboundHours } from '../domain/outbound-rules.js';
import { isAvailable } from '../domain/agent-availability.js';
import { findAgent, type AutoDialTask, type TenantConfig } from '../domain/tenant.js';
import type { Logger } from '../ports/logger.js';
import type { GatewayServices } from './operation-context.js';
import { startAgentCall } from './operations/start-agent-call.js';

const AGENT_ANSWER_TIMEOUT_MS = 30_000;
/** How many upcoming numbers ListPreviewDialingTask shows per task. */
const PREVIEW_NUMBERS_SHOWN = 5;

export type DialerRefusal = { ok: false; error: BusinessErrorName; message: string };

export interface PreviewDialingTask {
  taskId: string;
  name: string;
  mode: AutoDialTask['mode'];
  remaining: number;
  numbers: string[];
}

const keyOf = (tenantId: string, id: string) => `${tenantId}\u0000${id}`;

export class DialerService {
  private readonly tasks = new Map<string, DialerTaskState>();
  private readonly workModes = new Map<string, { sessionId: string; workMode: ObWorkMode }>();
  private readonly dialing = new Map<string, Promise<void>>();
  private services?: GatewayServices;

  constructor(private readonly logger: Logger) {}

  /** Set once the gateway's services exist. */
  attach(services: GatewayServices): void {
    this.services = services;
  }

  workModeOf(tenantId: string, agentNo: string, sessionId: string): ObWorkMode {
    const stored = this.workModes.get(keyOf(tenantId, agentNo));
    return stored?.sessionId === sessionId ? stored.workMode : DEFAULT_OB_WORK_MODE;
  }

  changeWorkMode(tenantId: string, agentNo: string, sessionId: string, workMode: ObWorkMode): void {
    this.workModes.set(keyOf(tenantId, agentNo), { sessionId, workMode });
  }

  start(tenant: TenantConfig, agentNo: string, sessionId: string, taskId: string, variables: ChannelVariable[]): { ok: true } | DialerRefusal {
    const task = tenant.autoDialTasks.find((t) => t.taskId === taskId);
    if (!task) return { ok: false, error: 'BAD_PARAM', message: `bad param: taskId ${taskId} is not an auto-dial task of the tenant` };
    const workMode = this.workModeOf(tenant.tenantId, agentNo, sessionId);
    if (!workModeAllows(workMode, task.mode)) {
      return { ok: false, error: 'PERMISSION_DENIED', message: `permission denied: work mode ${workMode} does not allow ${task.mode} task ${taskId}` };
    }
    this.update(tenant.tenantId, taskId, (state) => join(state, agentNo, { sessionId, variables }));
    return { ok: true };
  }

  pause(tenantId: string, agentNo: string, sessionId: string, taskId: string): { ok: true } | DialerRefusal {
    const member = this.tasks.get(keyOf(tenantId, taskId))?.members[agentNo];
    if (member?.sessionId !== sessionId) return { ok: false, error: 'INVALID_STATE', message: `invalid state: not working task ${taskId}` };
    this.update(tenantId, taskId, (state) => leave(state, agentNo));
    return { ok: true };
  }

  previewTasks(tenant: TenantConfig): PreviewDialingTask[] {
    return tenant.autoDialTasks
      .filter((task) => task.mode === 'preview')
      .map((task) => {
        const remaining = remainingNumbers(this.tasks.get(keyOf(tenant.tenantId, task.taskId)) ?? NEW_TASK_STATE, task);
        return { taskId: task.taskId, name: task.name, mode: task.mode, remaining: remaining.length, numbers: remaining.slice(0, PREVIEW_NUMBERS_SHOWN) };
      });
  }

  /** The agent can take a call: dial for it if it works a progressive task. One attempt per agent at a time. */
  agentAvailable(tenantId: string, agentNo: string): void {
    const key = keyOf(tenantId, agentNo);
    if (this.dialing.has(key)) return;
    const attempt = this.dialNext(tenantId, agentNo)
      .catch((error: unknown) => this.logger.error({ err: error, tenantId, agentNo }, 'auto-dial failed'))
      .finally(() => this.dialing.delete(key));
    this.dialing.set(key, attempt);
  }

  /** Resolves when every dial attempt started so far has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.dialing.size > 0) await Promise.all(this.dialing.values());
  }

  private update(tenantId: string, taskId: string, change: (state: DialerTaskState) => DialerTaskState): void {
    const key = keyOf(tenantId, taskId);
    this.tasks.set(key, change(this.tasks.get(key) ?? NEW_TASK_STATE));
  }

  private async dialNext(tenantId: string, agentNo: string): Promise<void> {
    const services = this.services;
    const tenant = services?.tenants.get(tenantId);
    const agent = tenant && findAgent(tenant, agentNo);
    if (!services || !tenant || !agent || !tenant.features.outbound) return;
    if (!isWithinOutboundHours(tenant, services.clock.now())) return;
    const record = await services.agents.current(tenantId, agentNo);
    if (!isAvailable(record) || !record.sessionId) return;
    const sessionId = record.sessionId;

    for (const task of tenant.autoDialTasks) {
      if (task.mode !== 'progressive') continue;
      const member = this.tasks.get(keyOf(tenantId, task.taskId))?.members[agentNo];
      if (!member || member.sessionId !== sessionId) continue;
      if (!workModeAllows(this.workModeOf(tenantId, agentNo, sessionId), task.mode)) continue;
      const number = this.claimDiallable(tenant, task);
      if (number === undefined) continue;
      const outcome = await startAgentCall(
        { services, tenant, agent },
        {
          callType: CallType.PREDICTIVE_OUTBOUND,
          customerNumber: number,
          customerDestination: { kind: 'pstn', address: number, party: 'customer' },
          callerId: task.callerId ?? tenant.callerIds[0]?.number,
          backupNumbers: [],
          agentAnswerTimeoutMs: AGENT_ANSWER_TIMEOUT_MS,
          customerAnswerTimeoutMs: task.customerAnswerTimeoutSeconds * 1000,
          variables: member.variables,
          cdrIsAsr: 1,
          requireIdle: true,
        },
      );
      if (!outcome.ok) {
        // Taken by a queue call, or paused, meanwhile: the number waits for the next available agent.
        this.update(tenantId, task.taskId, (state) => giveBack(state, number));
        return;
      }
      await outcome.after?.();
      return;
    }
  }

  /** The task's next number the tenant's rules allow; restricted numbers are skipped for good. */
  private claimDiallable(tenant: TenantConfig, task: AutoDialTask): string | undefined {
    for (;;) {
      let claimed: string | undefined;
      this.update(tenant.tenantId, task.taskId, (state) => {
        const result = claimNext(state, task);
        claimed = result.number;
        return result.next;
      });
      if (claimed === undefined || !isRestricted(tenant, claimed)) return claimed;
    }
  }
}
