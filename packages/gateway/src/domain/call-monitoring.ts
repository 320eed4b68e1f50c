/**
 * Supervisors on an agent's call (spec 7.2-7.6): spy, whisper, barge and three-way put the supervisor's own leg into
 * the call's conversation in a monitor mode; a supervisor already on the call switches mode without a new leg.
 * disconnect ends the call; pickup takes a call ringing at the agent.
 */
import {
  agentToldOfMonitoring,
  monitorNotice,
  newLeg,
  notify,
  refuse,
  requestEnd,
  type CallEffect,
  type CallEvent,
  type CallRecord,
  type CallTransitionResult,
  type Monitor,
  type MonitorKind,
} from './call.js';
import type { LegEndCause, MonitorMode } from '../ports/telephony.js';

const MODES: Record<MonitorKind, MonitorMode> = { spy: 'listen', whisper: 'whisper', barge: 'barge', threeway: 'barge' };

const ok = (next: CallRecord, effects: CallEffect[]): CallTransitionResult => ({ ok: true, next, effects });

/**
 * Both agents' status shows the monitoring: the supervisor who monitors, and the agent who is monitored unless it is
 * a silent spy (then the agent's status changes only to clear a mode it was shown before: `previousKind`).
 */
function showMonitoring(call: CallRecord, monitor: Monitor, kind: MonitorKind, previousKind?: MonitorKind): CallEffect[] {
  if (!call.agentNo) return [];
  const { supervisorNo } = monitor;
  const supervisorSide: CallEffect = {
    type: 'agent',
    agentNo: supervisorNo,
    command: { type: 'setMonitoring', callId: call.callId, target: { agentNo: call.agentNo, mode: kind } },
  };
  if (agentToldOfMonitoring(monitor, kind)) {
    return [
      { type: 'agent', agentNo: call.agentNo, command: { type: 'setMonitoredBy', callId: call.callId, by: { supervisorNo, mode: kind } } },
      supervisorSide,
    ];
  }
  const wasTold = previousKind !== undefined && agentToldOfMonitoring(monitor, previousKind);
  return wasTold
    ? [{ type: 'agent', agentNo: call.agentNo, command: { type: 'setMonitoredBy', callId: call.callId } }, supervisorSide]
    : [supervisorSide];
}

/**
 * The old mode's Unlink when the supervisor switches mode: `switched` to whoever is told of the new mode. An agent kept
 * from the new mode (silent listening follows) learns only that the old one ended, as if the supervisor had left.
 */
function switchedAway(call: CallRecord, monitor: Monitor, nextKind: MonitorKind): CallEffect[] {
  const switched = monitorNotice(call, monitor.kind, 'Unlink', { reason: 'switched' });
  if (agentToldOfMonitoring(monitor, nextKind)) return switched;
  const toAgent = (effect: CallEffect) => effect.type === 'notify' && effect.agentNo === call.agentNo;
  const ended = monitorNotice(call, monitor.kind, 'Unlink', { reason: 'hangup' });
  return [...switched.filter((effect) => !toAgent(effect)), ...ended.filter(toAgent)];
}

export function startMonitor(call: CallRecord, event: Extract<CallEvent, { type: 'startMonitor' }>, now: number): CallTransitionResult {
  if (call.phase !== 'connected' || !call.agentLegId || !call.agentNo) return refuse('NO_CALL', 'agent not in a call');
  const current = call.monitor;
  if (current && current.supervisorNo !== event.supervisorNo)
    return refuse('INVALID_STATE', `the call is already monitored by ${current.supervisorNo}`);
  if (current?.state === 'dialing') return refuse('INVALID_STATE', 'your phone has not answered yet');
  if (current) {
    if (current.kind === event.kind) return refuse('ALREADY_IN_STATE', `already in ${event.kind}`);
    const next: CallRecord = { ...call, monitor: { ...current, kind: event.kind } };
    return ok(next, [
      { type: 'monitor', legId: current.legId, targetLegId: call.agentLegId, mode: MODES[event.kind] },
      ...switchedAway(call, current, event.kind),
      ...monitorNotice(next, event.kind, 'Result', { result: 'success' }),
      ...monitorNotice(next, event.kind, 'Link', {}),
      ...showMonitoring(call, current, event.kind, current.kind),
    ]);
  }
  const next: CallRecord = {
    ...call,
    monitor: { supervisorNo: event.supervisorNo, legId: event.leg.legId, kind: event.kind, state: 'dialing', announced: event.announce },
    legs: [...call.legs, newLeg(event.leg.legId, 'agent', event.leg.destination.address, now, event.supervisorNo)],
  };
  return ok(next, [...monitorNotice(next, event.kind, 'Result', { result: 'success' }), { type: 'dial', request: event.leg }]);
}

