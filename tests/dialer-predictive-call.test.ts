/**
 * The call machine's predictive calls (domain/dialer-predictive-call.ts): the customer first, then an agent offered
 * the answered customer, and the 2 s rule that abandons a customer no agent took, after a message.
 */
import { describe, expect, it } from 'vitest';
import { PROMPTS, type CallEvent, type CallRecord } from '../packages/gateway/src/domain/call.js';
import { ABANDON_MESSAGE_MS, predictiveCall } from '../packages/gateway/src/domain/dialer-predictive-call.js';
import {
  AGENT,
  AGENT_LEG,
  CALL_ID,
  T0,
  actions,
  answered,
  ended,
  notices,
  offer,
  refusal,
  ringing,
  step,
} from './helpers/call-fixtures.js';

const NUMBER = '13900009999';
const CUSTOMER_LEG = `${CALL_ID}-c1`;

function dialled(): CallRecord {
  return predictiveCall(
    {
      callId: CALL_ID,
      tenantId: 't1',
      customerNumber: NUMBER,
      callerId: '02188880000',
      customerAnswerTimeoutMs: 30_000,
      variables: [{ name: 'customerName', value: 'Ada', type: 2 }],
      dialer: { taskId: 'p1', number: NUMBER, owner: 'node-a', attemptsBefore: 0 },
    },
    T0,
  ).call;
}

const waiting = () => step(step(dialled(), ringing(CUSTOMER_LEG)).next, answered(CUSTOMER_LEG), T0 + 500).next;

describe('predictive call: customer first', () => {
  it('rings only the customer, with no agent on the call', () => {
    const { call, effects } = predictiveCall(
      {
        callId: CALL_ID,
        tenantId: 't1',
        customerNumber: NUMBER,
        customerAnswerTimeoutMs: 30_000,
        variables: [],
        dialer: { taskId: 'p1', number: NUMBER, owner: 'node-a', attemptsBefore: 0 },
      },
      T0,
    );
    expect(call).toMatchObject({ phase: 'customerDialing', callType: 5, customerLegId: CUSTOMER_LEG, legs: [{ party: 'customer' }] });
    expect(call.agentNo).toBeUndefined();
    expect(effects).toEqual([
      {
        type: 'dial',
        request: {
          legId: CUSTOMER_LEG,
          callId: CALL_ID,
          tenantId: 't1',
          destination: { kind: 'pstn', address: NUMBER, party: 'customer' },
          callerId: '',
          timeoutMs: 30_000,
        },
      },
    ]);
  });

  it('waits for an agent once the customer answers, for 2 s at most', () => {
    const rang = step(dialled(), ringing(CUSTOMER_LEG));
    expect(rang.effects).toEqual([]);
    const { next, effects } = step(rang.next, answered(CUSTOMER_LEG), T0 + 500);
    expect(next.phase).toBe('awaitingAgent');
    expect(next.answeredAt).toBeUndefined();
    expect(effects).toEqual([{ type: 'schedule', event: 'abandonTimeout', delayMs: 2_000 }]);
  });

  it('connects the agent it is offered to: ringing with the number variables, then sessionInit and callBridged', () => {
    const offered = step(waiting(), { ...(offer() as Extract<CallEvent, { type: 'offered' }>), wrapupSeconds: 15 });
    expect(offered.next).toMatchObject({ phase: 'offering', agentNo: AGENT, wrapupSeconds: 15 });
    const rang = step(offered.next, ringing(AGENT_LEG));
    expect(notices(rang.effects)).toEqual([`${AGENT}: ringing`]);
    const talking = step(rang.next, answered(AGENT_LEG), T0 + 900);
    expect(talking.next).toMatchObject({ phase: 'connected', answeredAt: T0 + 900 });
    expect(actions(talking.effects)).toContainEqual({ type: 'connect', legIds: [CUSTOMER_LEG, AGENT_LEG] });
    expect(notices(talking.effects)).toEqual([`${AGENT}: sessionInit`, `${AGENT}: callBridged`]);
    // A connected call is past the 2 s rule.
    expect(step(talking.next, { type: 'abandonTimeout' }).effects).toEqual([]);
  });

  it('waits again when the offered agent does not answer, and is not offered to that agent again', () => {
    const offered = step(waiting(), offer()).next;
    const { next, effects } = step(offered, ended(AGENT_LEG, 'noAnswer'));
    expect(next.phase).toBe('awaitingAgent');
    expect(next.agentNo).toBeUndefined();
    expect(next.declinedBy).toEqual([AGENT]);
    expect(actions(effects)).toEqual([
      { type: 'agent', agentNo: AGENT, command: { type: 'offerReleased', callId: CALL_ID, reason: 'ringNoAnswer' } },
    ]);
  });
});

