/**
 * The one reducer of `AgentSDK.getState()`: `reduceState(state, event, payload) -> state`, pure, fed only by the
 * events the SDK emits (operation responses included). One row per event that changes what the state shows.
 */
import type { CallSummary, EventMap, EventName, MonitorEvent, MonitorMode, MonitorUnlinkEvent } from '@agentsdk/protocol';
import { INITIAL_STATE, type AgentSdkState, type CallView, type ConsultView } from './agent-sdk-state.js';

type Reducer<E extends EventName> = (state: AgentSdkState, payload: EventMap[E]) => AgentSdkState;
type ReducerTable = { [E in EventName]?: Reducer<E> };

export function reduceState<E extends EventName>(state: AgentSdkState, event: E, payload: EventMap[E]): AgentSdkState {
  const reducer = (REDUCERS as Record<string, Reducer<E> | undefined>)[event];
  return reducer === undefined ? state : reducer(state, payload);
}

/** Signed out: nothing of the session is kept. */
const signedOut = (state: AgentSdkState): AgentSdkState => ({ ...INITIAL_STATE, connection: state.connection, softphone: state.softphone });

function withoutEventType<T extends { eventType?: unknown }>(payload: T): Omit<T, 'eventType'> {
  const { eventType: _eventType, ...rest } = payload;
  return rest;
}

/** Ringing while the agent's leg rings, dialing while the customer is dialled or rings, connected otherwise. */
function phaseOf(legs: CallView['legs']): CallView['phase'] {
  if (legs.agent === 'ringing') return 'ringing';
  return legs.customer === 'dialing' || legs.customer === 'ringing' ? 'dialing' : 'connected';
}

function withLegs(call: CallView, legs: Partial<CallView['legs']>): CallView {
  const next = { ...call.legs, ...legs };
  return { ...call, legs: next, phase: phaseOf(next) };
}

/** A call the agent is offered or dials, from its first event. */
function newCall(summary: CallSummary, legs: CallView['legs']): CallView {
  return {
    callId: summary.callId,
    callType: summary.callType,
    customerNumber: summary.customerNumber,
    chanVariables: summary.chanVariables ?? [],
    phase: phaseOf(legs),
    legs,
    held: false,
    muted: { in: false, out: false },
    consult: undefined,
    ...(summary.queueNo === undefined ? {} : { queueNo: summary.queueNo }),
    ...(summary.requestUniqueId === undefined ? {} : { requestUniqueId: summary.requestUniqueId }),
  };
}

/** Changes the current call if the event is about it. */
function updateCall(state: AgentSdkState, callId: string, change: (call: CallView) => CallView): AgentSdkState {
  return state.call?.callId === callId ? { ...state, call: change(state.call) } : state;
}

const customerConnected = (call: CallView): CallView => withLegs(call, { customer: 'connected' });

function updateConsult(
  state: AgentSdkState,
  callId: string,
  consult: (current: ConsultView | undefined) => ConsultView | undefined,
): AgentSdkState {
  return updateCall(state, callId, (call) => ({ ...call, consult: consult(call.consult) }));
}

/** Supervisor side of a monitoring event: only the supervisor's own session keeps it. */
function monitoringEvent(mode: MonitorMode, linked: boolean): (state: AgentSdkState, payload: MonitorEvent) => AgentSdkState {
  return (state, payload: MonitorEvent) => {
    if (payload.supervisorNo !== state.session?.agentNo) return state;
    return { ...state, monitoring: { agentNo: payload.agentNo, callId: payload.callId, mode, state: linked ? 'linked' : 'dialing' } };
  };
}

const monitoringEnded = (state: AgentSdkState, payload: MonitorUnlinkEvent): AgentSdkState => {
  if (payload.supervisorNo !== state.session?.agentNo || payload.reason === 'switched') return state;
  return { ...state, monitoring: undefined };
};

