/**
 * spy / whisper / barge / performThreeway and their ends, disconnect and pickup (spec 7.2-7.6): a supervisor's
 * actions on a watched agent's call. The supervisor's own phone (its bound endpoint) joins the call.
 */
import { EventType, type ValidatedParams } from '@agentsdk/protocol';
import type { CallEvent, CallRecord, MonitorKind } from '../../domain/call.js';
import { agentChannel } from '../../ports/bus.js';
import type { DialRequest } from '../../ports/telephony.js';
import { agentDestination, dialRequest, nextLegId } from '../../domain/call-legs.js';
import { failed, succeeded, type Outcome, type SupervisorContext, type WatchedAgentContext } from '../operation-context.js';
import { runWithAgentLocked } from './run-with-agent-locked.js';

/** How long the supervisor's phone rings before the monitoring request gives up. */
const SUPERVISOR_RING_TIMEOUT_MS = 30_000;

const callOf = (ctx: SupervisorContext, agentNo: string) => ctx.services.calls.callOfAgent(ctx.session.tenantId, agentNo);

/** Rings the supervisor's phone on a new leg of the call. */
async function supervisorLeg(ctx: SupervisorContext, call: CallRecord): Promise<DialRequest | undefined> {
  const destination = agentDestination(await ctx.services.agents.current(ctx.session.tenantId, ctx.session.agentNo));
  if (!destination) return undefined;
  return dialRequest(call, nextLegId(call, 'supervisor'), destination, SUPERVISOR_RING_TIMEOUT_MS);
}

/** Joins (or, already on the call, switches to) `kind`. */
function monitorAs(kind: MonitorKind) {
  return async (ctx: WatchedAgentContext): Promise<Outcome> => {
    const call = await callOf(ctx, ctx.target.agentNo);
    if (call?.phase !== 'connected') return failed('NO_CALL', `agent ${ctx.target.agentNo} is not in a call`);
    const supervisor = await ctx.services.agents.current(ctx.session.tenantId, ctx.session.agentNo);
    const leg = await supervisorLeg(ctx, call);
    if (!leg) return failed('BAD_DEST_INTERFACE', 'bad destInterface: you have no endpoint bound');
    const switching = supervisor.callId === call.callId;
    const event: CallEvent = {
      type: 'startMonitor',
      supervisorNo: ctx.session.agentNo,
      kind,
      leg,
      announce: ctx.tenant.announceMonitoring,
    };
    return runWithAgentLocked(ctx.services, call, switching ? undefined : ctx.session.agentNo, false, event);
  };
}

export const spy = monitorAs('spy');
export const whisper = monitorAs('whisper');
export const barge = monitorAs('barge');
export const performThreeway = monitorAs('threeway');

/** unspy / unWhisper: the supervisor leaves the call it monitors. */
export async function stopMonitoring(ctx: SupervisorContext): Promise<Outcome> {
  const call = await callOf(ctx, ctx.session.agentNo);
  if (!call) return failed('INVALID_STATE', 'not monitoring a call');
  return runWithAgentLocked(ctx.services, call, undefined, false, { type: 'stopMonitor', supervisorNo: ctx.session.agentNo });
}

export async function cancelThreeway(ctx: WatchedAgentContext): Promise<Outcome> {
  const call = await callOf(ctx, ctx.target.agentNo);
  if (!call || call.monitor?.supervisorNo !== ctx.session.agentNo)
    return failed('INVALID_STATE', 'not in a three-way call with this agent');
  return runWithAgentLocked(ctx.services, call, undefined, false, { type: 'stopMonitor', supervisorNo: ctx.session.agentNo });
}

export async function disconnect(ctx: WatchedAgentContext, params: ValidatedParams<'disconnect'>): Promise<Outcome> {
  const call = await callOf(ctx, ctx.target.agentNo);
  if (!call) return failed('NO_CALL', `agent ${ctx.target.agentNo} is not in a call`);
  const result = await ctx.services.calls.execute(call.callId, { type: 'forceEnd' });
  if (!result.ok) return failed(result.error, result.message);
  return succeeded({
    after: async () => {
      await ctx.services.bus.publish(agentChannel(ctx.session.tenantId, ctx.session.agentNo), {
        kind: 'event',
        event: EventType.DISCONNECT_RESULT,
        data: { eventType: EventType.DISCONNECT_RESULT, agentNo: params.agentNo, callId: call.callId, result: 'success' },
      });
      await ctx.services.calls.applyEffects(result.call, result.effects);
    },
  });
}

export async function pickup(ctx: WatchedAgentContext): Promise<Outcome> {
  const call = await callOf(ctx, ctx.target.agentNo);
  if (call?.phase !== 'offering') return failed('NO_CALL', `no call ringing at agent ${ctx.target.agentNo}`);
  const leg = await supervisorLeg(ctx, call);
  if (!leg) return failed('BAD_DEST_INTERFACE', 'bad destInterface: you have no endpoint bound');
  return runWithAgentLocked(ctx.services, call, ctx.session.agentNo, false, { type: 'pickup', supervisorNo: ctx.session.agentNo, leg });
}
