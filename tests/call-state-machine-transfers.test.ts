/**
 * The pure call machine's transfers (docs/10-Key-Flows-Sequence-Diagrams.md "Consult, then complete", "Consult, then
 * three-way", "Blind transfer", "IVR round trip"): next call, effects and refusals.
 */
import { describe, expect, it } from 'vitest';
import { PROMPTS, type CallEvent, type CallRecord } from '../packages/gateway/src/domain/call.js';
import {
  AGENT,
  AGENT_LEG,
  CALL_ID,
  CUSTOMER_LEG,
  IVR_NODES,
  QUEUE,
  actions,
  answered,
  connectedInbound,
  customerLeg,
  dialRequest,
  dialingCustomer,
  ended,
  linkedConsult,
  noticeData,
  notices,
  offeringInbound,
  refusal,
  ringing,
  run,
  startConsult,
  step,
} from './helpers/call-fixtures.js';

const TARGET = '1002';
const CONSULT_LEG = 'leg-consult';

describe('consult (key flow)', () => {
  it('start: the customer holds, the agent gets atxferStart, the target is dialled', () => {
    const { next, effects } = step(connectedInbound(), startConsult());
    expect(next.consult).toEqual({
      legId: CONSULT_LEG,
      targetType: 1,
      target: TARGET,
      targetAgentNo: TARGET,
      state: 'dialing',
      variables: [{ name: 'note', value: 'vip' }],
    });
    expect(next.legs.at(-1)).toMatchObject({ legId: CONSULT_LEG, party: 'agent', agentNo: TARGET });
    expect(effects).toEqual([
      { type: 'setHold', legId: CUSTOMER_LEG, held: true },
      { type: 'play', legId: CUSTOMER_LEG, prompt: PROMPTS.holdMusic },
      {
        type: 'notify',
        agentNo: AGENT,
        event: { event: 'atxferStart', data: expect.objectContaining({ callId: CALL_ID, targetType: 1, target: TARGET }) },
      },
      { type: 'dial', request: dialRequest(CONSULT_LEG, `sip:${TARGET}`) },
    ]);
  });

  it('a customer already on hold is not put on hold again', () => {
    const held = step(connectedInbound(), { type: 'hold' }).next;
    const { next, effects } = step(held, startConsult());
    expect(next.held).toBe(false);
    expect(effects.map((effect) => effect.type)).toEqual(['notify', 'dial']);
  });

  it('the target rings with the consulting agent and the transfer variables, then answers: atxferLink', () => {
    const started = step(connectedInbound(), startConsult()).next;
    const rang = step(started, ringing(CONSULT_LEG));
    expect(rang.effects).toContainEqual({ type: 'agent', agentNo: TARGET, command: { type: 'callRinging', callId: CALL_ID } });
    expect(noticeData(rang.effects, TARGET, 'ringing')).toMatchObject({
      consultingAgentNo: AGENT,
      chanVariables: [{ name: 'note', value: 'vip' }],
    });
    const linked = step(rang.next, answered(CONSULT_LEG));
    expect(linked.next.consult?.state).toBe('linked');
    expect(actions(linked.effects)).toEqual([
      { type: 'connect', legIds: [AGENT_LEG, CONSULT_LEG] },
      { type: 'agent', agentNo: TARGET, command: { type: 'callConnected', callId: CALL_ID } },
    ]);
    expect(notices(linked.effects)).toEqual([`${AGENT}: atxferLink`, `${TARGET}: sessionInit`]);
    expect(noticeData(linked.effects, TARGET, 'sessionInit')).toMatchObject({ consultingAgentNo: AGENT });
  });

  it('resume toggles the agent between the customer and the target, keeping both legs', () => {
    const resumed = step(linkedConsult(), { type: 'resumeConsult' });
    expect(resumed.next.consult?.state).toBe('resumed');
    expect(actions(resumed.effects)).toEqual([
      { type: 'setHold', legId: CONSULT_LEG, held: true },
      { type: 'play', legId: CONSULT_LEG, prompt: PROMPTS.holdMusic },
      { type: 'setHold', legId: CUSTOMER_LEG, held: false },
      { type: 'connect', legIds: [AGENT_LEG, CUSTOMER_LEG] },
    ]);
    expect(noticeData(resumed.effects, AGENT, 'atxferEnded')).toMatchObject({ reason: 'resume', target: TARGET });

    const back = step(resumed.next, { type: 'resumeConsult' });
    expect(back.next.consult?.state).toBe('linked');
    expect(actions(back.effects)).toEqual([
      { type: 'setHold', legId: CUSTOMER_LEG, held: true },
      { type: 'play', legId: CUSTOMER_LEG, prompt: PROMPTS.holdMusic },
      { type: 'setHold', legId: CONSULT_LEG, held: false },
      { type: 'connect', legIds: [AGENT_LEG, CONSULT_LEG] },
    ]);
    expect(notices(back.effects)).toEqual([`${AGENT}: atxferLink`]);
  });

  it('cancel while the target rings: its leg is cancelled, the agent gets the customer back and atxferEnded(cancel)', () => {
    const started = run(connectedInbound(), startConsult(), ringing(CONSULT_LEG)).next;
    const cancelling = step(started, { type: 'cancelConsult' });
    expect(cancelling.effects).toEqual([{ type: 'hangupLeg', legId: CONSULT_LEG, cause: 'cancelled' }]);
    const { next, effects } = step(cancelling.next, ended(CONSULT_LEG, 'cancelled'));
    expect(next.consult).toBeUndefined();
    expect(next.phase).toBe('connected');
    expect(actions(effects)).toEqual([
      { type: 'setHold', legId: CUSTOMER_LEG, held: false },
      { type: 'connect', legIds: [AGENT_LEG, CUSTOMER_LEG] },
      { type: 'agent', agentNo: TARGET, command: { type: 'offerReleased', callId: CALL_ID, reason: 'other' } },
    ]);
    expect(noticeData(effects, AGENT, 'atxferEnded')).toMatchObject({ reason: 'cancel' });
    expect(noticeData(effects, TARGET, 'sessionTerminate')).toMatchObject({ side: 'agent', reason: 'consultEnded' });
  });

  it('cancel after the target answered hangs it up normally; the target, who talked, gets no wrap-up', () => {
    const cancelling = step(linkedConsult(), { type: 'cancelConsult' });
    expect(cancelling.effects).toEqual([{ type: 'hangupLeg', legId: CONSULT_LEG, cause: 'normal' }]);
    const { effects } = step(cancelling.next, ended(CONSULT_LEG));
    expect(effects).toContainEqual({ type: 'agent', agentNo: TARGET, command: { type: 'callEnded', callId: CALL_ID, wrapupSeconds: 0 } });
    expect(noticeData(effects, AGENT, 'atxferEnded')).toMatchObject({ reason: 'cancel' });
  });

  it('the target hangs up after talking: atxferEnded(hangup)', () => {
    const { effects } = step(linkedConsult(), ended(CONSULT_LEG));
    expect(noticeData(effects, AGENT, 'atxferEnded')).toMatchObject({ reason: 'hangup' });
  });

  it('the target fails (busy): the agent gets atxferError with the cause and the customer back', () => {
    const started = step(connectedInbound(), startConsult()).next;
    const { next, effects } = step(started, ended(CONSULT_LEG, 'busy'));
    expect(next.consult).toBeUndefined();
    expect(noticeData(effects, AGENT, 'atxferError')).toMatchObject({ reason: 'busy', targetType: 1, target: TARGET });
    expect(effects).toContainEqual({ type: 'connect', legIds: [AGENT_LEG, CUSTOMER_LEG] });
    expect(effects).toContainEqual({
      type: 'agent',
      agentNo: TARGET,
      command: { type: 'offerReleased', callId: CALL_ID, reason: 'other' },
    });
  });

  it("complete: customer and target talk, the agent leaves into wrap-up, the target becomes the call's agent", () => {
    const { next, effects } = step(linkedConsult(), { type: 'completeConsult' });
    expect(next).toMatchObject({
      phase: 'connected',
      agentNo: TARGET,
      agentLegId: CONSULT_LEG,
      held: false,
      muted: { in: false, out: false },
    });
    expect(next.consult).toBeUndefined();
    expect(actions(effects)).toEqual([
      { type: 'setHold', legId: CUSTOMER_LEG, held: false },
      { type: 'setHold', legId: CONSULT_LEG, held: false },
      { type: 'connect', legIds: [CUSTOMER_LEG, CONSULT_LEG] },
      { type: 'hangupLeg', legId: AGENT_LEG, cause: 'normal' },
      { type: 'agent', agentNo: AGENT, command: { type: 'callEnded', callId: CALL_ID, wrapupSeconds: 15 } },
    ]);
    expect(notices(effects)).toEqual([`${AGENT}: completeAtxferResult`, `${AGENT}: sessionTerminate`, `${TARGET}: callBridged`]);
    expect(noticeData(effects, AGENT, 'completeAtxferResult')).toMatchObject({ result: 'success', target: TARGET });
    expect(noticeData(effects, AGENT, 'sessionTerminate')).toMatchObject({ reason: 'transferred' });
    expect(noticeData(effects, TARGET, 'callBridged')).toMatchObject({ transferredBy: AGENT });

    // The first agent's leg ending does not end the call; the customer hanging up does, with the target's wrap-up.
    expect(step(next, ended(AGENT_LEG)).effects).toEqual([]);
    const over = step(next, ended(CUSTOMER_LEG));
    expect(over.next).toMatchObject({ phase: 'ended', outcome: 'completed' });
    expect(over.effects).toContainEqual({
      type: 'agent',
      agentNo: TARGET,
      command: { type: 'callEnded', callId: CALL_ID, wrapupSeconds: 15 },
    });
  });

  it('refusals name what is missing', () => {
    const dialing = step(connectedInbound(), startConsult()).next;
    expect(refusal(dialing, startConsult('1003'))).toEqual({ error: 'INVALID_STATE', message: 'a consultation is already in progress' });
    expect(refusal(offeringInbound(), startConsult())).toEqual({ error: 'NO_CALL', message: 'no connected call' });
    expect(refusal(dialing, { type: 'resumeConsult' })).toEqual({
      error: 'INVALID_STATE',
      message: 'the consulted party has not answered yet: use cancelAtxfer',
    });
    expect(refusal(dialing, { type: 'completeConsult' })).toEqual({
      error: 'INVALID_STATE',
      message: 'the consulted party has not answered yet',
    });
    expect(refusal(dialing, { type: 'threeway' })).toEqual({ error: 'INVALID_STATE', message: 'the consulted party has not answered yet' });
    for (const type of ['cancelConsult', 'resumeConsult', 'completeConsult', 'threeway'] as const) {
      expect(refusal(connectedInbound(), { type })).toEqual({ error: 'INVALID_STATE', message: 'no consultation' });
    }
  });
});