describe('predictive call: the 2 s rule', () => {
  it('plays the abandon message to a customer no agent took, then ends the call abandoned', () => {
    const timedOut = step(waiting(), { type: 'abandonTimeout' }, T0 + 2_500);
    expect(timedOut.effects).toEqual([
      { type: 'play', legId: CUSTOMER_LEG, prompt: PROMPTS.abandoned },
      { type: 'schedule', event: 'abandonMessagePlayed', delayMs: ABANDON_MESSAGE_MS },
    ]);
    // Nobody is offered the call while the message plays.
    expect(refusal(timedOut.next, offer())).toMatchObject({ error: 'INVALID_STATE' });
    const over = step(timedOut.next, { type: 'abandonMessagePlayed' }, T0 + 5_500);
    expect(over.next).toMatchObject({ phase: 'ended', outcome: 'abandoned', hangupSide: 'system', endedAt: T0 + 5_500 });
    expect(over.effects).toEqual([{ type: 'hangupLeg', legId: CUSTOMER_LEG, cause: 'normal' }]);
  });

  it('releases an agent still ringing at 2 s and tells it the call is gone', () => {
    const ringingAgent = step(step(waiting(), offer()).next, ringing(AGENT_LEG)).next;
    const { next, effects } = step(ringingAgent, { type: 'abandonTimeout' }, T0 + 2_500);
    expect(next).toMatchObject({ phase: 'awaitingAgent', endRequested: { outcome: 'abandoned' } });
    expect(next.agentNo).toBeUndefined();
    expect(actions(effects)).toEqual([
      { type: 'hangupLeg', legId: AGENT_LEG, cause: 'cancelled' },
      { type: 'agent', agentNo: AGENT, command: { type: 'offerReleased', callId: CALL_ID, reason: 'other' } },
      { type: 'play', legId: CUSTOMER_LEG, prompt: PROMPTS.abandoned },
      { type: 'schedule', event: 'abandonMessagePlayed', delayMs: ABANDON_MESSAGE_MS },
    ]);
    expect(notices(effects)).toEqual([`${AGENT}: sessionTerminate`]);
    // The released agent's leg ending does not end the call; the customer's does.
    expect(step(next, ended(AGENT_LEG, 'cancelled')).next.phase).toBe('awaitingAgent');
    expect(step(next, ended(CUSTOMER_LEG)).next).toMatchObject({ phase: 'ended', outcome: 'abandoned' });
  });

  it('ends as the gateway asked when a supervisor disconnects the offer, not as abandoned', () => {
    const offered = step(waiting(), offer()).next;
    const disconnected = step(offered, { type: 'forceEnd' });
    const agentGone = step(disconnected.next, ended(AGENT_LEG, 'cancelled')).next;
    expect(step(agentGone, ended(CUSTOMER_LEG)).next).toMatchObject({ phase: 'ended', outcome: 'cancelled', hangupSide: 'system' });
  });

  it('records a customer who hangs up while waiting as abandoned', () => {
    const { next } = step(waiting(), ended(CUSTOMER_LEG), T0 + 1_000);
    expect(next).toMatchObject({ phase: 'ended', outcome: 'abandoned', hangupSide: 'customer' });
  });

  it('ends unanswered like any outbound call: busy, no answer', () => {
    expect(step(dialled(), ended(CUSTOMER_LEG, 'busy')).next).toMatchObject({ phase: 'ended', outcome: 'customerBusy' });
    expect(step(dialled(), ended(CUSTOMER_LEG, 'noAnswer')).next).toMatchObject({ phase: 'ended', outcome: 'customerNoAnswer' });
  });
});
