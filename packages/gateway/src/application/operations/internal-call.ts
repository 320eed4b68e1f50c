/** InternalCall (spec 4.9): to another agent of the tenant (targetType 0) or to an extension (1). */
import { CallType, type ValidatedParams } from '@agentsdk/protocol';
import { findAgent } from '../../domain/tenant.js';
import { agentDestination } from '../../domain/call-legs.js';
import { failed, type Outcome, type SignedInContext } from '../operation-context.js';
import { startAgentCall } from '../use-cases/start-agent-call.js';

export async function internalCall(ctx: SignedInContext, params: ValidatedParams<'InternalCall'>): Promise<Outcome> {
  const { tenant, agent, services } = ctx;
  if (!agent.permissions.includes('internalCall'))
    return failed('PERMISSION_DENIED', `permission denied: agent ${agent.agentNo} may not make internal calls`);
  const common = {
    callType: CallType.INTERNAL,
    backupNumbers: [],
    agentAnswerTimeoutMs: params.agentAnswerTimeout * 1000,
    customerAnswerTimeoutMs: params.customerAnswerTimeout * 1000,
    variables: params.chanVariables ?? [],
    requestUniqueId: params.requestUniqueId,
    cdrIsAsr: 1 as const,
    callerId: agent.agentNo,
  };

  if (params.targetType === 1) {
    const destination = { kind: 'extension' as const, address: params.target, party: 'customer' as const };
    if (!tenant.extensions.includes(params.target) || !(await services.telephony.isReachable(tenant.tenantId, destination))) {
      return failed('BAD_DEST_INTERFACE', `bad destInterface: extension ${params.target} is not registered`);
    }
    return startAgentCall(ctx, { ...common, customerNumber: params.target, customerDestination: destination });
  }

  if (params.target === agent.agentNo) return failed('BAD_PARAM', 'bad param: target is the calling agent');
  if (!findAgent(tenant, params.target)) return failed('NO_SUCH_AGENT');
  const callee = await services.agents.current(tenant.tenantId, params.target);
  const destination = agentDestination(callee);
  if (!destination || callee.loginStatus === 0) return failed('NO_SUCH_AGENT', `no such agent: ${params.target} is offline`);
  return startAgentCall(ctx, {
    ...common,
    customerNumber: destination.address,
    customerDestination: destination,
    calleeAgentNo: params.target,
  });
}
