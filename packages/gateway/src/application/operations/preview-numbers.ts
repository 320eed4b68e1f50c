/** getPreviewNumber, skipPreviewNumber (ours): an agent works a preview task one number at a time. */
import type { ValidatedParams } from '@agentsdk/protocol';
import { failed, succeeded, type Outcome, type SignedInContext } from '../operation-context.js';

export async function getPreviewNumber(ctx: SignedInContext, params: ValidatedParams<'getPreviewNumber'>): Promise<Outcome> {
  const held = await ctx.services.dialer.holdPreviewNumber(ctx.tenant, ctx.agent.agentNo, ctx.session.sessionId, params.taskId);
  return held.ok ? succeeded({ fields: { ...held.fields } }) : failed(held.error, held.message);
}

export async function skipPreviewNumber(ctx: SignedInContext, params: ValidatedParams<'skipPreviewNumber'>): Promise<Outcome> {
  const skipped = await ctx.services.dialer.skipPreviewNumber(
    ctx.tenant,
    ctx.agent.agentNo,
    ctx.session.sessionId,
    params.taskId,
    params.number,
  );
  return skipped.ok ? succeeded() : failed(skipped.error, skipped.message);
}
