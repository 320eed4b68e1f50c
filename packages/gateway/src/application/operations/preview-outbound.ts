/** previewObCall (spec 4.1): every tenant rule, each refused with the spec's business error code. */
import { randomUUID } from 'node:crypto';
import { CallType, type ValidatedParams } from '@agentsdk/protocol';
import { chooseCallerId, isRestricted, isWithinOutboundHours, normalizeNumber } from '../../domain/outbound-rules.js';
import { failed, succeeded, type Outcome, type SignedInContext } from '../operation-context.js';
import { startAgentCall } from '../use-cases/start-agent-call.js';

export async function previewObCall(ctx: SignedInContext, params: ValidatedParams<'previewObCall'>): Promise<Outcome> {
  const { tenant, agent, services } = ctx;
  if (!tenant.features.outbound) return failed('NO_OB_PERMISSION', 'no ob permission: outbound calling is not enabled for the tenant');
  if (!agent.permissions.includes('outbound'))
    return failed('PERMISSION_DENIED', `permission denied: agent ${agent.agentNo} may not call out`);
  if (!isWithinOutboundHours(tenant, services.clock.now())) return failed('OUTSIDE_CALL_TIME');

  const numbers = [normalizeNumber('customerNumber', params.customerNumber)];
  for (const backup of (params.backupNumber ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '')) {
    numbers.push(normalizeNumber('backupNumber', backup));
  }
  const dialled: string[] = [];
  for (const number of numbers) {
    if (!number.ok) return failed(number.error, number.message);
    if (isRestricted(tenant, number.value)) return failed('RESTRICT_TEL', `restrict tel: ${number.value} may not be dialled`);
    dialled.push(number.value);
  }
  const callerId = chooseCallerId(tenant, params);
  if (!callerId.ok) return failed(callerId.error, callerId.message);

  const requestUniqueId = params.requestUniqueId ?? randomUUID();
  if (params.requestUniqueId !== undefined) {
    const earlier = await services.store.calls.findByRequestUniqueId(tenant.tenantId, agent.agentNo, requestUniqueId);
    // The same request again (a retry after a lost response): answer as before, dial nothing.
    if (earlier) return succeeded({ message: 'ok (already requested)', fields: { requestUniqueId, callId: earlier.callId } });
  }

  const [customerNumber = '', ...backupNumbers] = dialled;
  // A number due in a preview task the agent works: the call carries the task's claim, and the number its variables.
  const preview = await services.dialer.claimPreviewNumber(tenant, agent.agentNo, ctx.session.sessionId, customerNumber);
  const started = await startAgentCall(ctx, {
    callType: CallType.PREVIEW_OUTBOUND,
    customerNumber,
    customerDestination: { kind: 'pstn', address: customerNumber, party: 'customer' },
    callerId: callerId.value,
    backupNumbers,
    agentAnswerTimeoutMs: params.agentAnswerTimeout * 1000,
    customerAnswerTimeoutMs: params.customerAnswerTimeout * 1000,
    variables: [...(params.chanVariables ?? []), ...(preview?.variables ?? [])],
    requestUniqueId,
    cdrIsAsr: params.cdrIsAsr,
    ...(preview && { dialer: preview.tag }),
  });
  if (!started.ok && preview) await services.dialer.releasePreviewNumber(tenant.tenantId, preview.tag);
  return started;
}
