/**
 * Runs call events through the call state machine with optimistic concurrency and applies their effects: the one
 * place where calls reach the store, the telephony driver, the agents, the bus and the timers.
 */
import { randomUUID } from 'node:crypto';
import type { BusinessErrorName } from '@agentsdk/protocol';
import { callSummary, refuse, type CallEffect, type CallEvent, type CallRecord } from '../domain/call.js';
import { inboundCall, inboundIvrCall } from '../domain/call-creation.js';
import { passedVariablesOf } from '../domain/passed-variables.js';
import { callTransition } from '../domain/call-state.js';
import { agentChannel, type Bus, type NodeRequest } from '../ports/bus.js';
import { NodeUnreachableError } from '../ports/node-request-errors.js';
import type { Clock, TimerHandle } from '../ports/clock.js';
import type { Store } from '../ports/store.js';
import type { DtmfTiming, TelephonyDriver, TelephonyEvent } from '../ports/telephony.js';
import { transitionStored } from './compare-and-set.js';
import type { AgentService } from './agent-service.js';
import type { OwnerLiveness } from './owner-liveness.js';
import type { Logger } from '../ports/logger.js';
import type { QueueRouting } from './queue-routing.js';
import { ivrNodesOf } from '../domain/tenant.js';
import type { TenantDirectory } from './tenant-directory.js';

/** Wrap-up after a call that came in through an IVR with no queue node (the queues' default). */
const DEFAULT_WRAPUP_SECONDS = 30;
/** How long the node holding a call's legs may take to apply what another node asks (well within a client's timeout). */
const FORWARD_TIMEOUT_MS = 5_000;
/** How soon a node that served no request, and is not lost, is asked again. */
const UNSERVED_RETRY_MS = 100;

export type CallResult = { ok: true; call: CallRecord; effects: CallEffect[] } | { ok: false; error: BusinessErrorName; message: string };

export class CallService {
  /** Which call each leg belongs to (legs of this node's driver). */
  private readonly legCalls = new Map<string, string>();
  private readonly timers = new Map<string, Set<TimerHandle>>();
  private unsubscribe?: () => void;

  constructor(
    /** This process's boot id: the calls it creates hold their legs here. */
    private readonly ownerId: string,
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly clock: Clock,
    /** Which other nodes are lost: a request to one that is not, but serves none for a moment, is sent again. */
    private readonly liveness: OwnerLiveness,
    private readonly driver: TelephonyDriver,
    private readonly agents: AgentService,
    private readonly tenants: TenantDirectory,
    private readonly logger: Logger,
    /** Where `route` effects go. */
    private readonly routing: QueueRouting,
    private readonly onCallChanged?: (call: CallRecord) => void,
  ) {}

  /** Follows the telephony's events until `stop`. */
  start(): void {
    this.unsubscribe = this.driver.subscribe((event) => {
      this.onTelephonyEvent(event).catch((error: unknown) => this.logger.error({ err: error, event }, 'telephony event failed'));
    });
  }

  stop(): void {
    this.unsubscribe?.();
    for (const timers of this.timers.values()) for (const timer of timers) timer.cancel();
    this.timers.clear();
  }

  newCallId(): string {
    return randomUUID();
  }

  async get(callId: string): Promise<CallRecord | undefined> {
    return (await this.store.calls.get(callId))?.value;
  }

  /**
   * A desktop that signs in while its agent is in a call gets the call as `sessionInit` (`takenOver: true`), with its
   * hold and mute state, so it can show and control it.
   */
  async showCallTo(callId: string, agentNo: string, sessionId: string): Promise<void> {
    const call = await this.get(callId);
    if (!call || call.phase === 'ended') return;
    await this.bus.publish(agentChannel(call.tenantId, agentNo), {
      kind: 'event',
      event: 'sessionInit',
      data: { eventType: 'sessionInit', ...callSummary(call), takenOver: true, held: call.held, muted: call.muted },
      sessionId,
    });
  }

  /** The call offered to or handled by an agent, if any. */
  async callOfAgent(tenantId: string, agentNo: string): Promise<CallRecord | undefined> {
    const agent = await this.agents.current(tenantId, agentNo);
    return agent.callId === undefined ? undefined : this.get(agent.callId);
  }

