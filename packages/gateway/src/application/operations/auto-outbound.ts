/** startAutoObCallTask, pauseAutoObCallTask, changeObCallMode (spec 4.11–4.13): the agent's side of the dialer. */
import type { ValidatedParams } from '@agentsdk/protocol';
import { callParamsVariables } from '../../domain/dialer-task.js';
import { failed, succeeded, type Outcome, type SignedInContext } from '../operation-context.js';

export async function startAutoObCallTask(ctx: SignedInContext, params: ValidatedParams<'startAutoObCallTask'>): Promise<Outcome> {
  const { tenant, agent, session, services } = ctx;
  if (!tenant.features.outbound) return failed('NO_OB_PERMISSION', 'no ob permission: outbound calling is not enabled for the tenant');
  if (!agent.permissions.includes('outbound'))
    return failed('PERMISSION_DENIED', `permission denied: agent ${agent.agentNo} may not call out`);
  const variables = callParamsVariables(params.callParams);
  if (!variables.ok) return failed('BAD_PARAM', `bad param: ${variables.message}`);
  const joined = await services.dialer.start(tenant, agent.agentNo, session.sessionId, params.taskId, variables.variables);
  if (!joined.ok) return failed(joined.error, joined.message);
  // An idle agent is dialled at once, after this response.
  return succeeded({
    after: async () => {
      await joined.announce();
      services.dialer.agentAvailable(tenant.tenantId, agent.agentNo);
    },
  });
}

export async function pauseAutoObCallTask(ctx: SignedInContext, params: ValidatedParams<'pauseAutoObCallTask'>): Promise<Outcome> {
  const left = await ctx.services.dialer.pause(ctx.tenant, ctx.agent.agentNo, ctx.session.sessionId, params.taskId);
  return left.ok ? succeeded({ after: left.announce }) : failed(left.error, left.message);
}

export async function changeObCallMode(ctx: SignedInContext, params: ValidatedParams<'changeObCallMode'>): Promise<Outcome> {
  await ctx.services.dialer.changeWorkMode(ctx.tenant.tenantId, ctx.agent.agentNo, ctx.session.sessionId, params.workMode);
  return succeeded({ after: async () => ctx.services.dialer.agentAvailable(ctx.tenant.tenantId, ctx.agent.agentNo) });
}
