/** How call events change the desk: the offer, the call in progress, preview dialling, consultation. Pure. */
import { CallType } from '@agentsdk/protocol';
import type { EventMap, SessionTerminateEvent } from '@agentsdk/sdk';
import { callInfoOf, type CallEvent, type CallInfo } from './call-info.js';
import type { ActiveCall, ConsultState, DeskState, EndedCall, PreviewStepName, SdkEventAction } from './desk-model.js';
import { isSuccess } from './event-results.js';

function isPlacedByAgent(info: CallInfo): boolean {
  if (info.callType === CallType.PREVIEW_OUTBOUND) return true;
  return (
    info.callType === CallType.INTERNAL &&
    info.callerAgentNo === undefined &&
    info.consultingAgentNo === undefined &&
    info.transferredBy === undefined
  );
}

function connected(call: ActiveCall, at: number): ActiveCall {
  return call.phase === 'connected' && call.talkingSince !== undefined
    ? call
    : { ...call, phase: 'connected', talkingSince: call.talkingSince ?? at };
}

export function callEventTransition(state: DeskState, action: SdkEventAction): DeskState {
  const { at } = action;
  switch (action.name) {
    case 'ringing': {
      const offer = callInfoOf(action.payload);
      return offer ? { ...state, offer } : state;
    }
    case 'sessionInit':
      return sessionInit(state, action.payload, at);
    case 'sessionTerminate':
      return sessionTerminate(state, action.payload, at);
    case 'callHeld':
    case 'callUnheld': {
      const held = action.name === 'callHeld';
      return withCall(state, action.payload, (call) => ({ ...call, held }));
    }
    case 'callMuted':
    case 'callUnmuted': {
      const { muted } = action.payload;
      return muted ? withCall(state, action.payload, (call) => ({ ...call, muted: { in: muted.in, out: muted.out } })) : state;
    }
    case 'interactReturn': {
      const result = action.payload;
      return withCall(state, result, (call) => ({ ...call, inIvrSince: undefined, ivrResults: [...call.ivrResults, result] }));
    }
    case 'previewObCallResult': {
      const result = action.payload;
      return previewStep(state, 'result', at, result, isSuccess(result) ? undefined : (result.message ?? result.result));
    }
    case 'previewObCallStart': {
      const { customerNumber } = action.payload;
      const next = previewStep(state, 'start', at, action.payload);
      return customerNumber ? withCall(next, action.payload, (call) => ({ ...call, customerNumber })) : next;
    }
    case 'previewObCallRinging':
      return previewStep(state, 'ringing', at, action.payload);
    case 'previewObCallBridge':
      return withCall(previewStep(state, 'bridge', at, action.payload), action.payload, (call) => connected(call, at));
    case 'callBridged': {
      const bridged = action.payload;
      return withCall(state, bridged, (call) => connected(handedOver(call, bridged.transferredBy), at));
    }
    case 'atxferStart':
      return { ...state, consultFailure: undefined, consult: { ...consultOf(state, action.payload, at), phase: 'dialing' } };
    case 'atxferLink':
      return { ...state, consult: { ...consultOf(state, action.payload, at), phase: 'talking' } };
    case 'atxferEnded':
      // `resume`: the agent went back to the caller; the consulted party holds and the consultation goes on.
      return action.payload.reason === 'resume'
        ? { ...state, consult: { ...consultOf(state, action.payload, at), phase: 'withCaller' } }
        : { ...state, consult: undefined };
    case 'atxferError':
      return {
        ...state,
        consult: undefined,
        consultFailure: { target: consultOf(state, action.payload, at).target, reason: action.payload.reason || 'failed' },
      };
    case 'threewayAtxferResult':
      return isSuccess(action.payload) && state.consult
        ? { ...state, consult: { ...consultOf(state, action.payload, at), phase: 'threeway' } }
        : state;
    case 'atxferThreewayUnlink':
    case 'completeAtxferResult':
      return state.consult ? { ...state, consult: undefined } : state;
    default:
      return state;
  }
}

