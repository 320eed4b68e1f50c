/**
 * Blind transfer (spec 5.4) and IVR visits (spec 5.5). A blind transfer hands the customer to a number, an agent,
 * an extension, a queue or an IVR node and frees the agent at once. transferIvr sends the customer through an IVR
 * while the agent waits; the IVR's return brings them back together with `interactReturn`.
 */
import {
  PROMPTS,
  agentLeaves,
  endCall,
  newLeg,
  notify,
  refuse,
  type CallEffect,
  type CallEvent,
  type CallRecord,
  type CallTransitionResult,
  type IvrNode,
  type IvrVisit,
} from './call.js';
import { enterNode, pressDigits, returnedVariables, type IvrStep } from './ivr-navigation.js';

type BlindTransfer = Extract<CallEvent, { type: 'blindTransfer' }>;
type EnterIvr = Extract<CallEvent, { type: 'enterIvr' }>;

const ok = (next: CallRecord, effects: CallEffect[]): CallTransitionResult => ({ ok: true, next, effects });

function mayTransfer(call: CallRecord): CallTransitionResult | undefined {
  if (call.phase !== 'connected' || !call.customerLegId || !call.agentNo) return refuse('NO_CALL', 'no connected call');
  if (call.consult || call.threeway) return refuse('INVALID_STATE', 'end the consultation first');
  return undefined;
}

/**
 * Back into a queue, at its original place: the customer waits for the next agent, and is let go after the queue's
 * timeout (`queueTimeoutMs`, else the timeout of the queue the call waited in before).
 */
function requeue(
  call: CallRecord,
  queueNo: string,
  now: number,
  queueTimeoutMs = call.queueTimeoutMs,
): { next: CallRecord; effects: CallEffect[] } {
  const next: CallRecord = { ...call, phase: 'queued', queueNo, queuedAt: call.queuedAt ?? now, declinedBy: [], held: false };
  for (const key of ['agentNo', 'agentLegId', 'transfer', 'ivr', 'queueTimeoutMs', 'queueDeadline'] as const) delete next[key];
  if (queueTimeoutMs !== undefined) Object.assign(next, { queueTimeoutMs, queueDeadline: now + queueTimeoutMs });
  const effects: CallEffect[] = call.customerLegId
    ? [
        { type: 'setHold', legId: call.customerLegId, held: false },
        { type: 'connect', legIds: [call.customerLegId] },
        { type: 'play', legId: call.customerLegId, prompt: PROMPTS.queueMusic },
      ]
    : [];
  if (queueTimeoutMs !== undefined) effects.push({ type: 'schedule', event: 'queueTimeout', delayMs: queueTimeoutMs });
  effects.push({ type: 'route', queueNo });
  return { next, effects };
}

export function blindTransfer(call: CallRecord, event: BlindTransfer, now: number): CallTransitionResult {
  const refusal = mayTransfer(call);
  if (refusal || !call.customerLegId) return refusal ?? refuse('NO_CALL', 'no connected call');
  const customerLegId = call.customerLegId;
  const leaving = { ...call, variables: [...call.variables, ...event.variables] };
  const effects: CallEffect[] = [];
  if (event.sayAgent && call.agentNo) effects.push({ type: 'play', legId: customerLegId, prompt: `your agent was ${call.agentNo}` });
  effects.push(...agentLeaves(leaving, 'transferred'));
  const base: CallRecord = { ...leaving, held: false, muted: { in: false, out: false } };
  delete base.agentNo;
  delete base.agentLegId;

  switch (event.to.kind) {
    case 'queue': {
      const queued = requeue(base, event.to.queueNo, now, event.to.queueTimeoutMs);
      return ok({ ...queued.next, queuedAt: now }, [...effects, ...queued.effects]);
    }
    case 'ivr': {
      const visit: IvrVisit = {
        ivrId: event.to.ivrId,
        nodeId: event.to.nodeId,
        mode: 'blind',
        nodes: event.to.nodes,
        variables: {},
        digits: '',
      };
      const entered = enterNode(visit, event.to.nodeId);
      const into = ivrStep({ ...base, phase: 'ivr', ivr: entered.visit }, entered, now);
      return into.ok ? ok(into.next, [...effects, { type: 'connect', legIds: [customerLegId] }, ...into.effects]) : into;
    }
    case 'leg': {
      const { leg, targetAgentNo } = event.to;
      const next: CallRecord = {
        ...base,
        phase: 'transferring',
        transfer: { legId: leg.legId, transferredBy: call.agentNo, ...(targetAgentNo ? { targetAgentNo } : {}) },
        legs: [...base.legs, newLeg(leg.legId, targetAgentNo ? 'agent' : 'customer', leg.destination.address, now, targetAgentNo)],
      };
      effects.push(
        { type: 'connect', legIds: [customerLegId] },
        { type: 'play', legId: customerLegId, prompt: event.holdMusic ? PROMPTS.holdMusic : PROMPTS.ringback },
        { type: 'dial', request: leg },
      );
      return ok(next, effects);
    }
  }
}