export function stopMonitor(call: CallRecord, supervisorNo: string): CallTransitionResult {
  if (call.monitor?.supervisorNo !== supervisorNo) return refuse('INVALID_STATE', 'not monitoring a call');
  return ok(call, [{ type: 'hangupLeg', legId: call.monitor.legId, cause: call.monitor.state === 'linked' ? 'normal' : 'cancelled' }]);
}

export function monitorLegRinging(call: CallRecord): CallTransitionResult {
  const monitor = call.monitor;
  if (!monitor) return ok(call, []);
  return ok(call, [{ type: 'agent', agentNo: monitor.supervisorNo, command: { type: 'callRinging', callId: call.callId } }]);
}

export function monitorLegAnswered(call: CallRecord): CallTransitionResult {
  const monitor = call.monitor;
  if (!monitor || !call.agentLegId) return ok(call, []);
  const next: CallRecord = { ...call, monitor: { ...monitor, state: 'linked' } };
  return ok(next, [
    { type: 'monitor', legId: monitor.legId, targetLegId: call.agentLegId, mode: MODES[monitor.kind] },
    { type: 'agent', agentNo: monitor.supervisorNo, command: { type: 'callConnected', callId: call.callId } },
    ...monitorNotice(next, monitor.kind, 'Link', {}),
    ...showMonitoring(call, monitor, monitor.kind),
  ]);
}

export function monitorLegEnded(call: CallRecord, cause: LegEndCause): CallTransitionResult {
  const monitor = call.monitor;
  if (!monitor) return ok(call, []);
  const next: CallRecord = { ...call };
  delete next.monitor;
  return ok(next, [
    ...monitorNotice(call, monitor.kind, 'Unlink', { reason: monitor.state === 'linked' ? 'hangup' : cause }),
    ...(call.agentNo && monitor.state === 'linked' && agentToldOfMonitoring(monitor, monitor.kind)
      ? [{ type: 'agent' as const, agentNo: call.agentNo, command: { type: 'setMonitoredBy' as const, callId: call.callId } }]
      : []),
    {
      type: 'agent',
      agentNo: monitor.supervisorNo,
      command:
        monitor.state === 'linked'
          ? { type: 'callEnded', callId: call.callId, wrapupSeconds: 0 }
          : { type: 'offerReleased', callId: call.callId, reason: 'other' },
    },
  ]);
}

export function forceEnd(call: CallRecord): CallTransitionResult {
  if (call.phase === 'survey') return refuse('NO_CALL', 'agent not in a call');
  return requestEnd(call, call.answeredAt ? 'completed' : 'cancelled', 'system', call.answeredAt ? 'normal' : 'cancelled', 'supervisor');
}

/** The supervisor answers a queue call ringing at the agent: the agent's phone stops, the supervisor's rings. */
export function pickup(call: CallRecord, event: Extract<CallEvent, { type: 'pickup' }>, now: number): CallTransitionResult {
  if (call.phase !== 'offering' || !call.agentNo || !call.agentLegId) return refuse('NO_CALL', 'agent not ringing');
  const agentNo = call.agentNo;
  const next: CallRecord = {
    ...call,
    agentNo: event.supervisorNo,
    agentLegId: event.leg.legId,
    legs: [...call.legs, newLeg(event.leg.legId, 'agent', event.leg.destination.address, now, event.supervisorNo)],
  };
  return ok(next, [
    { type: 'hangupLeg', legId: call.agentLegId, cause: 'cancelled' },
    ...notify(call, agentNo, 'sessionTerminate', { side: 'system', reason: 'pickedUp', supervisorNo: event.supervisorNo }),
    { type: 'agent', agentNo, command: { type: 'offerReleased', callId: call.callId, reason: 'other' } },
    { type: 'dial', request: event.leg },
  ]);
}
