/**
 * Monitoring events (spy, whisper, barge, supervisor three-way: `<kind>Result`, `<kind>Link`, `<kind>Unlink`). The
 * supervisor's desk tracks whom it monitors; the monitored agent's desk learns that a supervisor is on its call.
 * Pure.
 */
import { isSuccess } from './call-transitions.js';
import type { DeskState, MonitorMode, SdkEventAction } from './desk-state.js';

const PREFIXES: Record<string, MonitorMode> = { spy: 'spy', whisper: 'whisper', barge: 'barge', threeway: 'threeway' };

function parse(name: string): { mode: MonitorMode; stage: 'Result' | 'Link' | 'Unlink' } | undefined {
  const match = /^(spy|whisper|barge|threeway)(Result|Link|Unlink)$/.exec(name);
  if (!match) return undefined;
  return { mode: PREFIXES[match[1]!]!, stage: match[2] as 'Result' | 'Link' | 'Unlink' };
}

export function supervisionTransition(state: DeskState, { name, payload, at }: SdkEventAction): DeskState {
  const event = parse(name);
  if (!event) return state;
  const me = state.agent?.agentNo;
  const agentNo = typeof payload.agentNo === 'string' ? payload.agentNo : undefined;
  const supervisorNo = typeof payload.supervisorNo === 'string' ? payload.supervisorNo : undefined;
  const aboutMe = agentNo !== undefined && agentNo === me && supervisorNo !== me;

  if (event.stage === 'Result') {
    return !isSuccess(payload) && state.monitor ? { ...state, monitor: undefined } : state;
  }
  if (event.stage === 'Link') {
    if (aboutMe) return { ...state, monitoredBy: { mode: event.mode, supervisorNo: supervisorNo ?? '' } };
    const target = agentNo ?? state.monitor?.agentNo;
    if (target === undefined) return state;
    return { ...state, monitor: { mode: event.mode, agentNo: target, since: state.monitor?.since ?? at, linked: true } };
  }
  // Unlink: `switched` means another mode follows at once (its Link comes next).
  if (payload.reason === 'switched') return state;
  if (aboutMe) {
    const ended: DeskState = { ...state, monitoredBy: undefined };
    return payload.reason === 'callEnded' ? ended : { ...ended, supervisorNotice: { text: MONITORING_ENDED_NOTICES[event.mode], at } };
  }
  return state.monitor ? { ...state, monitor: undefined } : state;
}

/**
 * What the monitored agent is told when a mode it knew of ends. Never that nobody listens any more: under silent
 * monitoring the supervisor may still be listening.
 */
const MONITORING_ENDED_NOTICES: Record<MonitorMode, string> = {
  spy: 'Your supervisor stopped listening to your call.',
  whisper: 'Your supervisor stopped whispering to you. The caller never heard the whisper.',
  barge: 'Your supervisor left the conversation.',
  threeway: 'Your supervisor left the conversation.',
};
