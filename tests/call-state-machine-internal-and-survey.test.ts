/**
 * The pure call machine for an agent calling another agent (internal call), and for the satisfaction survey that
 * may follow a connected call: next call, effects and refusals.
 */
import { describe, expect, it } from 'vitest';
import { CallType } from '@agentsdk/protocol';
import { outboundCall } from '../packages/gateway/src/domain/call-creation.js';
import { PROMPTS, SURVEY_TIMEOUT_MS } from '../packages/gateway/src/domain/call.js';
import {
  AGENT,
  AGENT_LEG,
  CALL_ID,
  CUSTOMER_LEG,
  T0,
  actions,
  answered,
  connectedInbound,
  customerLeg,
  dialRequest,
  ended,
  noticeData,
  notices,
  offeringInbound,
  refusal,
  ringing,
  run,
  step,
} from './helpers/call-fixtures.js';

const CALLEE = '1002';
const CALLEE_PHONE = `sip:${CALLEE}`;

/** As internalCall builds it: the callee's endpoint is the number dialled, and an internal call has no wrap-up. */
function internalCall() {
  return outboundCall(
    {
      callId: CALL_ID,
      tenantId: 't1',
      callType: CallType.INTERNAL,
      agentNo: AGENT,
      agentLeg: dialRequest(AGENT_LEG, `sip:${AGENT}`),
      customerNumber: CALLEE_PHONE,
      customerDestination: { kind: 'softphone', address: CALLEE_PHONE, party: 'agent' },
      calleeAgentNo: CALLEE,
      backupNumbers: [],
      customerAnswerTimeoutMs: 20_000,
      variables: [],
      cdrIsAsr: 0,
      wrapupSeconds: 0,
    },
    T0,
  );
}

describe('internal call', () => {
  it('rings the caller, then the callee with callerAgentNo, and bridges both agents', () => {
    const started = internalCall();
    expect(started.call).toMatchObject({ phase: 'agentDialing', calleeAgentNo: CALLEE });
    expect(started.call.legs[1]).toMatchObject({ legId: customerLeg(1), party: 'agent', agentNo: CALLEE });
    expect(notices(started.effects)).toEqual([]);

    const callerAnswers = run(started.call, ringing(AGENT_LEG), answered(AGENT_LEG));
    expect(notices(callerAnswers.effects)).toEqual([`${AGENT}: sessionInit`]);
    expect(actions(callerAnswers.effects)).toContainEqual({
      type: 'dial',
      request: expect.objectContaining({
        legId: customerLeg(1),
        destination: { kind: 'softphone', address: CALLEE_PHONE, party: 'agent' },
      }),
    });

    const calleeRings = step(callerAnswers.next, ringing(customerLeg(1)));
    expect(actions(calleeRings.effects)).toEqual([{ type: 'agent', agentNo: CALLEE, command: { type: 'callRinging', callId: CALL_ID } }]);
    expect(notices(calleeRings.effects)).toEqual([`${CALLEE}: ringing`]);
    expect(noticeData(calleeRings.effects, CALLEE, 'ringing')).toMatchObject({ callerAgentNo: AGENT, calleeAgentNo: CALLEE });

    const bridged = step(calleeRings.next, answered(customerLeg(1)));
    expect(bridged.next.phase).toBe('connected');
    expect(notices(bridged.effects)).toEqual([`${AGENT}: callBridged`, `${CALLEE}: sessionInit`, `${CALLEE}: callBridged`]);
    expect(actions(bridged.effects)).toEqual([
      { type: 'connect', legIds: [AGENT_LEG, customerLeg(1)] },
      { type: 'agent', agentNo: CALLEE, command: { type: 'callConnected', callId: CALL_ID } },
    ]);
  });

  it('either agent may hang up; both are told and go back without wrap-up', () => {
    const talking = run(internalCall().call, answered(AGENT_LEG), answered(customerLeg(1))).next;
    const asked = step(talking, { type: 'hangup', side: 1, agentNo: CALLEE });
    expect(asked.next.endRequested).toEqual({ outcome: 'completed', side: 'agent' });
    const { next, effects } = step(asked.next, ended(customerLeg(1)));
    expect(next).toMatchObject({ phase: 'ended', outcome: 'completed' });
    expect(notices(effects)).toEqual([`${AGENT}: sessionTerminate`, `${CALLEE}: sessionTerminate`]);
    expect(effects).toContainEqual({ type: 'agent', agentNo: AGENT, command: { type: 'callEnded', callId: CALL_ID, wrapupSeconds: 0 } });
    expect(effects).toContainEqual({ type: 'agent', agentNo: CALLEE, command: { type: 'callEnded', callId: CALL_ID, wrapupSeconds: 0 } });
  });
});