function sessionInit(state: DeskState, event: EventMap['sessionInit'], at: number): DeskState {
  const described = callInfoOf(event);
  if (!described) return state;
  const offered = state.offer?.callId === described.callId ? state.offer : undefined;
  const info: CallInfo = {
    ...offered,
    ...described,
    chanVariables: described.chanVariables.length > 0 ? described.chanVariables : (offered?.chanVariables ?? []),
  };
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
  const preview =
    dialling && state.preview
      ? { ...state.preview, steps: [...state.preview.steps, { name: 'agentAnswered' as const, at }] }
      : state.preview;
  return { ...state, offer: undefined, call, preview };
}

function sessionTerminate(state: DeskState, event: SessionTerminateEvent, at: number): DeskState {
  const { callId } = event;
  const described = callInfoOf(event);
  const subject: CallInfo | undefined =
    (state.call?.callId === callId ? state.call : undefined) ?? (state.offer?.callId === callId ? state.offer : undefined) ?? described;
  const ended: EndedCall | undefined = subject && { ...subject, ...described, chanVariables: subject.chanVariables, endedAt: at };
  if (ended) {
    // Some endings report only a reason (rejected, transferred, survey, pickedUp): it is the outcome for the agent.
    const outcome = event.outcome ?? event.reason;
    if (outcome) ended.outcome = outcome;
    if (event.side) ended.side = event.side;
    if (event.reason) ended.reason = event.reason;
    const talkingSince = state.call?.callId === callId ? state.call?.talkingSince : undefined;
    if (talkingSince !== undefined) {
      ended.answeredAt = talkingSince;
      ended.talkedMs = at - talkingSince;
    }
  }
  const dialledWithoutAnswer = ended?.callType === CallType.PREVIEW_OUTBOUND && ended.talkedMs === undefined;
  const customerNumber = ended?.customerNumber ?? state.preview?.customerNumber;
  return {
    ...state,
    outboundResult:
      dialledWithoutAnswer && customerNumber !== undefined
        ? { kind: 'ended', customerNumber, outcome: ended.outcome ?? 'failed', at }
        : state.outboundResult,
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
function handedOver(call: ActiveCall, transferredBy: string | undefined): ActiveCall {
  if (!transferredBy) return call;
  const { consultingAgentNo: _consultation, ...rest } = call;
  return { ...rest, transferredBy };
}

function withCall(state: DeskState, event: Pick<CallEvent, 'callId'>, change: (call: ActiveCall) => ActiveCall): DeskState {
  const call = state.call;
  if (!call || (event.callId && event.callId !== call.callId)) return state;
  return { ...state, call: change(call) };
}

function previewStep(
  state: DeskState,
  name: PreviewStepName,
  at: number,
  event: CallEvent & { attempt?: number; message?: string },
  failed?: string,
): DeskState {
  const preview = state.preview ?? { customerNumber: event.customerNumber ?? '', steps: [] };
  const detail = name === 'start' && event.attempt !== undefined ? `attempt ${event.attempt}` : event.message;
  const step = detail === undefined ? { name, at } : { name, at, detail };
  const next = { ...preview, steps: [...preview.steps, step] };
  if (event.callId) next.callId = event.callId;
  if (failed !== undefined) next.failed = failed;
  return { ...state, preview: next };
}

/** The consultation the event is about (spec 5.1-5.3): the one in progress, with the event's target when it names one. */
function consultOf(state: DeskState, event: Partial<Pick<EventMap['atxferStart'], 'target' | 'targetType'>>, at: number): ConsultState {
  const target = event.target ?? state.consult?.target ?? '';
  const consult: ConsultState = { ...(state.consult ?? { target, phase: 'dialing', since: at }), target };
  if (event.targetType !== undefined) consult.targetType = event.targetType;
  return consult;
}