export function transferLegRinging(call: CallRecord): CallTransitionResult {
  const target = call.transfer?.targetAgentNo;
  if (!target) return ok(call, []);
  return ok(call, [
    { type: 'agent', agentNo: target, command: { type: 'callRinging', callId: call.callId } },
    ...notify(call, target, 'ringing', { transferredBy: call.transfer?.transferredBy }),
  ]);
}

export function transferLegAnswered(call: CallRecord, now: number): CallTransitionResult {
  const transfer = call.transfer;
  if (!transfer || !call.customerLegId) return ok(call, []);
  const next: CallRecord = { ...call, phase: 'connected', agentLegId: transfer.legId, answeredAt: call.answeredAt ?? now };
  delete next.transfer;
  if (transfer.targetAgentNo) next.agentNo = transfer.targetAgentNo;
  const effects: CallEffect[] = [{ type: 'connect', legIds: [call.customerLegId, transfer.legId] }];
  if (transfer.targetAgentNo) {
    effects.push(
      ...notify(next, transfer.targetAgentNo, 'sessionInit', { transferredBy: transfer.transferredBy }),
      { type: 'agent', agentNo: transfer.targetAgentNo, command: { type: 'callConnected', callId: call.callId } },
      ...notify(next, transfer.targetAgentNo, 'callBridged'),
    );
  }
  return ok(next, effects);
}

/** The blind-transfer target did not answer: back to the call's queue if it came from one, else the call ends. */
export function transferLegEnded(call: CallRecord, now: number): CallTransitionResult {
  const transfer = call.transfer;
  if (!transfer) return ok(call, []);
  const effects: CallEffect[] = transfer.targetAgentNo
    ? [
        ...notify(call, transfer.targetAgentNo, 'sessionTerminate', { side: 'agent', reason: 'transferFailed' }),
        { type: 'agent', agentNo: transfer.targetAgentNo, command: { type: 'offerReleased', callId: call.callId, reason: 'other' } },
      ]
    : [];
  const next: CallRecord = { ...call };
  delete next.transfer;
  if (call.queueNo) {
    const queued = requeue(next, call.queueNo, now);
    return ok(queued.next, [...effects, ...queued.effects]);
  }
  const ended = endCall(next, 'transferFailed', 'system', now, 'transferFailed');
  return ended.ok ? ok(ended.next, [...effects, ...ended.effects]) : ended;
}

export function startIvrVisit(call: CallRecord, event: EnterIvr, now: number): CallTransitionResult {
  const refusal = mayTransfer(call);
  if (refusal || !call.customerLegId || !call.agentLegId) return refusal ?? refuse('NO_CALL', 'no connected call');
  const visit: IvrVisit = { ivrId: event.ivrId, nodeId: event.nodeId, mode: 'interact', nodes: event.nodes, variables: {}, digits: '' };
  if (event.returnVariables) visit.returnVariables = event.returnVariables;
  const entered = enterNode(visit, event.nodeId);
  const next: CallRecord = { ...call, phase: 'ivr', held: false, variables: [...call.variables, ...event.variables] };
  const step = ivrStep({ ...next, ivr: entered.visit }, entered, now);
  if (!step.ok) return step;
  return ok(step.next, [
    { type: 'setHold', legId: call.customerLegId, held: false },
    { type: 'connect', legIds: [call.customerLegId] },
    { type: 'connect', legIds: [call.agentLegId] },
    ...step.effects,
  ]);
}