describe('satisfaction survey', () => {
  const inSurvey = () => step(connectedInbound(), { type: 'startSurvey' }, T0 + 10).next;

  it('the agent leaves into wrap-up; the customer hears the survey, with a timeout armed', () => {
    const { next, effects } = step(connectedInbound(), { type: 'startSurvey' }, T0 + 10);
    expect(next).toMatchObject({ phase: 'survey', survey: { startedAt: T0 + 10 } });
    expect(actions(effects)).toEqual([
      { type: 'hangupLeg', legId: AGENT_LEG, cause: 'normal' },
      { type: 'setHold', legId: CUSTOMER_LEG, held: false },
      { type: 'connect', legIds: [CUSTOMER_LEG] },
      { type: 'play', legId: CUSTOMER_LEG, prompt: PROMPTS.survey },
      { type: 'agent', agentNo: AGENT, command: { type: 'callEnded', callId: CALL_ID, wrapupSeconds: 15 } },
      { type: 'schedule', event: 'surveyTimeout', delayMs: SURVEY_TIMEOUT_MS },
    ]);
    expect(noticeData(effects, AGENT, 'sessionTerminate')).toMatchObject({ side: 'agent', reason: 'survey' });
  });

  it('keeps the first digit from 1 to 5, thanks the customer and ends the call without telling the agent again', () => {
    const survey = inSurvey();
    expect(step(survey, { type: 'dtmf', legId: CUSTOMER_LEG, digits: '7#' })).toEqual({ next: survey, effects: [] });
    const rated = step(survey, { type: 'dtmf', legId: CUSTOMER_LEG, digits: '94' });
    expect(rated.next.survey).toEqual({ startedAt: T0 + 10, result: '4' });
    expect(rated.effects).toEqual([
      { type: 'play', legId: CUSTOMER_LEG, prompt: PROMPTS.surveyThanks },
      { type: 'hangupLeg', legId: CUSTOMER_LEG, cause: 'normal' },
    ]);
    expect(step(rated.next, ended(AGENT_LEG)).effects).toEqual([]);
    const { next, effects } = step(rated.next, ended(CUSTOMER_LEG));
    expect(next).toMatchObject({ phase: 'ended', outcome: 'completed', hangupSide: 'customer' });
    expect(notices(effects)).toEqual([]);
  });

  it('ends at the survey timeout; a timeout after the survey changes nothing', () => {
    const { next } = step(inSurvey(), { type: 'surveyTimeout' });
    expect(next).toMatchObject({ phase: 'ended', outcome: 'completed', hangupSide: 'system' });
    const talking = connectedInbound();
    expect(step(talking, { type: 'surveyTimeout' })).toEqual({ next: talking, effects: [] });
  });

  it('refuses a survey of a call not connected, and a hang-up during the survey', () => {
    expect(refusal(offeringInbound(), { type: 'startSurvey' })).toEqual({ error: 'NO_CALL', message: 'no connected call' });
    expect(refusal(inSurvey(), { type: 'hangup', side: 1, agentNo: AGENT })).toEqual({ error: 'NO_CALL', message: 'no call to hang up' });
  });
});
