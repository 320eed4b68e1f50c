/**
 * Consult, transfer and IVR operations (spec 5): resolve the target the agent named, lock a target agent for the
 * call, then hand the call machine one event. A refused target leaves the call as it was.
 */
import type { ChannelVariable, ValidatedParams } from '@agentsdk/protocol';
import type { CallEvent, DurationLimit } from '../../domain/call.js';
import { isRestricted, normalizeNumber } from '../../domain/outbound-rules.js';
import { findAgent, ivrNodesOf } from '../../domain/tenant.js';
import type { Destination } from '../../ports/telephony.js';
import { agentDestination, dialRequest, nextLegId } from '../../domain/call-legs.js';
import { failed, type Outcome, type SignedInContext } from '../operation-context.js';
import { runWithAgentLocked } from './run-with-agent-locked.js';

/** How long a consulted or blind-transfer target rings. */
const TARGET_RING_TIMEOUT_MS = 30_000;

type Resolved = { ok: true; destination: Destination; targetAgentNo?: string } | { ok: false; outcome: Outcome };

const currentCall = (ctx: SignedInContext) => ctx.services.calls.callOfAgent(ctx.session.tenantId, ctx.session.agentNo);

/** A number, agent or extension to ring (targetType 0, 1, 2 of startAtxfer and blxfer). */
async function resolveTarget(ctx: SignedInContext, targetType: 0 | 1 | 2, target: string): Promise<Resolved> {
  const { tenant, services } = ctx;
  const refuse = (outcome: Outcome): Resolved => ({ ok: false, outcome });
  if (targetType === 0) {
    const number = normalizeNumber('target', target);
    if (!number.ok) return refuse(failed(number.error, number.message));
    if (isRestricted(tenant, number.value)) return refuse(failed('RESTRICT_TEL', `restrict tel: ${number.value} may not be dialled`));
    return { ok: true, destination: { kind: 'pstn', address: number.value, party: 'customer' } };
  }
  if (targetType === 2) {
    const destination: Destination = { kind: 'extension', address: target, party: 'customer' };
    if (!tenant.extensions.includes(target) || !(await services.telephony.isReachable(tenant.tenantId, destination))) {
      return refuse(failed('BAD_DEST_INTERFACE', `bad destInterface: extension ${target} is not registered`));
    }
    return { ok: true, destination };
  }
  if (target === ctx.session.agentNo) return refuse(failed('BAD_PARAM', 'bad param: target is the transferring agent'));
  if (!findAgent(tenant, target)) return refuse(failed('NO_SUCH_AGENT', `no such agent: ${target}`));
  const record = await services.agents.current(tenant.tenantId, target);
  const destination = agentDestination(record);
  if (record.loginStatus === 0 || !destination) return refuse(failed('NO_SUCH_AGENT', `no such agent: ${target} is offline`));
  return { ok: true, destination, targetAgentNo: target };
}

async function onCurrentCall(ctx: SignedInContext, event: CallEvent): Promise<Outcome> {
  const call = await currentCall(ctx);
  if (!call) return failed('NO_CALL', 'no call');
  return runWithAgentLocked(ctx.services, call, undefined, false, event);
}

function needsTransferPermission(ctx: SignedInContext): Outcome | undefined {
  return ctx.agent.permissions.includes('transfer')
    ? undefined
    : failed('PERMISSION_DENIED', `permission denied: agent ${ctx.agent.agentNo} may not transfer calls`);
}

export async function startAtxfer(ctx: SignedInContext, params: ValidatedParams<'startAtxfer'>): Promise<Outcome> {
  const denied = needsTransferPermission(ctx);
  if (denied) return denied;
  const call = await currentCall(ctx);
  if (call?.phase !== 'connected') return failed('NO_CALL', 'no connected call');
  const target = await resolveTarget(ctx, params.targetType, params.target);
  if (!target.ok) return target.outcome;
  return runWithAgentLocked(ctx.services, call, target.targetAgentNo, false, {
    type: 'startConsult',
    leg: dialRequest(call, nextLegId(call, 'target'), target.destination, TARGET_RING_TIMEOUT_MS),
    targetType: params.targetType,
    target: params.target,
    ...(target.targetAgentNo ? { targetAgentNo: target.targetAgentNo } : {}),
    variables: (params.chanVariables ?? []) as ChannelVariable[],
  });
}

export const cancelAtxfer = (ctx: SignedInContext) => onCurrentCall(ctx, { type: 'cancelConsult' });
export const resumeAtxfer = (ctx: SignedInContext) => onCurrentCall(ctx, { type: 'resumeConsult' });

