/** How call events change the desk: the offer, the call in progress, preview dialling, consultation. Pure. */
import { callInfoOf, type CallInfo } from './call-info.js';
import type { ActiveCall, ConsultState, DeskState, EndedCall, PreviewStepName, SdkEventAction } from './desk-state.js';

const PREVIEW_OUTBOUND = 4;
const INTERNAL = 9;

function isPlacedByAgent(info: CallInfo): boolean {
  if (info.callType === PREVIEW_OUTBOUND) return true;
  return info.callType === INTERNAL && info.callerAgentNo === undefined && info.consultingAgentNo === undefined && info.transferredBy === undefined;
}

function connected(call: ActiveCall, at: number): ActiveCall {
  return call.phase === 'connected' && call.talkingSince !== undefined ? call : { ...call, phase: 'connected', talkingSince: call.talkingSince ?? at };
}

export function callEventTransition(state: DeskState, { name, payload, at }: SdkEventAction): DeskState {
  switch (name) {
    case 'ringing': {
      const offer = callInfoOf(payload);
      return offer ? { ...state, offer } : state;
    }
    case 'sessionInit':
      return sessionInit(state, payload, at);
    case 'sessionTerminate':
      return sessionTerminate(state, payload, at);
    case 'callHeld':
    case 'callUnheld':
      return withCall(state, payload, (call) => ({ ...call, held: name === 'callHeld' }));
    case 'callMuted':
    case 'callUnmuted': {
      const muted = payload.muted as ActiveCall['muted'] | undefined;
      return muted ? withCall(state, payload, (call) => ({ ...call, muted: { in: Boolean(muted.in), out: Boolean(muted.out) } })) : state;
    }
    case 'interactReturn':
      return withCall(state, payload, (call) => ({ ...call, inIvrSince: undefined, ivrResults: [...call.ivrResults, payload] }));
    case 'previewObCallResult':
      return previewStep(state, 'result', at, payload, payload.result === undefined || payload.result === 'success' ? undefined : String(payload.message ?? payload.result));
    case 'previewObCallStart': {
      const next = previewStep(state, 'start', at, payload);
      const customerNumber = typeof payload.customerNumber === 'string' ? payload.customerNumber : undefined;
      return customerNumber ? withCall(next, payload, (call) => ({ ...call, customerNumber })) : next;
    }
    case 'previewObCallRinging':
      return previewStep(state, 'ringing', at, payload);
    case 'previewObCallBridge':
      return withCall(previewStep(state, 'bridge', at, payload), payload, (call) => connected(call, at));
    case 'callBridged':
      return withCall(state, payload, (call) => connected(handedOver(call, payload), at));
    case 'atxferStart':
    case 'atxferLink':
    case 'atxferEnded':
    case 'atxferError':
    case 'threewayAtxferResult':
    case 'atxferThreewayUnlink':
    case 'completeAtxferResult':
      return consultTransition(state, name, payload, at);
    default:
      return state;
  }
}

/** Result events of later features say `result: 'success'` or carry `code: 0`; anything else is a failure. */
export function isSuccess(payload: Record<string, unknown>): boolean {
  if (payload.code !== undefined) return payload.code === 0;
  return payload.result === undefined || payload.result === 'success' || payload.result === 0;
}

function sessionInit(state: DeskState, payload: Record<string, unknown>, at: number): DeskState {
  const event = callInfoOf(payload);
  if (!event) return state;
  const offered = state.offer?.callId === event.callId ? state.offer : undefined;
  const info: CallInfo = { ...offered, ...event, chanVariables: event.chanVariables.length > 0 ? event.chanVariables : (offered?.chanVariables ?? []) };
  // Calls the agent places (preview outbound, internal): the agent's phone answers first, then the far end is
  // dialled; `callBridged` says when it answered.
  const dialling = isPlacedByAgent(info);
  const call: ActiveCall = {
    ...info,
    phase: dialling ? 'dialing' : 'connected',
    connectedAt: at,
    held: false,
    muted: { in: false, out: false },
    ivrResults: [],
  };
  if (!dialling) call.talkingSince = at;
  const preview = dialling && state.preview ? { ...state.preview, steps: [...state.preview.steps, { name: 'agentAnswered' as const, at }] } : state.preview;
  return { ...state, offer: undefined, call, preview };
}

