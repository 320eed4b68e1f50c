/**
 * Monitoring events (spy, whisper, barge, supervisor three-way: `<mode>Result`, `<mode>Link`, `<mode>Unlink`). The
 * supervisor's desk tracks whom it monitors; the monitored agent's desk learns that a supervisor is on its call, and
 * when a mode it knew of ends. Pure.
 */
import type { MonitorEvent, MonitorUnlinkEvent } from '@agentsdk/sdk';
import type { DeskState, MonitorMode, SdkEventAction } from './desk-model.js';
import { isSuccess } from './event-results.js';

const MODES = {
  spyResult: 'spy',
  spyLink: 'spy',
  spyUnlink: 'spy',
  whisperResult: 'whisper',
  whisperLink: 'whisper',
  whisperUnlink: 'whisper',
  bargeResult: 'barge',
  bargeLink: 'barge',
  bargeUnlink: 'barge',
  threewayResult: 'threeway',
  threewayLink: 'threeway',
  threewayUnlink: 'threeway',
} as const satisfies Record<string, MonitorMode>;

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

export function supervisionTransition(state: DeskState, action: SdkEventAction): DeskState {
  switch (action.name) {
    case 'spyResult':
    case 'whisperResult':
    case 'bargeResult':
    case 'threewayResult':
      return !isSuccess(action.payload) && state.monitor ? { ...state, monitor: undefined } : state;
    case 'spyLink':
    case 'whisperLink':
    case 'bargeLink':
    case 'threewayLink':
      return linked(state, MODES[action.name], action.payload, action.at);
    case 'spyUnlink':
    case 'whisperUnlink':
    case 'bargeUnlink':
    case 'threewayUnlink':
      return unlinked(state, MODES[action.name], action.payload, action.at);
    default:
      return state;
  }
}

/** Whether the event is about this desk's agent being monitored (not about the monitoring this desk does). */
function aboutMe(state: DeskState, event: Partial<Pick<MonitorEvent, 'agentNo' | 'supervisorNo'>>): boolean {
  const me = state.agent?.agentNo;
  return event.agentNo !== undefined && event.agentNo === me && event.supervisorNo !== me;
}

function linked(state: DeskState, mode: MonitorMode, event: MonitorEvent, at: number): DeskState {
  if (aboutMe(state, event)) return { ...state, monitoredBy: { mode, supervisorNo: event.supervisorNo ?? '' } };
  const target = event.agentNo ?? state.monitor?.agentNo;
  if (target === undefined) return state;
  return { ...state, monitor: { mode, agentNo: target, since: state.monitor?.since ?? at, linked: true } };
}

function unlinked(state: DeskState, mode: MonitorMode, event: MonitorUnlinkEvent, at: number): DeskState {
  // `switched`: another mode follows at once (its Link comes next).
  if (event.reason === 'switched') return state;
  if (aboutMe(state, event)) {
    const ended: DeskState = { ...state, monitoredBy: undefined };
    return event.reason === 'callEnded' ? ended : { ...ended, supervisorNotice: { text: MONITORING_ENDED_NOTICES[mode], at } };
  }
  return state.monitor ? { ...state, monitor: undefined } : state;
}