describe('three-way (key flow)', () => {
  const threeway = () => step(linkedConsult(), { type: 'threeway' }).next;

  it('joins agent, customer and target; both agents get threewayAtxferResult', () => {
    const { next, effects } = step(linkedConsult(), { type: 'threeway' });
    expect(next.threeway).toEqual({ legId: CONSULT_LEG, targetAgentNo: TARGET });
    expect(next.consult).toBeUndefined();
    expect(actions(effects)).toEqual([
      { type: 'setHold', legId: CUSTOMER_LEG, held: false },
      { type: 'setHold', legId: CONSULT_LEG, held: false },
      { type: 'connect', legIds: [AGENT_LEG, CUSTOMER_LEG, CONSULT_LEG] },
    ]);
    expect(notices(effects)).toEqual([`${AGENT}: threewayAtxferResult`, `${TARGET}: threewayAtxferResult`]);
  });

  it('the third party hangs up: agent and customer go on, the third party is released', () => {
    const { next, effects } = step(threeway(), ended(CONSULT_LEG));
    expect(next.threeway).toBeUndefined();
    expect(next.phase).toBe('connected');
    expect(actions(effects)).toEqual([
      { type: 'connect', legIds: [AGENT_LEG, CUSTOMER_LEG] },
      { type: 'agent', agentNo: TARGET, command: { type: 'callEnded', callId: CALL_ID, wrapupSeconds: 0 } },
    ]);
    expect(noticeData(effects, AGENT, 'atxferThreewayUnlink')).toMatchObject({ reason: 'hangup', party: 'target' });
    expect(noticeData(effects, TARGET, 'sessionTerminate')).toMatchObject({ reason: 'threewayEnded' });
  });

  it("the third party's unlink hangs up its own leg only", () => {
    expect(step(threeway(), { type: 'hangup', side: 1, agentNo: TARGET }).effects).toEqual([
      { type: 'hangupLeg', legId: CONSULT_LEG, cause: 'normal' },
    ]);
  });

  it("the agent leaves: customer and third party go on, the third party's agent takes the call", () => {
    const { next, effects } = step(threeway(), { type: 'hangup', side: 1, agentNo: AGENT });
    expect(next).toMatchObject({ phase: 'connected', agentNo: TARGET, agentLegId: CONSULT_LEG });
    expect(next.threeway).toBeUndefined();
    expect(actions(effects)).toEqual([
      { type: 'connect', legIds: [CUSTOMER_LEG, CONSULT_LEG] },
      { type: 'hangupLeg', legId: AGENT_LEG, cause: 'normal' },
      { type: 'agent', agentNo: AGENT, command: { type: 'callEnded', callId: CALL_ID, wrapupSeconds: 15 } },
    ]);
    expect(noticeData(effects, AGENT, 'atxferThreewayUnlink')).toMatchObject({ reason: 'hangup', party: 'agent' });
    expect(noticeData(effects, AGENT, 'sessionTerminate')).toMatchObject({ reason: 'transferred' });
  });

  it('refuses hold and a second consultation during a three-way call', () => {
    expect(refusal(threeway(), { type: 'hold' })).toEqual({
      error: 'INVALID_STATE',
      message: 'not during a consultation or three-way call',
    });
    expect(refusal(threeway(), startConsult('1003'))).toEqual({ error: 'INVALID_STATE', message: 'a consultation is already in progress' });
  });
});

