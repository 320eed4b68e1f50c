/** logout, pause, unpause, updateBoundEndpoint (spec 3.2-3.4): agent commands on the caller's own agent. */
import type { ValidatedParams } from '@agentsdk/protocol';
import type { AgentCommand } from '../../domain/agent-state.js';
import { findPauseReason } from '../../domain/tenant.js';
import { endpointRefusal } from './endpoint-check.js';
import { failed, succeeded, type Outcome, type SignedInContext } from '../operation-context.js';

/** Runs a command on the signed-in agent; its events follow the response. */
async function onOwnAgent(ctx: SignedInContext, command: AgentCommand): Promise<Outcome> {
  const { agents } = ctx.services;
  const result = await agents.execute(ctx.session.tenantId, ctx.session.agentNo, command);
  if (!result.ok) return failed(result.error, result.message);
  return succeeded({ message: result.message, after: () => agents.applyEffects(result.record, result.effects) });
}

export function logout(ctx: SignedInContext, params: ValidatedParams<'logout'>): Promise<Outcome> {
  return onOwnAgent(ctx, { type: 'logout', mode: params.logoutMode, unbindEndpoint: params.unbindEndpoint === 1 });
}

export async function pause(ctx: SignedInContext, params: ValidatedParams<'pause'>): Promise<Outcome> {
  const reason = findPauseReason(ctx.tenant, params.pauseDescription);
  if (!reason) return failed('UNKNOWN_PAUSE_REASON', `pauseDescription ${params.pauseDescription} is not a pause reason of the tenant`);
  if (reason.pauseType !== params.pauseType) {
    return failed(
      'UNKNOWN_PAUSE_REASON',
      `pauseType ${params.pauseType} does not match pause reason ${reason.description} (pauseType ${reason.pauseType})`,
    );
  }
  return onOwnAgent(ctx, { type: 'pause', pauseType: reason.pauseType, pauseDescription: reason.description });
}

export function unpause(ctx: SignedInContext): Promise<Outcome> {
  return onOwnAgent(ctx, { type: 'unpause' });
}

export function updateBoundEndpoint(ctx: SignedInContext, params: ValidatedParams<'updateBoundEndpoint'>): Promise<Outcome> {
  const refusal = endpointRefusal(ctx.tenant, params.bindEndpoint);
  if (refusal) return Promise.resolve(refusal);
  return onOwnAgent(ctx, { type: 'updateBoundEndpoint', bindEndpoint: params.bindEndpoint });
}
