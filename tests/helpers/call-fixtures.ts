/**
 * Calls at the points of the key flows (docs/10-Key-Flows-Sequence-Diagrams.md), built by running the pure call
 * machine itself, and readers for the effects it returns. For the call-state-machine tests.
 */
import { CallType } from '@agentsdk/protocol';
import { callTransition } from '../../packages/gateway/src/domain/call-state.js';
import { inboundCall, outboundCall } from '../../packages/gateway/src/domain/call-creation.js';
import type { CallEffect, CallEvent, CallRecord, IvrNode } from '../../packages/gateway/src/domain/call.js';
import type { DialRequest, Destination } from '../../packages/gateway/src/ports/telephony.js';

export const T0 = 1_000;
export const AGENT = '1001';
export const CUSTOMER = '13800000000';
export const CALL_ID = 'call-1';
export const CUSTOMER_LEG = 'leg-customer';
export const AGENT_LEG = 'leg-agent';
export const QUEUE = 'q1';

type Ok = { next: CallRecord; effects: CallEffect[] };

/** A leg to ring: an agent's softphone or a customer's number. */
export function dialRequest(legId: string, address: string, party: Destination['party'] = 'agent'): DialRequest {
  return {
    legId,
    callId: CALL_ID,
    tenantId: 't1',
    destination: { kind: party === 'agent' ? 'softphone' : 'pstn', address, party },
    callerId: '',
    timeoutMs: 20_000,
  };
}

/** Applies `event`, which the machine must accept; returns the next call and the effects. */
export function step(call: CallRecord, event: CallEvent, now = T0): Ok {
  const result = callTransition(call, event, now);
  if (!result.ok) throw new Error(`${event.type} refused: ${result.error} ${result.message}`);
  return { next: result.next, effects: result.effects };
}

/** Applies the events in turn; returns the last call and the effects of the last event. */
export function run(call: CallRecord, ...events: CallEvent[]): Ok {
  let result: Ok = { next: call, effects: [] };
  for (const event of events) result = step(result.next, event);
  return result;
}

/** A customer's call arrives for queue QUEUE. */
export const arrivingInbound = () =>
  inboundCall(
    { callId: CALL_ID, tenantId: 't1', queueNo: QUEUE, from: CUSTOMER, legId: CUSTOMER_LEG, wrapupSeconds: 15, queueTimeoutMs: 60_000 },
    T0,
  );

/** A customer's call waiting in queue QUEUE, its leg answered by the gateway. */
export function queuedInbound(): CallRecord {
  return step(arrivingInbound().call, answered(CUSTOMER_LEG)).next;
}

export const offer = (agentNo = AGENT, legId = AGENT_LEG): CallEvent => ({
  type: 'offered',
  agentNo,
  agentLeg: dialRequest(legId, `sip:${agentNo}`),
});
export const ringing = (legId: string): CallEvent => ({ type: 'legRinging', legId });
export const answered = (legId: string): CallEvent => ({ type: 'legAnswered', legId });
export const ended = (legId: string, cause: Extract<CallEvent, { type: 'legEnded' }>['cause'] = 'normal'): CallEvent => ({
  type: 'legEnded',
  legId,
  cause,
});

/** The queue call offered to AGENT, its phone ringing. */
export function offeringInbound(): CallRecord {
  return run(queuedInbound(), offer(), ringing(AGENT_LEG)).next;
}

/** AGENT talks with the customer of a queue call. */
export function connectedInbound(): CallRecord {
  return run(offeringInbound(), answered(AGENT_LEG)).next;
}

/** AGENT's preview outbound call to CUSTOMER: the agent's phone rings first. */
export function previewOutbound(backupNumbers: string[] = []) {
  return outboundCall(
    {
      callId: CALL_ID,
      tenantId: 't1',
      callType: CallType.PREVIEW_OUTBOUND,
      agentNo: AGENT,
      agentLeg: dialRequest(AGENT_LEG, `sip:${AGENT}`),
      customerNumber: CUSTOMER,
      customerDestination: { kind: 'pstn', address: CUSTOMER, party: 'customer' },
      callerId: '01000000000',
      backupNumbers,
      customerAnswerTimeoutMs: 30_000,
      variables: [],
      requestUniqueId: 'req-1',
      cdrIsAsr: 0,
      wrapupSeconds: 10,
    },
    T0,
  );
}

/** The customer's leg of an outbound call: `-c1` for the first number, `-c2` for the first backup… */
export const customerLeg = (attempt: number) => `${CALL_ID}-c${attempt}`;

/** A preview outbound call whose agent answered: the customer's phone rings. */
export function dialingCustomer(backupNumbers: string[] = []): CallRecord {
  return run(previewOutbound(backupNumbers).call, ringing(AGENT_LEG), answered(AGENT_LEG), ringing(customerLeg(1))).next;
}

/** A consultation of agent `target` (leg `leg-consult`) started from a connected queue call. */
export const startConsult = (target = '1002'): CallEvent => ({
  type: 'startConsult',
  leg: dialRequest('leg-consult', `sip:${target}`),
  targetType: 1,
  target,
  targetAgentNo: target,
  variables: [{ name: 'note', value: 'vip' }],
});

/** AGENT and agent 1002 talk on a consult leg; the customer holds. */
export function linkedConsult(): CallRecord {
  return run(connectedInbound(), startConsult(), ringing('leg-consult'), answered('leg-consult')).next;
}

/** A tiny IVR: a menu (1: collect an account number, 2: queue q2, 9: hang up), then back to the agent. */
export const IVR_NODES: IvrNode[] = [
  { id: 'menu', kind: 'menu', prompt: 'press 1 for account, 2 for sales', choices: { '1': 'account', '2': 'sales', '9': 'bye' } },
  { id: 'account', kind: 'collect', prompt: 'enter your account then #', variable: 'account', maxDigits: 6, next: 'thanks' },
  { id: 'thanks', kind: 'prompt', prompt: 'thank you', next: 'back' },
  { id: 'back', kind: 'returnToAgent' },
  { id: 'sales', kind: 'queue', queueNo: 'q2' },
  { id: 'bye', kind: 'hangup', prompt: 'goodbye' },
];

/** The `notify` effects as `agentNo: event` in order, to compare with a key flow's arrows. */
export function notices(effects: CallEffect[]): string[] {
  return effects.flatMap((effect) => (effect.type === 'notify' ? [`${effect.agentNo}: ${effect.event.event}`] : []));
}

/** The payload of the one `event` sent to `agentNo`. */
export function noticeData(effects: CallEffect[], agentNo: string, event: string): Record<string, unknown> {
  const found = effects.filter((effect) => effect.type === 'notify' && effect.agentNo === agentNo && effect.event.event === event);
  if (found.length !== 1) throw new Error(`expected one ${event} to ${agentNo}, got ${found.length}: ${notices(effects).join(', ')}`);
  const [effect] = found;
  return effect?.type === 'notify' ? (effect.event.data as unknown as Record<string, unknown>) : {};
}

/** The effects other than notices, to compare with what telephony and the agent machine must do. */
export function actions(effects: CallEffect[]): CallEffect[] {
  return effects.filter((effect) => effect.type !== 'notify');
}

/** The machine refuses `event`: its error name and message. */
export function refusal(call: CallRecord, event: CallEvent, now = T0): { error: string; message: string } | undefined {
  const result = callTransition(call, event, now);
  return result.ok ? undefined : { error: result.error, message: result.message };
}
