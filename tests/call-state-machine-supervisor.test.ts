/**
 * The pure call machine with a supervisor on the call (docs/10-Key-Flows-Sequence-Diagrams.md "Supervisor: spy, then
 * barge"): monitoring and switching modes, silent and announced spy, stop, pickup of a ringing call.
 */
import { describe, expect, it } from 'vitest';
import type { CallEvent, CallRecord, MonitorKind } from '../packages/gateway/src/domain/call.js';
import {
  AGENT,
  AGENT_LEG,
  CALL_ID,
  CUSTOMER_LEG,
  actions,
  answered,
  connectedInbound,
  dialRequest,
  ended,
  noticeData,
  notices,
  offeringInbound,
  queuedInbound,
  refusal,
  ringing,
  run,
  step,
} from './helpers/call-fixtures.js';

const SUPERVISOR = '2001';
const SUPERVISOR_LEG = 'leg-supervisor';
const monitor = (kind: MonitorKind, announce = false, supervisorNo = SUPERVISOR): CallEvent => ({
  type: 'startMonitor',
  supervisorNo,
  kind,
  leg: dialRequest(SUPERVISOR_LEG, `sip:${supervisorNo}`),
  announce,
});
/** The supervisor on the call in `kind`, its phone answered. */
const monitoring = (kind: MonitorKind, announce = false): CallRecord =>
  run(connectedInbound(), monitor(kind, announce), ringing(SUPERVISOR_LEG), answered(SUPERVISOR_LEG)).next;
const setMonitoredBy = (by?: { supervisorNo: string; mode: MonitorKind }) =>
  ({
    type: 'agent',
    agentNo: AGENT,
    command: by ? { type: 'setMonitoredBy', callId: CALL_ID, by } : { type: 'setMonitoredBy', callId: CALL_ID },
  }) as const;
const setMonitoring = (mode: MonitorKind) =>
  ({ type: 'agent', agentNo: SUPERVISOR, command: { type: 'setMonitoring', callId: CALL_ID, target: { agentNo: AGENT, mode } } }) as const;