  /** Stores a new call; false if its id is taken. Its effects are applied by `applyEffects`. */
  async create(call: CallRecord): Promise<boolean> {
    if (!(await this.store.calls.compareAndSet({ ...call, ownerId: this.ownerId }, 0))) return false;
    for (const leg of call.legs) this.legCalls.set(leg.legId, call.callId);
    return true;
  }

  async execute(callId: string, event: CallEvent): Promise<CallResult> {
    const result = await transitionStored(
      () => this.store.calls.get(callId),
      (stored) => (stored ? callTransition(stored.value, event, this.clock.now()) : refuse('NO_CALL', 'no such call')),
      (next, version) => this.store.calls.compareAndSet(next, version),
    );
    return result.ok ? { ok: true, call: result.next, effects: result.effects } : result;
  }

  async executeAndApply(callId: string, event: CallEvent): Promise<CallResult> {
    const result = await this.execute(callId, event);
    if (result.ok) await this.applyEffects(result.call, result.effects);
    return result;
  }

  /**
   * Legs, timers and routing passes of a call live in the node that owns it: another node's transition has its effects
   * applied there. An owner no node serves any more is gone: its legs are too, and the effects apply here.
   */
  async applyEffects(call: CallRecord, effects: CallEffect[]): Promise<void> {
    if (await this.forwarded(call.ownerId, { kind: 'applyCallEffects', call, effects })) return;
    for (const effect of effects) await this.applyEffect(call, effect);
    if (call.phase === 'ended') this.forget(call);
    this.onCallChanged?.(call);
  }

  private async applyEffect(call: CallRecord, effect: CallEffect): Promise<void> {
    switch (effect.type) {
      case 'dial':
        this.legCalls.set(effect.request.legId, call.callId);
        try {
          await this.driver.dial({ ...effect.request, passedVariables: passedVariablesOf(call, effect.request.legId) });
        } catch (error) {
          this.logger.error({ err: error, callId: call.callId }, 'dial failed');
          void this.executeAndApply(call.callId, { type: 'legEnded', legId: effect.request.legId, cause: 'invalid' });
        }
        return;
      case 'answerLeg':
        return this.driver.answer(effect.legId);
      case 'connect':
        return this.driver.connect(effect.legIds);
      case 'monitor':
        return this.driver.monitor(effect.legId, effect.targetLegId, effect.mode);
      case 'hangupLeg':
        return this.driver.hangup(effect.legId, effect.cause);
      case 'setHold':
        return this.driver.setHold(effect.legId, effect.held);
      case 'setMute':
        return this.driver.setMute(effect.legId, effect.direction, effect.muted);
      case 'play':
        return this.driver.play(effect.legId, effect.prompt);
      case 'agent': {
        const result = await this.agents.execute(call.tenantId, effect.agentNo, effect.command);
        if (result.ok) await this.agents.applyEffects(result.record, result.effects);
        else
          this.logger.warn(
            { callId: call.callId, agentNo: effect.agentNo, command: effect.command.type, reason: result.message },
            'agent did not follow the call',
          );
        return;
      }
      case 'notify':
        return this.bus.publish(agentChannel(call.tenantId, effect.agentNo), { kind: 'event', ...effect.event });
      case 'route':
        this.routing.route(call.tenantId, effect.queueNo);
        return;
      case 'schedule': {
        const timers = this.timers.get(call.callId) ?? new Set<TimerHandle>();
        this.timers.set(call.callId, timers);
        const timer = this.clock.schedule(effect.delayMs, () => {
          timers.delete(timer);
          this.executeAndApply(call.callId, { type: effect.event }).catch((error: unknown) =>
            this.logger.error({ err: error, callId: call.callId }, 'call timer failed'),
          );
        });
        timers.add(timer);
        return;
      }
    }
  }

  /** Sends DTMF into a leg of the call, on the node that holds it. */
  async sendDtmf(call: CallRecord, legId: string, digits: string, timing: DtmfTiming): Promise<void> {
    if (await this.forwarded(call.ownerId, { kind: 'sendDtmf', legId, digits, timing })) return;
    await this.driver.sendDtmf(legId, digits, timing);
  }