const blind = (
  to: Extract<CallEvent, { type: 'blindTransfer' }>['to'],
  options: { sayAgent?: boolean; holdMusic?: boolean } = {},
): CallEvent => ({
  type: 'blindTransfer',
  to,
  variables: [{ name: 'reason', value: 'billing' }],
  sayAgent: options.sayAgent ?? false,
  holdMusic: options.holdMusic ?? false,
});
const TRANSFER_LEG = 'leg-transfer';
const toAgent = (agentNo = '1003') =>
  blind({ kind: 'leg', leg: dialRequest(TRANSFER_LEG, `sip:${agentNo}`), targetAgentNo: agentNo }, { sayAgent: true });
const toNumber = () => blind({ kind: 'leg', leg: dialRequest(TRANSFER_LEG, '13700000000', 'customer') }, { holdMusic: true });

describe('blind transfer (key flow)', () => {
  it('to an agent: the agent leaves at once, the customer hears ringback, the target is dialled', () => {
    const { next, effects } = step(connectedInbound(), toAgent());
    expect(next).toMatchObject({ phase: 'transferring', transfer: { legId: TRANSFER_LEG, transferredBy: AGENT, targetAgentNo: '1003' } });
    expect(next.agentNo).toBeUndefined();
    expect(next.variables).toContainEqual({ name: 'reason', value: 'billing' });
    expect(actions(effects)).toEqual([
      { type: 'play', legId: CUSTOMER_LEG, prompt: `your agent was ${AGENT}` },
      { type: 'hangupLeg', legId: AGENT_LEG, cause: 'normal' },
      { type: 'agent', agentNo: AGENT, command: { type: 'callEnded', callId: CALL_ID, wrapupSeconds: 15 } },
      { type: 'connect', legIds: [CUSTOMER_LEG] },
      { type: 'play', legId: CUSTOMER_LEG, prompt: PROMPTS.ringback },
      { type: 'dial', request: dialRequest(TRANSFER_LEG, 'sip:1003') },
    ]);
    expect(noticeData(effects, AGENT, 'sessionTerminate')).toMatchObject({ side: 'agent', reason: 'transferred' });
  });

  it("the target agent rings with transferredBy, answers and becomes the call's agent", () => {
    const transferring = step(connectedInbound(), toAgent()).next;
    const rang = step(transferring, ringing(TRANSFER_LEG));
    expect(noticeData(rang.effects, '1003', 'ringing')).toMatchObject({ transferredBy: AGENT });
    const { next, effects } = step(rang.next, answered(TRANSFER_LEG));
    expect(next).toMatchObject({ phase: 'connected', agentNo: '1003', agentLegId: TRANSFER_LEG });
    expect(next.transfer).toBeUndefined();
    expect(actions(effects)).toEqual([
      { type: 'connect', legIds: [CUSTOMER_LEG, TRANSFER_LEG] },
      { type: 'agent', agentNo: '1003', command: { type: 'callConnected', callId: CALL_ID } },
    ]);
    expect(notices(effects)).toEqual(['1003: sessionInit', '1003: callBridged']);
    expect(noticeData(effects, '1003', 'sessionInit')).toMatchObject({ transferredBy: AGENT });
  });

  it('the target does not answer: a queue call goes back to its queue, the target is released', () => {
    const transferring = step(connectedInbound(), toAgent()).next;
    const { next, effects } = step(transferring, ended(TRANSFER_LEG, 'noAnswer'));
    expect(next).toMatchObject({ phase: 'queued', queueNo: QUEUE, declinedBy: [], held: false });
    expect(next.transfer).toBeUndefined();
    expect(actions(effects)).toEqual([
      { type: 'agent', agentNo: '1003', command: { type: 'offerReleased', callId: CALL_ID, reason: 'other' } },
      { type: 'setHold', legId: CUSTOMER_LEG, held: false },
      { type: 'connect', legIds: [CUSTOMER_LEG] },
      { type: 'play', legId: CUSTOMER_LEG, prompt: PROMPTS.queueMusic },
      // The customer waits its queue's timeout again, from now.
      { type: 'schedule', event: 'queueTimeout', delayMs: 60_000 },
      { type: 'route', queueNo: QUEUE },
    ]);
    expect(noticeData(effects, '1003', 'sessionTerminate')).toMatchObject({ reason: 'transferFailed' });
  });

  it('to a number, from a call of no queue: hold music while it rings; its failure ends the call as transferFailed', () => {
    const outbound = run(dialingCustomer(), answered(customerLeg(1))).next;
    const transferring = step(outbound, toNumber());
    expect(transferring.effects).toContainEqual({ type: 'play', legId: customerLeg(1), prompt: PROMPTS.holdMusic });
    expect(transferring.next.legs.at(-1)).toMatchObject({ legId: TRANSFER_LEG, party: 'customer', number: '13700000000' });
    const { next, effects } = step(transferring.next, ended(TRANSFER_LEG, 'busy'));
    expect(next).toMatchObject({ phase: 'ended', outcome: 'transferFailed', hangupSide: 'system' });
    expect(effects).toContainEqual({ type: 'hangupLeg', legId: customerLeg(1), cause: 'normal' });
  });

  it('the customer hanging up while the target rings abandons the call', () => {
    const transferring = step(connectedInbound(), toAgent()).next;
    const { next, effects } = step(transferring, ended(CUSTOMER_LEG));
    expect(next).toMatchObject({ phase: 'ended', outcome: 'abandoned' });
    expect(effects).toContainEqual({ type: 'hangupLeg', legId: TRANSFER_LEG, cause: 'cancelled' });
    expect(noticeData(effects, '1003', 'sessionTerminate')).toMatchObject({ reason: 'abandoned' });
  });

  it('to a queue: the customer waits in that queue from now, for any agent', () => {
    const { next, effects } = step(connectedInbound(), blind({ kind: 'queue', queueNo: 'q2', queueTimeoutMs: 90_000 }), 5_000);
    expect(next).toMatchObject({ phase: 'queued', queueNo: 'q2', queuedAt: 5_000, declinedBy: [] });
    expect(next.agentNo).toBeUndefined();
    expect(actions(effects).slice(-5)).toEqual([
      { type: 'setHold', legId: CUSTOMER_LEG, held: false },
      { type: 'connect', legIds: [CUSTOMER_LEG] },
      { type: 'play', legId: CUSTOMER_LEG, prompt: PROMPTS.queueMusic },
      { type: 'schedule', event: 'queueTimeout', delayMs: 90_000 },
      { type: 'route', queueNo: 'q2' },
    ]);
  });

  it('to a queue: arms the timeout of the queue the customer now waits in; a timer of its first wait is stale', () => {
    const { next, effects } = step(connectedInbound(), blind({ kind: 'queue', queueNo: 'q2', queueTimeoutMs: 90_000 }), 5_000);
    expect(effects).toContainEqual({ type: 'schedule', event: 'queueTimeout', delayMs: 90_000 });
    expect(next).toMatchObject({ phase: 'queued', queueNo: 'q2', queueTimeoutMs: 90_000, queueDeadline: 95_000 });
    // The timer armed when the call first queued fires while it waits again: it lets nobody go.
    expect(step(next, { type: 'queueTimeout' }, 60_000)).toEqual({ next, effects: [] });
    expect(step(next, { type: 'queueTimeout' }, 95_000).next).toMatchObject({ phase: 'ended', outcome: 'queueTimeout' });
  });

  it('to an IVR node: the customer alone walks the IVR from that node', () => {
    const { next, effects } = step(connectedInbound(), blind({ kind: 'ivr', ivrId: 'main', nodeId: 'menu', nodes: IVR_NODES }));
    expect(next).toMatchObject({ phase: 'ivr', ivr: { ivrId: 'main', nodeId: 'menu', mode: 'blind' } });
    expect(next.agentNo).toBeUndefined();
    expect(actions(effects).slice(-2)).toEqual([
      { type: 'connect', legIds: [CUSTOMER_LEG] },
      { type: 'play', legId: CUSTOMER_LEG, prompt: 'press 1 for account, 2 for sales' },
    ]);
  });

  it('refuses a transfer of a call not connected or in a consultation', () => {
    expect(refusal(offeringInbound(), toAgent())).toEqual({ error: 'NO_CALL', message: 'no connected call' });
    expect(refusal(linkedConsult(), toAgent())).toEqual({ error: 'INVALID_STATE', message: 'end the consultation first' });
  });
});