function sessionTerminate(state: DeskState, payload: Record<string, unknown>, at: number): DeskState {
  const callId = typeof payload.callId === 'string' ? payload.callId : undefined;
  const subject: CallInfo | undefined =
    (state.call?.callId === callId ? state.call : undefined) ?? (state.offer?.callId === callId ? state.offer : undefined) ?? callInfoOf(payload);
  const ended: EndedCall | undefined = subject && {
    ...subject,
    ...(callInfoOf(payload) ?? {}),
    chanVariables: subject.chanVariables,
    endedAt: at,
  };
  if (ended) {
    // Some endings report only a reason (rejected, transferred, survey, pickedUp): it is the outcome for the agent.
    if (typeof payload.outcome === 'string') ended.outcome = payload.outcome;
    else if (typeof payload.reason === 'string') ended.outcome = payload.reason;
    if (typeof payload.side === 'string') ended.side = payload.side;
    if (typeof payload.reason === 'string') ended.reason = payload.reason;
    const talkingSince = state.call?.callId === callId ? state.call?.talkingSince : undefined;
    if (talkingSince !== undefined) {
      ended.answeredAt = talkingSince;
      ended.talkedMs = at - talkingSince;
    }
  }
  const dialledWithoutAnswer = ended?.callType === PREVIEW_OUTBOUND && ended.talkedMs === undefined;
  const customerNumber = ended?.customerNumber ?? state.preview?.customerNumber;
  return {
    ...state,
    outboundResult:
      dialledWithoutAnswer && customerNumber !== undefined ? { kind: 'ended', customerNumber, outcome: ended.outcome ?? 'failed', at } : state.outboundResult,
    offer: state.offer?.callId === callId ? undefined : state.offer,
    call: state.call?.callId === callId ? undefined : state.call,
    preview: undefined,
    consult: undefined,
    consultFailure: undefined,
    monitoredBy: undefined,
    lastEnded: ended ?? state.lastEnded,
    endedCount: state.endedCount + 1,
  };
}

/** After completeAtxfer the consulted agent's `callBridged` names who handed the call over: the call is now theirs. */
function handedOver(call: ActiveCall, payload: Record<string, unknown>): ActiveCall {
  if (typeof payload.transferredBy !== 'string' || payload.transferredBy === '') return call;
  const { consultingAgentNo: _consultation, ...rest } = call;
  return { ...rest, transferredBy: payload.transferredBy };
}

function withCall(state: DeskState, payload: Record<string, unknown>, change: (call: ActiveCall) => ActiveCall): DeskState {
  const call = state.call;
  if (!call || (typeof payload.callId === 'string' && payload.callId !== call.callId)) return state;
  return { ...state, call: change(call) };
}

function previewStep(state: DeskState, name: PreviewStepName, at: number, payload: Record<string, unknown>, failed?: string): DeskState {
  const preview = state.preview ?? { customerNumber: typeof payload.customerNumber === 'string' ? payload.customerNumber : '', steps: [] };
  const detail = name === 'start' && typeof payload.attempt === 'number' ? `attempt ${payload.attempt}` : typeof payload.message === 'string' ? payload.message : undefined;
  const step = detail === undefined ? { name, at } : { name, at, detail };
  const next = { ...preview, steps: [...preview.steps, step] };
  if (typeof payload.callId === 'string') next.callId = payload.callId;
  if (failed !== undefined) next.failed = failed;
  return { ...state, preview: next };
}

/** Consultation events (spec 5.1-5.3), as the gateway sends them: start -> link -> ended (resume, cancel, hangup). */
function consultTransition(state: DeskState, name: string, payload: Record<string, unknown>, at: number): DeskState {
  const target = typeof payload.target === 'string' ? payload.target : (state.consult?.target ?? '');
  const consult: ConsultState = { ...(state.consult ?? { target, phase: 'dialing', since: at }) };
  if (typeof payload.targetType === 'number') consult.targetType = payload.targetType;
  switch (name) {
    case 'atxferStart':
      return { ...state, consultFailure: undefined, consult: { ...consult, target, phase: 'dialing' } };
    case 'atxferLink':
      return { ...state, consult: { ...consult, phase: 'talking' } };
    case 'atxferEnded':
      // `resume`: the agent went back to the caller; the consulted party holds and the consultation goes on.
      return payload.reason === 'resume' ? { ...state, consult: { ...consult, phase: 'withCaller' } } : { ...state, consult: undefined };
    case 'atxferError':
      return { ...state, consult: undefined, consultFailure: { target, reason: String(payload.reason ?? 'failed') } };
    case 'threewayAtxferResult':
      return isSuccess(payload) && state.consult ? { ...state, consult: { ...consult, phase: 'threeway' } } : state;
    default:
      return state.consult ? { ...state, consult: undefined } : state;
  }
}