const REDUCERS: ReducerTable = {
  connectionState: (state, { state: connection }) =>
    connection === 'closed' ? { ...signedOut(state), connection } : { ...state, connection },
  loginResp: (state, response) =>
    response.code === 0
      ? { ...signedOut(state), session: { sessionId: response.sessionId, tenantId: response.tenantId, agentNo: response.agentNo } }
      : state,
  kickOut: signedOut,
  forcedLogout: signedOut,
  agentStatus: (state, payload) => {
    const agent = withoutEventType(payload);
    const wrapup = agent.state === 'wrapup' && agent.wrapupEndsAt !== undefined ? { endsAt: agent.wrapupEndsAt } : undefined;
    // Signed out, or back to idle/busy with no call: no call is left (a missed sessionTerminate cannot leave one behind).
    const callGone = agent.state === 'offline' || ((agent.state === 'idle' || agent.state === 'busy') && agent.callId === undefined);
    return { ...state, agent, wrapup, call: callGone ? undefined : state.call };
  },
  softphoneState: (state, { state: softphone, reason }) => ({
    ...state,
    softphone: reason === undefined ? { state: softphone } : { state: softphone, reason },
  }),

  ringing: (state, payload) => ({ ...state, call: newCall(payload, { agent: 'ringing', customer: 'waiting' }) }),
  previewObCallResult: (state, payload) =>
    payload.result === 'success' ? { ...state, call: newCall(payload, { agent: 'ringing', customer: 'dialing' }) } : state,
  sessionInit: (state, payload) => {
    // Without an earlier ringing or previewObCallResult (an internal call's caller) the other side is still being rung.
    // A desktop that signs in during a call (takenOver) joins it connected.
    const other = payload.takenOver ? 'connected' : 'ringing';
    const current = state.call?.callId === payload.callId ? state.call : newCall(payload, { agent: 'ringing', customer: other });
    const call = withLegs(current, { agent: 'connected' });
    return {
      ...state,
      call: {
        ...call,
        ...(payload.held === undefined ? {} : { held: payload.held }),
        ...(payload.muted === undefined ? {} : { muted: { ...payload.muted } }),
      },
    };
  },
  previewObCallStart: (state, payload) =>
    updateCall(state, payload.callId, (call) => ({ ...withLegs(call, { customer: 'dialing' }), attempt: payload.attempt })),
  previewObCallRinging: (state, payload) => updateCall(state, payload.callId, (call) => withLegs(call, { customer: 'ringing' })),
  previewObCallBridge: (state, payload) => updateCall(state, payload.callId, customerConnected),
  callBridged: (state, payload) => updateCall(state, payload.callId, customerConnected),
  callHeld: (state, payload) => updateCall(state, payload.callId, (call) => ({ ...call, held: true })),
  callUnheld: (state, payload) => updateCall(state, payload.callId, (call) => ({ ...call, held: false })),
  callMuted: (state, payload) => updateCall(state, payload.callId, (call) => ({ ...call, muted: { ...payload.muted } })),
  callUnmuted: (state, payload) => updateCall(state, payload.callId, (call) => ({ ...call, muted: { ...payload.muted } })),
  sessionTerminate: (state, payload) => (state.call?.callId === payload.callId ? { ...state, call: undefined } : state),

  atxferStart: (state, { callId, targetType, target }) => updateConsult(state, callId, () => ({ targetType, target, state: 'dialing' })),
  atxferLink: (state, payload) => updateConsult(state, payload.callId, (consult) => consult && { ...consult, state: 'linked' }),
  atxferEnded: (state, payload) =>
    updateConsult(state, payload.callId, (consult) =>
      payload.reason === 'resume' && consult ? { ...consult, state: 'customer' } : undefined,
    ),
  atxferError: (state, payload) => updateConsult(state, payload.callId, () => undefined),
  threewayAtxferResult: (state, payload) => updateConsult(state, payload.callId, (consult) => consult && { ...consult, state: 'threeway' }),
  atxferThreewayUnlink: (state, payload) => updateConsult(state, payload.callId, () => undefined),
  completeAtxferResult: (state, payload) => updateConsult(state, payload.callId, () => undefined),

  spyResult: monitoringEvent('spy', false),
  spyLink: monitoringEvent('spy', true),
  spyUnlink: monitoringEnded,
  whisperResult: monitoringEvent('whisper', false),
  whisperLink: monitoringEvent('whisper', true),
  whisperUnlink: monitoringEnded,
  bargeResult: monitoringEvent('barge', false),
  bargeLink: monitoringEvent('barge', true),
  bargeUnlink: monitoringEnded,
  threewayResult: monitoringEvent('threeway', false),
  threewayLink: monitoringEvent('threeway', true),
  threewayUnlink: monitoringEnded,

  queueStatus: (state, payload) => {
    if (payload.code !== 0) return state;
    const merged = { ...state.queueStatus };
    for (const [queueNo, entry] of Object.entries(payload.queueStatus)) merged[queueNo] = { ...merged[queueNo], ...entry };
    return { ...state, queueStatus: merged };
  },
};