const enterIvr = (returnVariables?: Record<string, string>): CallEvent => ({
  type: 'enterIvr',
  ivrId: 'main',
  nodeId: 'menu',
  nodes: IVR_NODES,
  variables: [{ name: 'lang', value: 'en' }],
  ...(returnVariables ? { returnVariables } : {}),
});
const dtmf = (digits: string, legId = CUSTOMER_LEG): CallEvent => ({ type: 'dtmf', legId, digits });
const inIvr = (returnVariables?: Record<string, string>): CallRecord => step(connectedInbound(), enterIvr(returnVariables)).next;

describe('IVR round trip (key flow)', () => {
  it('transferIvr: the customer hears the menu alone, the agent waits on its own leg', () => {
    const { next, effects } = step(connectedInbound(), enterIvr());
    expect(next).toMatchObject({ phase: 'ivr', agentNo: AGENT, ivr: { ivrId: 'main', nodeId: 'menu', mode: 'interact', digits: '' } });
    expect(next.variables).toContainEqual({ name: 'lang', value: 'en' });
    expect(effects).toEqual([
      { type: 'setHold', legId: CUSTOMER_LEG, held: false },
      { type: 'connect', legIds: [CUSTOMER_LEG] },
      { type: 'connect', legIds: [AGENT_LEG] },
      { type: 'play', legId: CUSTOMER_LEG, prompt: 'press 1 for account, 2 for sales' },
    ]);
  });

  it('menu choice, collected digits, then interactReturn with the renamed variables', () => {
    const chose = step(inIvr({ account: 'accountNo' }), dtmf('1'));
    expect(chose.next.ivr?.nodeId).toBe('account');
    expect(chose.effects).toEqual([{ type: 'play', legId: CUSTOMER_LEG, prompt: 'enter your account then #' }]);
    const typing = step(chose.next, dtmf('12'));
    expect(typing.next.ivr?.digits).toBe('12');
    expect(typing.effects).toEqual([]);
    const { next, effects } = step(typing.next, dtmf('3#'));
    expect(next.phase).toBe('connected');
    expect(next.ivr).toBeUndefined();
    expect(actions(effects)).toEqual([
      { type: 'play', legId: CUSTOMER_LEG, prompt: 'thank you' },
      { type: 'connect', legIds: [AGENT_LEG, CUSTOMER_LEG] },
    ]);
    expect(noticeData(effects, AGENT, 'interactReturn')).toMatchObject({ ivrId: 'main', ivrNode: 'back', variables: { accountNo: '123' } });
  });

  it('without a returnVariables mapping every variable comes back under its own name', () => {
    const { effects } = run(inIvr(), dtmf('1'), dtmf('42#'));
    expect(noticeData(effects, AGENT, 'interactReturn')).toMatchObject({ variables: { account: '42' } });
  });

  it('an invalid menu choice plays the menu again; digits from the agent leg are ignored', () => {
    const call = inIvr();
    expect(step(call, dtmf('7')).effects).toEqual([{ type: 'play', legId: CUSTOMER_LEG, prompt: 'press 1 for account, 2 for sales' }]);
    expect(step(call, dtmf('1', AGENT_LEG))).toEqual({ next: call, effects: [] });
  });

  it('an IVR queue node sends the customer to that queue; the waiting agent leaves into wrap-up', () => {
    const { next, effects } = step(inIvr(), dtmf('2'), 9_000);
    expect(next).toMatchObject({ phase: 'queued', queueNo: 'q2', queuedAt: 9_000 });
    expect(next.agentNo).toBeUndefined();
    expect(effects).toContainEqual({ type: 'hangupLeg', legId: AGENT_LEG, cause: 'normal' });
    expect(effects).toContainEqual({ type: 'route', queueNo: 'q2' });
    // A queue node that does not name its queue's timeout: the customer waits as long as in its first queue.
    expect(effects).toContainEqual({ type: 'schedule', event: 'queueTimeout', delayMs: 60_000 });
    expect(noticeData(effects, AGENT, 'sessionTerminate')).toMatchObject({ reason: 'transferred' });
    const timed = IVR_NODES.map((node) => (node.kind === 'queue' ? { ...node, queueTimeoutMs: 30_000 } : node));
    const throughTimedNode = step(step(connectedInbound(), { ...enterIvr(), nodes: timed } as CallEvent).next, dtmf('2'), 9_000);
    expect(throughTimedNode.effects).toContainEqual({ type: 'schedule', event: 'queueTimeout', delayMs: 30_000 });
    expect(throughTimedNode.next).toMatchObject({ queueDeadline: 39_000 });
  });

  it('an IVR hang-up node says goodbye and ends the call for the system', () => {
    const { next, effects } = step(inIvr(), dtmf('9'));
    expect(next).toMatchObject({ phase: 'ended', outcome: 'completed', hangupSide: 'system' });
    expect(effects[0]).toEqual({ type: 'play', legId: CUSTOMER_LEG, prompt: 'goodbye' });
    expect(noticeData(effects, AGENT, 'sessionTerminate')).toMatchObject({ reason: 'ivrHangup' });
  });

  it("the agent's leg drops during the visit: the customer goes on alone, and the return goes back to the queue", () => {
    const { next, effects } = step(inIvr(), ended(AGENT_LEG));
    expect(next).toMatchObject({ phase: 'ivr', ivr: { mode: 'blind' } });
    expect(next.agentNo).toBeUndefined();
    expect(effects).toContainEqual({ type: 'agent', agentNo: AGENT, command: { type: 'callEnded', callId: CALL_ID, wrapupSeconds: 15 } });
    expect(noticeData(effects, AGENT, 'sessionTerminate')).toMatchObject({ reason: 'hangup' });
    const back = run(next, dtmf('1'), dtmf('5#'));
    expect(back.next).toMatchObject({ phase: 'queued', queueNo: QUEUE });
    expect(back.effects).toContainEqual({ type: 'route', queueNo: QUEUE });
  });

  it('refuses transferIvr on a call not connected, and during a consultation', () => {
    expect(refusal(offeringInbound(), enterIvr())).toEqual({ error: 'NO_CALL', message: 'no connected call' });
    expect(refusal(linkedConsult(), enterIvr())).toEqual({ error: 'INVALID_STATE', message: 'end the consultation first' });
  });
});