describe('spy, then barge (key flow)', () => {
  it('spy: spyResult to the supervisor, its phone rings, answers and listens; a silent spy tells the agent nothing', () => {
    const started = step(connectedInbound(), monitor('spy'));
    expect(started.next.monitor).toEqual({
      supervisorNo: SUPERVISOR,
      legId: SUPERVISOR_LEG,
      kind: 'spy',
      state: 'dialing',
      announced: false,
    });
    expect(started.next.legs.at(-1)).toMatchObject({ legId: SUPERVISOR_LEG, party: 'agent', agentNo: SUPERVISOR });
    expect(notices(started.effects)).toEqual([`${SUPERVISOR}: spyResult`]);
    expect(noticeData(started.effects, SUPERVISOR, 'spyResult')).toMatchObject({
      result: 'success',
      supervisorNo: SUPERVISOR,
      agentNo: AGENT,
    });
    expect(actions(started.effects)).toEqual([{ type: 'dial', request: dialRequest(SUPERVISOR_LEG, `sip:${SUPERVISOR}`) }]);

    const rang = step(started.next, ringing(SUPERVISOR_LEG));
    expect(rang.effects).toEqual([{ type: 'agent', agentNo: SUPERVISOR, command: { type: 'callRinging', callId: CALL_ID } }]);

    const linked = step(rang.next, answered(SUPERVISOR_LEG));
    expect(linked.next.monitor?.state).toBe('linked');
    expect(actions(linked.effects)).toEqual([
      { type: 'monitor', legId: SUPERVISOR_LEG, targetLegId: AGENT_LEG, mode: 'listen' },
      { type: 'agent', agentNo: SUPERVISOR, command: { type: 'callConnected', callId: CALL_ID } },
      setMonitoring('spy'),
    ]);
    expect(notices(linked.effects)).toEqual([`${SUPERVISOR}: spyLink`]);
  });

  it('an announced spy tells the agent: spyLink and its status show the supervisor', () => {
    const linked = run(connectedInbound(), monitor('spy', true), answered(SUPERVISOR_LEG));
    expect(notices(linked.effects)).toEqual([`${SUPERVISOR}: spyLink`, `${AGENT}: spyLink`]);
    expect(actions(linked.effects)).toContainEqual(setMonitoredBy({ supervisorNo: SUPERVISOR, mode: 'spy' }));
  });

  it('spy -> whisper: the same leg switches mode; the agent now hears and is told', () => {
    const { next, effects } = step(monitoring('spy'), monitor('whisper'));
    expect(next.monitor).toMatchObject({ kind: 'whisper', legId: SUPERVISOR_LEG, state: 'linked' });
    expect(actions(effects)).toEqual([
      { type: 'monitor', legId: SUPERVISOR_LEG, targetLegId: AGENT_LEG, mode: 'whisper' },
      setMonitoredBy({ supervisorNo: SUPERVISOR, mode: 'whisper' }),
      setMonitoring('whisper'),
    ]);
    expect(notices(effects)).toEqual([
      `${SUPERVISOR}: spyUnlink`,
      `${SUPERVISOR}: whisperResult`,
      `${SUPERVISOR}: whisperLink`,
      `${AGENT}: whisperLink`,
    ]);
    expect(noticeData(effects, SUPERVISOR, 'spyUnlink')).toMatchObject({ reason: 'switched' });
  });

  it('whisper -> barge: both are told of the switch; barge is a full participant', () => {
    const { next, effects } = step(monitoring('whisper'), monitor('barge'));
    expect(next.monitor?.kind).toBe('barge');
    expect(effects[0]).toEqual({ type: 'monitor', legId: SUPERVISOR_LEG, targetLegId: AGENT_LEG, mode: 'barge' });
    expect(notices(effects)).toEqual([
      `${SUPERVISOR}: whisperUnlink`,
      `${AGENT}: whisperUnlink`,
      `${SUPERVISOR}: bargeResult`,
      `${SUPERVISOR}: bargeLink`,
      `${AGENT}: bargeLink`,
    ]);
  });

  it('barge -> silent spy: the agent is told the barge ended and its status no longer shows the supervisor', () => {
    const { effects } = step(monitoring('barge'), monitor('spy'));
    expect(effects[0]).toEqual({ type: 'monitor', legId: SUPERVISOR_LEG, targetLegId: AGENT_LEG, mode: 'listen' });
    expect(notices(effects)).toEqual([
      `${SUPERVISOR}: bargeUnlink`,
      `${AGENT}: bargeUnlink`,
      `${SUPERVISOR}: spyResult`,
      `${SUPERVISOR}: spyLink`,
    ]);
    expect(actions(effects).slice(1)).toEqual([setMonitoredBy(), setMonitoring('spy')]);
  });

  it('silent spy -> whisper -> silent spy never tells the agent about the spy', () => {
    const whisper = step(monitoring('spy'), monitor('whisper')).next;
    const back = step(whisper, monitor('spy'));
    expect(notices(back.effects).filter((notice) => notice.startsWith(`${AGENT}: spy`))).toEqual([]);
  });

  it('three-way monitoring bridges the supervisor as a full participant', () => {
    const { effects } = run(connectedInbound(), monitor('threeway'), answered(SUPERVISOR_LEG));
    expect(effects[0]).toEqual({ type: 'monitor', legId: SUPERVISOR_LEG, targetLegId: AGENT_LEG, mode: 'barge' });
    expect(notices(effects)).toEqual([`${SUPERVISOR}: threewayLink`, `${AGENT}: threewayLink`]);
  });

  it("stop: the supervisor leg is hung up; its end unlinks, clears the agent's status and releases the supervisor", () => {
    const call = monitoring('whisper');
    expect(step(call, { type: 'stopMonitor', supervisorNo: SUPERVISOR }).effects).toEqual([
      { type: 'hangupLeg', legId: SUPERVISOR_LEG, cause: 'normal' },
    ]);
    const { next, effects } = step(call, ended(SUPERVISOR_LEG));
    expect(next.monitor).toBeUndefined();
    expect(next.phase).toBe('connected');
    expect(notices(effects)).toEqual([`${SUPERVISOR}: whisperUnlink`, `${AGENT}: whisperUnlink`]);
    expect(noticeData(effects, SUPERVISOR, 'whisperUnlink')).toMatchObject({ reason: 'hangup' });
    expect(actions(effects)).toEqual([
      setMonitoredBy(),
      { type: 'agent', agentNo: SUPERVISOR, command: { type: 'callEnded', callId: CALL_ID, wrapupSeconds: 0 } },
    ]);
  });

  it('a silent spy ends without a word to the agent', () => {
    const { effects } = step(monitoring('spy'), ended(SUPERVISOR_LEG));
    expect(notices(effects)).toEqual([`${SUPERVISOR}: spyUnlink`]);
    expect(actions(effects)).toEqual([
      { type: 'agent', agentNo: SUPERVISOR, command: { type: 'callEnded', callId: CALL_ID, wrapupSeconds: 0 } },
    ]);
  });

  it("the supervisor's phone not answering: unlink with the cause, the supervisor released without wrap-up", () => {
    const dialing = step(connectedInbound(), monitor('barge')).next;
    expect(step(dialing, { type: 'stopMonitor', supervisorNo: SUPERVISOR }).effects).toEqual([
      { type: 'hangupLeg', legId: SUPERVISOR_LEG, cause: 'cancelled' },
    ]);
    const { effects } = step(dialing, ended(SUPERVISOR_LEG, 'noAnswer'));
    expect(noticeData(effects, SUPERVISOR, 'bargeUnlink')).toMatchObject({ reason: 'noAnswer' });
    expect(effects).toContainEqual({
      type: 'agent',
      agentNo: SUPERVISOR,
      command: { type: 'offerReleased', callId: CALL_ID, reason: 'other' },
    });
  });

  it("the call ending while monitored unlinks with callEnded and ends the supervisor's part too", () => {
    const { effects } = step(monitoring('barge'), ended(CUSTOMER_LEG));
    expect(noticeData(effects, SUPERVISOR, 'bargeUnlink')).toMatchObject({ reason: 'callEnded' });
    expect(noticeData(effects, AGENT, 'bargeUnlink')).toMatchObject({ reason: 'callEnded' });
    expect(noticeData(effects, SUPERVISOR, 'sessionTerminate')).toMatchObject({ reason: 'hangup' });
    expect(effects).toContainEqual({ type: 'hangupLeg', legId: SUPERVISOR_LEG, cause: 'normal' });
    expect(effects).toContainEqual({
      type: 'agent',
      agentNo: SUPERVISOR,
      command: { type: 'callEnded', callId: CALL_ID, wrapupSeconds: 0 },
    });
  });

  it('refusals name why', () => {
    expect(refusal(offeringInbound(), monitor('spy'))).toEqual({ error: 'NO_CALL', message: 'agent not in a call' });
    expect(refusal(monitoring('spy'), monitor('spy'))).toEqual({ error: 'ALREADY_IN_STATE', message: 'already in spy' });
    expect(refusal(monitoring('spy'), monitor('barge', false, '2002'))).toEqual({
      error: 'INVALID_STATE',
      message: `the call is already monitored by ${SUPERVISOR}`,
    });
    expect(refusal(step(connectedInbound(), monitor('spy')).next, monitor('barge'))).toEqual({
      error: 'INVALID_STATE',
      message: 'your phone has not answered yet',
    });
    expect(refusal(monitoring('spy'), { type: 'stopMonitor', supervisorNo: '2002' })).toEqual({
      error: 'INVALID_STATE',
      message: 'not monitoring a call',
    });
    expect(refusal(connectedInbound(), { type: 'stopMonitor', supervisorNo: SUPERVISOR })).toEqual({
      error: 'INVALID_STATE',
      message: 'not monitoring a call',
    });
  });
});

