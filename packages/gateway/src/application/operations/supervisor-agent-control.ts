/** setPause / setUnpause (spec 7.1) and setOnline / setOffline (7.7): a supervisor's commands on a watched agent. */
import { EndpointType, EventType, type EventPayload, type ValidatedParams } from '@agentsdk/protocol';
import type { AgentCommand } from '../../domain/agent-state.js';
import { agentChannel } from '../../ports/bus.js';
import { failed, succeeded, type Outcome, type WatchedAgentContext } from '../operation-context.js';
import { endpointRefusal } from './endpoint-check.js';

/** Runs a command on the target agent. The target's events follow the supervisor's response, then `andThen` runs. */
async function onTarget(ctx: WatchedAgentContext, command: AgentCommand, andThen?: () => Promise<void>): Promise<Outcome> {
  const { agents } = ctx.services;
  const result = await agents.execute(ctx.tenant.tenantId, ctx.target.agentNo, command);
  if (!result.ok) return failed(result.error, result.message);
  return succeeded({
    after: async () => {
      await agents.applyEffects(result.record, result.effects);
      await andThen?.();
    },
  });
}

export const setPause = (ctx: WatchedAgentContext) => onTarget(ctx, { type: 'setPause' });

export const setUnpause = (ctx: WatchedAgentContext) => onTarget(ctx, { type: 'setUnpause' });

/** A softphone lives in the agent's own browser, so an agent signed in by a supervisor needs a phone or an extension. */
export async function setOnline(ctx: WatchedAgentContext, params: ValidatedParams<'setOnline'>): Promise<Outcome> {
  if (params.bindEndpoint.endpointType === EndpointType.SOFTPHONE) {
    return failed('BAD_PARAM', "bad param: bindEndpoint.endpointType 3 (softphone) needs the agent's own desktop; use 1 or 2");
  }
  const refusal = endpointRefusal(ctx.tenant, params.bindEndpoint);
  if (refusal) return refusal;
  return onTarget(ctx, { type: 'setOnline', bindEndpoint: params.bindEndpoint });
}

export function setOffline(ctx: WatchedAgentContext, params: ValidatedParams<'setOffline'>): Promise<Outcome> {
  const result: EventPayload<'setOfflineResult'> = {
    eventType: EventType.SET_OFFLINE_RESULT,
    agentNo: ctx.target.agentNo,
    result: 'success',
  };
  return onTarget(ctx, { type: 'setOffline', unbindEndpoint: params.unbindEndpoint === 1 }, () =>
    ctx.services.bus.publish(agentChannel(ctx.session.tenantId, ctx.session.agentNo), {
      kind: 'event',
      event: EventType.SET_OFFLINE_RESULT,
      data: result,
      sessionId: ctx.session.sessionId,
    }),
  );
}
