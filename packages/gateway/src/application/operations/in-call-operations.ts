/** Operations on the agent's current call (spec 4.2-4.8): each is one call-machine event, or a DTMF burst. */
import type { ValidatedParams } from '@agentsdk/protocol';
import type { CallEvent } from '../../domain/call.js';
import { failed, succeeded, type Outcome, type SignedInContext } from '../operation-context.js';

const currentCall = (ctx: SignedInContext) => ctx.services.calls.callOfAgent(ctx.session.tenantId, ctx.session.agentNo);

/** Sends an event to the agent's current call; the call's events follow the response. */
async function onCurrentCall(ctx: SignedInContext, event: CallEvent): Promise<Outcome> {
  const call = await currentCall(ctx);
  if (!call) return failed('NO_CALL', 'no call');
  const { calls } = ctx.services;
  const result = await calls.execute(call.callId, event);
  if (!result.ok) return failed(result.error, result.message);
  return succeeded({ after: () => calls.applyEffects(result.call, result.effects) });
}

export const cancelPreviewObCall = (ctx: SignedInContext) => onCurrentCall(ctx, { type: 'cancel' });
export const unlink = (ctx: SignedInContext, params: ValidatedParams<'unlink'>) =>
  onCurrentCall(ctx, { type: 'hangup', side: params.side, agentNo: ctx.session.agentNo });
export const reject = (ctx: SignedInContext, params: ValidatedParams<'reject'>) =>
  onCurrentCall(ctx, params.description === undefined ? { type: 'reject' } : { type: 'reject', description: params.description });
export const hold = (ctx: SignedInContext) => onCurrentCall(ctx, { type: 'hold' });
export const unhold = (ctx: SignedInContext) => onCurrentCall(ctx, { type: 'unhold' });
export const mute = (ctx: SignedInContext, params: ValidatedParams<'mute'>) =>
  onCurrentCall(ctx, { type: 'mute', direction: params.direction });
export const unmute = (ctx: SignedInContext, params: ValidatedParams<'unmute'>) =>
  onCurrentCall(ctx, { type: 'unmute', direction: params.direction });

export async function performSatisfactionSurvey(ctx: SignedInContext): Promise<Outcome> {
  if (!ctx.agent.permissions.includes('survey')) return failed('PERMISSION_DENIED', 'permission denied: no survey permission');
  return onCurrentCall(ctx, { type: 'startSurvey' });
}

/** target 1: into the agent's own leg; 2: to the far end (the customer). */
export async function sendDtmf(ctx: SignedInContext, params: ValidatedParams<'sendDtmf'>): Promise<Outcome> {
  const call = await currentCall(ctx);
  if (call?.phase !== 'connected') return failed('NO_CALL', 'no connected call');
  const legId = params.target === 1 ? call.agentLegId : call.customerLegId;
  if (!legId) return failed('NO_CALL', 'no connected call');
  await ctx.services.calls.sendDtmf(call, legId, params.digits, { durationMs: params.durationMs, gapMs: params.gapMs });
  return succeeded();
}

export async function prolongWrapup(ctx: SignedInContext, params: ValidatedParams<'prolongWrapup'>): Promise<Outcome> {
  const { agents } = ctx.services;
  const result = await agents.execute(ctx.session.tenantId, ctx.session.agentNo, { type: 'prolongWrapup', seconds: params.wrapupTime });
  if (!result.ok) return failed(result.error, result.message);
  return succeeded({ after: () => agents.applyEffects(result.record, result.effects) });
}