export function ivrDigits(call: CallRecord, digits: string, now: number): CallTransitionResult {
  if (!call.ivr) return ok(call, []);
  return ivrStep(call, pressDigits(call.ivr, digits), now);
}

/**
 * A customer's call that arrives in an IVR (a DID mapped to `{ ivrId }`): answered, it walks the IVR from its first
 * node as after a blind transfer, and a queue node hands it to that queue. Undefined when the IVR has no nodes.
 */
export function arriveInIvr(call: CallRecord, ivrId: string, nodes: IvrNode[], now: number): CallTransitionResult {
  const first = nodes[0];
  if (!first || !call.customerLegId) return refuse('BAD_PARAM', `IVR ${ivrId} has no nodes`);
  const visit: IvrVisit = { ivrId, nodeId: first.id, mode: 'blind', nodes, variables: {}, digits: '' };
  const entered = enterNode(visit, first.id);
  const step = ivrStep({ ...call, phase: 'ivr', ivr: entered.visit }, entered, now);
  if (!step.ok) return step;
  return ok(step.next, [
    { type: 'answerLeg', legId: call.customerLegId },
    { type: 'connect', legIds: [call.customerLegId] },
    ...step.effects,
  ]);
}

/** What the caller keyed in (collect nodes) travels on with the call as channel variables, for the next agent's events. */
function withCollectedVariables(call: CallRecord, visit: IvrVisit): CallRecord {
  const collected = Object.entries(visit.variables).map(([name, value]) => ({ name, value, type: 1 as const }));
  if (collected.length === 0) return call;
  const kept = call.variables.filter((variable) => !(variable.name in visit.variables));
  return { ...call, variables: [...kept, ...collected] };
}

/** Plays the step's prompts and follows its exit. */
function ivrStep(call: CallRecord, step: IvrStep, now: number): CallTransitionResult {
  const customerLegId = call.customerLegId;
  if (!customerLegId) return ok(call, []);
  const effects: CallEffect[] = step.prompts.map((prompt) => ({ type: 'play', legId: customerLegId, prompt }));
  const next: CallRecord = { ...call, ivr: step.visit };
  if (!step.exit) return ok(next, effects);
  switch (step.exit.kind) {
    case 'queue': {
      const leaving = call.ivr?.mode === 'interact' ? agentLeaves(next, 'transferred') : [];
      const queued = requeue(withCollectedVariables(next, step.visit), step.exit.queueNo, now, step.exit.queueTimeoutMs);
      return ok({ ...queued.next, queuedAt: now }, [...effects, ...leaving, ...queued.effects]);
    }
    case 'hangup': {
      const ended = endCall(next, 'completed', 'system', now, 'ivrHangup');
      return ended.ok ? ok(ended.next, [...effects, ...ended.effects]) : ended;
    }
    case 'returnToAgent': {
      if (step.visit.mode === 'blind' || !call.agentLegId) {
        if (call.queueNo) {
          const queued = requeue(next, call.queueNo, now);
          return ok(queued.next, [...effects, ...queued.effects]);
        }
        const ended = endCall(next, 'completed', 'system', now, 'ivrHangup');
        return ended.ok ? ok(ended.next, [...effects, ...ended.effects]) : ended;
      }
      const back: CallRecord = { ...next, phase: 'connected' };
      delete back.ivr;
      return ok(back, [
        ...effects,
        { type: 'connect', legIds: [call.agentLegId, customerLegId] },
        ...notify(back, call.agentNo, 'interactReturn', {
          ivrId: step.visit.ivrId,
          ivrNode: step.visit.nodeId,
          variables: returnedVariables(step.visit),
        }),
      ]);
    }
  }
}

/** The waiting agent's leg dropped during an IVR visit: the customer goes on alone, as after a blind transfer. */
export function agentLeftDuringIvr(call: CallRecord): CallTransitionResult {
  if (!call.ivr || !call.agentNo) return ok(call, []);
  const next: CallRecord = { ...call, ivr: { ...call.ivr, mode: 'blind' } };
  delete next.agentNo;
  delete next.agentLegId;
  return ok(next, [
    ...notify(call, call.agentNo, 'sessionTerminate', { side: 'agent', reason: 'hangup' }),
    { type: 'agent', agentNo: call.agentNo, command: { type: 'callEnded', callId: call.callId, wrapupSeconds: call.wrapupSeconds } },
  ]);
}