function durationLimitOf(params: ValidatedParams<'completeAtxfer'>): DurationLimit | undefined {
  if (params.durationLimit === undefined) return undefined;
  const limit: DurationLimit = { limitSeconds: params.durationLimit, preAlertSeconds: params.preAlertSeconds };
  if (params.preAlertAudioFile !== undefined) limit.preAlertAudioFile = params.preAlertAudioFile;
  return limit;
}

export const completeAtxfer = (ctx: SignedInContext, params: ValidatedParams<'completeAtxfer'>) =>
  onCurrentCall(ctx, { type: 'completeConsult', limit: durationLimitOf(params) });

export const threewayAtxfer = (ctx: SignedInContext, params: ValidatedParams<'threewayAtxfer'>) =>
  onCurrentCall(ctx, { type: 'threeway', limit: durationLimitOf(params) });

export async function blxfer(ctx: SignedInContext, params: ValidatedParams<'blxfer'>): Promise<Outcome> {
  const denied = needsTransferPermission(ctx);
  if (denied) return denied;
  const call = await currentCall(ctx);
  if (call?.phase !== 'connected') return failed('NO_CALL', 'no connected call');
  const common = {
    type: 'blindTransfer' as const,
    variables: (params.blxferVariables ?? []) as ChannelVariable[],
    sayAgent: params.blxferDialSayAgent === 1,
    holdMusic: params.blxferDialAgentHold === 1,
  };
  if (params.targetType === 3) {
    const queue = ctx.tenant.queues.find((candidate) => candidate.queueNo === params.target);
    if (!queue) return failed('BAD_PARAM', `bad param: no queue ${params.target} in the tenant`);
    return runWithAgentLocked(ctx.services, call, undefined, false, {
      ...common,
      to: { kind: 'queue', queueNo: queue.queueNo, queueTimeoutMs: queue.queueTimeoutSeconds * 1000 },
    });
  }
  if (params.targetType === 4) {
    const [ivrId = '', nodeId = ''] = params.target.split(':');
    const ivr = ctx.tenant.ivrs.find((candidate) => candidate.ivrId === ivrId);
    if (!ivr?.nodes.some((node) => node.id === nodeId))
      return failed('BAD_PARAM', `bad param: no IVR node ${params.target} (format <ivrId>:<ivrNode>)`);
    return runWithAgentLocked(ctx.services, call, undefined, false, {
      ...common,
      to: { kind: 'ivr', ivrId, nodeId, nodes: ivrNodesOf(ctx.tenant, ivr) },
    });
  }
  const target = await resolveTarget(ctx, params.targetType, params.target);
  if (!target.ok) return target.outcome;
  const leg = dialRequest(call, nextLegId(call, 'target'), target.destination, TARGET_RING_TIMEOUT_MS);
  return runWithAgentLocked(ctx.services, call, target.targetAgentNo, true, {
    ...common,
    to: target.targetAgentNo ? { kind: 'leg', leg, targetAgentNo: target.targetAgentNo } : { kind: 'leg', leg },
  });
}

export async function transferIvr(ctx: SignedInContext, params: ValidatedParams<'transferIvr'>): Promise<Outcome> {
  if (!ctx.agent.permissions.includes('ivr'))
    return failed('PERMISSION_DENIED', `permission denied: agent ${ctx.agent.agentNo} may not use IVR transfers`);
  const ivrId = String(params.ivrTarget.ivrId);
  const ivr = ctx.tenant.ivrs.find((candidate) => candidate.ivrId === ivrId);
  if (!ivr) return failed('BAD_PARAM', `bad param: no IVR ${ivrId} in the tenant`);
  if (!ivr.nodes.some((node) => node.id === params.ivrTarget.ivrNode))
    return failed('BAD_PARAM', `bad param: IVR ${ivrId} has no node ${params.ivrTarget.ivrNode}`);
  const call = await currentCall(ctx);
  if (!call) return failed('NO_CALL', 'no call');
  return runWithAgentLocked(ctx.services, call, undefined, false, {
    type: 'enterIvr',
    ivrId,
    nodeId: params.ivrTarget.ivrNode,
    nodes: ivrNodesOf(ctx.tenant, ivr),
    variables: (params.chanVariables ?? []) as ChannelVariable[],
    ...(params.returnVariables ? { returnVariables: params.returnVariables } : {}),
  });
}
