/**
 * Runs agent commands through the state machine with optimistic concurrency, and applies their effects:
 * the one place where agent transitions reach the store, the bus and the timers.
 */
import { CloseCode, EventType, type BusinessErrorName, type ForcedLogoutReason } from '@agentsdk/protocol';
import { offlineAgent, toAgentStatus, type AgentRecord } from '../domain/agent.js';
import { transition, type AgentCommand, type AgentEffect } from '../domain/agent-state.js';
import { agentChannel, type Bus } from '../ports/bus.js';
import type { Clock, TimerHandle } from '../ports/clock.js';
import { transitionStored } from './compare-and-set.js';
import type { Logger } from '../ports/logger.js';
import type { QueueRouting } from './queue-routing.js';
import type { Store } from '../ports/store.js';

/** Attempts before a command gives up on a contended agent (`fail to get lock`, 20103). */

const FORCED_LOGOUT_MESSAGES: Record<ForcedLogoutReason, string> = {
  supervisor: 'signed out by a supervisor',
  sessionKeyRevoked: 'the session key was revoked',
  sessionExpired: 'the session was not resumed in time',
  agentRemoved: 'the agent was removed from the tenant',
};

export type CommandResult =
  | { ok: true; record: AgentRecord; effects: AgentEffect[]; message?: string }
  | { ok: false; error: BusinessErrorName; message: string };

export class AgentService {
  private readonly timers = new Set<TimerHandle>();

  constructor(
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Where `available` effects go. */
    private readonly routing: QueueRouting,
    /** Told after each published status or connection change (the supervisors' queue status feed). */
    private readonly onSupervisorViewChanged?: (record: AgentRecord) => void,
  ) {}

  async current(tenantId: string, agentNo: string): Promise<AgentRecord> {
    return (await this.store.agents.get(tenantId, agentNo))?.value ?? offlineAgent(tenantId, agentNo, this.clock.now());
  }

  /** Stores the command's transition. Its effects are applied by `applyEffects`, after the caller has answered. */
  async execute(tenantId: string, agentNo: string, command: AgentCommand): Promise<CommandResult> {
    const result = await transitionStored(
      () => this.store.agents.get(tenantId, agentNo),
      (stored) => {
        const now = this.clock.now();
        return transition(stored?.value ?? offlineAgent(tenantId, agentNo, now), command, now);
      },
      (next, version) => this.store.agents.compareAndSet(next, version),
    );
    return result.ok ? { ok: true, record: result.next, effects: result.effects, message: result.message } : result;
  }

  /** Executes a command that nobody waits on (timers) and applies its effects at once. */
  async executeAndApply(tenantId: string, agentNo: string, command: AgentCommand): Promise<CommandResult> {
    const result = await this.execute(tenantId, agentNo, command);
    if (result.ok) await this.applyEffects(result.record, result.effects);
    return result;
  }

  async applyEffects(record: AgentRecord, effects: AgentEffect[]): Promise<void> {
    const channel = agentChannel(record.tenantId, record.agentNo);
    for (const effect of effects) {
      switch (effect.type) {
        case 'publishStatus':
          await this.bus.publish(channel, {
            kind: 'event',
            event: EventType.AGENT_STATUS,
            data: { eventType: EventType.AGENT_STATUS, ...toAgentStatus(record) },
          });
          this.onSupervisorViewChanged?.(record);
          break;
        case 'connectionChanged':
          this.onSupervisorViewChanged?.(record);
          break;
        case 'kickOut':
          await this.store.sessions.end(effect.sessionId, 'kickOut', this.clock.now());
          await this.bus.publish(channel, {
            kind: 'event',
            event: EventType.KICK_OUT,
            data: { eventType: EventType.KICK_OUT, reason: 'loggedInElsewhere', sessionId: effect.sessionId },
            sessionId: effect.sessionId,
          });
          await this.bus.publish(channel, {
            kind: 'endSession',
            sessionId: effect.sessionId,
            closeCode: CloseCode.KICKED_OUT,
            reason: 'kicked out',
          });
          break;
        case 'endSession':
          await this.store.sessions.end(effect.sessionId, effect.reason, this.clock.now());
          if (effect.reason === 'logout') {
            await this.bus.publish(channel, {
              kind: 'endSession',
              sessionId: effect.sessionId,
              closeCode: CloseCode.NORMAL,
              reason: 'logout',
            });
            break;
          }
          await this.bus.publish(channel, {
            kind: 'event',
            event: EventType.FORCED_LOGOUT,
            data: {
              eventType: EventType.FORCED_LOGOUT,
              reason: effect.reason,
              sessionId: effect.sessionId,
              message: FORCED_LOGOUT_MESSAGES[effect.reason],
            },
            sessionId: effect.sessionId,
          });
          await this.bus.publish(channel, {
            kind: 'endSession',
            sessionId: effect.sessionId,
            closeCode: CloseCode.FORCED_LOGOUT,
            reason: effect.reason,
          });
          break;
        case 'scheduleWrapupEnd':
          this.scheduleWrapupEnd(record.tenantId, record.agentNo, effect.at);
          break;
        case 'available':
          this.routing.agentAvailable(record.tenantId, record.agentNo);
          break;
      }
    }
  }

  /** Re-arms wrap-up timers after a restart. */
  async resumeTimers(tenantId: string): Promise<void> {
    for (const record of await this.store.agents.list(tenantId)) {
      if (record.wrapupEndsAt !== undefined) this.scheduleWrapupEnd(tenantId, record.agentNo, record.wrapupEndsAt);
    }
  }

  /** Cancels pending timers (gateway shutdown). */
  stop(): void {
    for (const timer of this.timers) timer.cancel();
    this.timers.clear();
  }

  private scheduleWrapupEnd(tenantId: string, agentNo: string, at: number): void {
    const timer = this.clock.schedule(at - this.clock.now(), () => {
      this.timers.delete(timer);
      this.executeAndApply(tenantId, agentNo, { type: 'wrapupEnd' }).catch((error: unknown) =>
        this.logger.error({ err: error, tenantId, agentNo }, 'wrap-up end failed'),
      );
    });
    this.timers.add(timer);
  }
}