describe('pickup', () => {
  const pickup: CallEvent = { type: 'pickup', supervisorNo: SUPERVISOR, leg: dialRequest(SUPERVISOR_LEG, `sip:${SUPERVISOR}`) };

  it("stops the agent's phone, tells the agent who picked up, and rings the supervisor instead", () => {
    const { next, effects } = step(offeringInbound(), pickup);
    expect(next).toMatchObject({ phase: 'offering', agentNo: SUPERVISOR, agentLegId: SUPERVISOR_LEG });
    expect(actions(effects)).toEqual([
      { type: 'hangupLeg', legId: AGENT_LEG, cause: 'cancelled' },
      { type: 'agent', agentNo: AGENT, command: { type: 'offerReleased', callId: CALL_ID, reason: 'other' } },
      { type: 'dial', request: dialRequest(SUPERVISOR_LEG, `sip:${SUPERVISOR}`) },
    ]);
    expect(noticeData(effects, AGENT, 'sessionTerminate')).toMatchObject({ side: 'system', reason: 'pickedUp', supervisorNo: SUPERVISOR });
  });

  it("the agent's cancelled leg does not send the call back to the queue; the supervisor answers and talks", () => {
    const picked = step(offeringInbound(), pickup).next;
    const agentGone = step(picked, ended(AGENT_LEG, 'cancelled'));
    expect(agentGone.effects).toEqual([]);
    expect(agentGone.next.phase).toBe('offering');
    const rang = step(agentGone.next, ringing(SUPERVISOR_LEG));
    expect(notices(rang.effects)).toEqual([`${SUPERVISOR}: ringing`]);
    const talking = step(rang.next, answered(SUPERVISOR_LEG));
    expect(talking.next).toMatchObject({ phase: 'connected', agentNo: SUPERVISOR });
    expect(talking.effects).toContainEqual({ type: 'connect', legIds: [CUSTOMER_LEG, SUPERVISOR_LEG] });
  });

  it('refuses a call that is not ringing at an agent', () => {
    expect(refusal(queuedInbound(), pickup)).toEqual({ error: 'NO_CALL', message: 'agent not ringing' });
    expect(refusal(connectedInbound(), pickup)).toEqual({ error: 'NO_CALL', message: 'agent not ringing' });
  });
});