  /**
   * True when the call's owner is another node and has done the request. When no node serves the owner's requests,
   * the owner is lost (its legs went with it: the request applies here, and the lease watch ends its calls), or it is
   * subscribing again after a Redis restart: then it is asked again until the deadline.
   */
  private async forwarded(ownerId: string | undefined, request: NodeRequest): Promise<boolean> {
    if (ownerId === undefined || ownerId === this.ownerId) return false;
    const deadline = this.clock.now() + FORWARD_TIMEOUT_MS;
    for (;;) {
      try {
        await this.bus.request(ownerId, request, Math.max(1, deadline - this.clock.now()));
        return true;
      } catch (error) {
        if (!(error instanceof NodeUnreachableError)) throw error;
        if (this.clock.now() + UNSERVED_RETRY_MS >= deadline || (await this.isLost(ownerId))) return false;
        await new Promise<void>((resolve) => this.clock.schedule(UNSERVED_RETRY_MS, resolve));
      }
    }
  }

  private async isLost(ownerId: string): Promise<boolean> {
    const lease = (await this.store.leases.list()).find((candidate) => candidate.ownerId === ownerId);
    return lease === undefined || this.liveness.isLost(lease, this.clock.now());
  }

  /** Another node forwarded the effects of a call this node owns (docs/multi-node.md). */
  applyForwardedEffects(call: CallRecord, effects: CallEffect[]): Promise<void> {
    return this.applyEffects({ ...call, ownerId: this.ownerId }, effects);
  }

  /** Another node asked for DTMF into a leg this node holds. */
  sendForwardedDtmf(legId: string, digits: string, timing: DtmfTiming): Promise<void> {
    return this.driver.sendDtmf(legId, digits, timing);
  }

  private forget(call: CallRecord): void {
    for (const timer of this.timers.get(call.callId) ?? []) timer.cancel();
    this.timers.delete(call.callId);
    // Legs still report their end after the call ended; keep them mapped until then.
    for (const leg of call.legs) if (leg.endedAt !== undefined) this.legCalls.delete(leg.legId);
  }

  private async onTelephonyEvent(event: TelephonyEvent): Promise<void> {
    if (event.type === 'incoming') return this.onIncoming(event);
    const callId = this.legCalls.get(event.legId);
    if (!callId) return;
    let callEvent: CallEvent;
    switch (event.type) {
      case 'ringing':
        callEvent = { type: 'legRinging', legId: event.legId };
        break;
      case 'answered':
        callEvent = { type: 'legAnswered', legId: event.legId };
        break;
      case 'dtmf':
        callEvent = { type: 'dtmf', legId: event.legId, digits: event.digits };
        break;
      case 'ended':
        callEvent = { type: 'legEnded', legId: event.legId, cause: event.cause, ...(event.media && { media: event.media }) };
        break;
    }
    const result = await this.executeAndApply(callId, callEvent);
    if (event.type === 'ended' && (!result.ok || result.call.phase === 'ended')) this.legCalls.delete(event.legId);
  }

  private async onIncoming(event: Extract<TelephonyEvent, { type: 'incoming' }>): Promise<void> {
    const tenant = this.tenants.get(event.tenantId);
    const arriving = { callId: event.callId, tenantId: event.tenantId, from: event.from, legId: event.legId };
    let created: { call: CallRecord; effects: CallEffect[] } | undefined;
    if ('ivrId' in event) {
      const ivr = tenant?.ivrs.find((candidate) => candidate.ivrId === event.ivrId);
      // Wrap-up as in the first queue the IVR can hand the call to.
      const queueNo = ivr?.nodes.find((node) => node.kind === 'queue')?.queueNo;
      const wrapupSeconds = tenant?.queues.find((q) => q.queueNo === queueNo)?.wrapupSeconds ?? DEFAULT_WRAPUP_SECONDS;
      created =
        ivr && tenant && inboundIvrCall({ ...arriving, ivrId: ivr.ivrId, nodes: ivrNodesOf(tenant, ivr), wrapupSeconds }, this.clock.now());
    } else {
      const queue = tenant?.queues.find((q) => q.queueNo === event.queueNo);
      const timing = queue && {
        queueNo: queue.queueNo,
        wrapupSeconds: queue.wrapupSeconds,
        queueTimeoutMs: queue.queueTimeoutSeconds * 1000,
      };
      created = timing && inboundCall({ ...arriving, ...timing }, this.clock.now());
    }
    if (!created) {
      await this.driver.hangup(event.legId, 'invalid');
      return;
    }
    if (await this.create(created.call)) await this.applyEffects(created.call, created.effects);
  }
}
