/**
 * A call: its legs, phase, parties and what happened to it (the call record once it ended), the events and effects
 * of its state machine, and the helpers the machine's files share (docs/08-State-Machine.md, "Calls").
 */
import {
  wireEvent,
  type BusinessErrorName,
  type CallEventName,
  type CallEventPayloads,
  type CallOutcome as WireCallOutcome,
  type CallSummary,
  type CallTypeValue,
  type ChannelVariable,
  type EventMap,
  type LegMediaStats,
  type MonitorUnlinkEvent,
  type SessionTerminateReason,
  type WireEvent,
} from '@agentsdk/protocol';
import type { AgentCommand } from './agent-state.js';
import type { Destination, DialRequest, LegEndCause, MonitorMode, MuteDirection } from '../ports/telephony.js';

export type CallPhase =
  | 'queued'
  | 'offering'
  | 'agentDialing'
  | 'customerDialing'
  | 'connected'
  /** Blind transfer: the agent left, the target rings. */
  | 'transferring'
  /** The customer is in an IVR. */
  | 'ivr'
  /** Predictive: the customer answered the dialer's call and waits (at most 2 s) for an agent of the task. */
  | 'awaitingAgent'
  | 'survey'
  | 'ended';

/** How a call ended: the protocol's list (docs/05-Events.md `sessionTerminate`). */
export type CallOutcome = WireCallOutcome;

/** `sessionTerminate.reason` for a call that ended before it connected: its outcome, which names the cause. */
export const UNCONNECTED_END_REASON: Record<CallOutcome, SessionTerminateReason> = {
  completed: 'hangup',
  abandoned: 'abandoned',
  queueTimeout: 'queueTimeout',
  agentNoAnswer: 'agentNoAnswer',
  customerBusy: 'customerBusy',
  customerNoAnswer: 'customerNoAnswer',
  customerRejected: 'customerRejected',
  invalidNumber: 'invalidNumber',
  cancelled: 'cancelled',
  transferFailed: 'transferFailed',
  failed: 'failed',
};

/** Where a call's recording is and how long it is (domain/call-recording.ts), so any node can tell where to fetch it. */
export interface RecordingMetadata {
  /** The node (AGENT_GATEWAY_NODE_ID) whose `AGENT_GATEWAY_DATA_DIR/recordings` holds the file. */
  nodeId: string;
  /** Size of the WAV file. */
  bytes: number;
  durationMs: number;
}

/** An agent's after-call disposition: a code of the tenant's `dispositions`, with notes (domain/call-disposition.ts). */
export interface Disposition {
  agentNo: string;
  code: string;
  notes?: string;
  /** Epoch ms when the agent set it. */
  at: number;
}

export type HangupSide = 'agent' | 'customer' | 'system';

export interface CallLeg {
  legId: string;
  party: 'customer' | 'agent';
  number: string;
  agentNo?: string;
  startedAt: number;
  answeredAt?: number;
  endedAt?: number;
  endCause?: LegEndCause;
  /** RTP counters of a leg with real media. */
  media?: LegMediaStats;
}

/** A consultation (attended transfer) in progress: the agent talks to a target while the customer waits. */
export interface Consult {
  legId: string;
  /** 0 PSTN number; 1 agent; 2 extension. */
  targetType: 0 | 1 | 2;
  target: string;
  targetAgentNo?: string;
  /** dialing: the target rings; linked: agent and target talk; resumed: the agent is back with the customer, the target holds. */
  state: 'dialing' | 'linked' | 'resumed';
  variables: ChannelVariable[];
  /** Set by cancelAtxfer, so the leg's end is reported as a cancel. */
  cancelling?: boolean;
}

/** A party the call is being handed to by blind transfer, or the third party of a three-way call. */
export interface ExtraParty {
  legId: string;
  targetAgentNo?: string;
  /** Blind transfer: the agent who transferred the call. */
  transferredBy?: string;
}

/** The customer's way through an IVR (docs/09-Transfer-Parameters-blxferVariables.md). */
export interface IvrVisit {
  ivrId: string;
  nodeId: string;
  /** interact: transferIvr, the agent waits and gets interactReturn; blind: blxfer to an IVR node, the agent left. */
  mode: 'interact' | 'blind';
  nodes: IvrNode[];
  variables: Record<string, string>;
  /** Digits of the collect node in progress. */
  digits: string;
  /** IVR variable -> name reported in interactReturn; absent: all variables under their own names. */
  returnVariables?: Record<string, string>;
}

export interface IvrNode {
  id: string;
  kind: 'prompt' | 'menu' | 'collect' | 'queue' | 'returnToAgent' | 'hangup';
  prompt?: string;
  choices?: Record<string, string>;
  variable?: string;
  maxDigits?: number;
  next?: string;
  queueNo?: string;
  /** Queue nodes: how long the customer waits in that queue before being let go (its queueTimeoutSeconds, in ms). */
  queueTimeoutMs?: number;
}

/** A supervisor on the call: spy (listens), whisper (heard by the agent only), barge or three-way (heard by all). */
export type MonitorKind = 'spy' | 'whisper' | 'barge' | 'threeway';

export interface Monitor {
  supervisorNo: string;
  legId: string;
  kind: MonitorKind;
  /** dialing: the supervisor's phone rings; linked: the supervisor is on the call. */
  state: 'dialing' | 'linked';
  /** The tenant's `announceMonitoring` when the supervisor joined: whether the agent is told of a spy. */
  announced?: boolean;
}

/** completeAtxfer / threewayAtxfer `durationLimit`: a pre-alert, then the end. */
export interface DurationLimit {
  limitSeconds: number;
  preAlertSeconds: number;
  preAlertAudioFile?: string;
}

export interface CallRecord {
  callId: string;
  tenantId: string;
  callType: CallTypeValue;
  phase: CallPhase;
  queueNo?: string;
  /** The caller (inbound) or the number dialled (outbound); for internal calls the callee. */
  customerNumber: string;
  /** Number presented to the customer on outbound calls. */
  callerId?: string;
  /** Where outbound and internal calls ring the other party (backup numbers reuse its kind). */
  customerDestination?: Destination;
  agentAnswerTimeoutMs?: number;
  customerLegId?: string;
  agentNo?: string;
  agentLegId?: string;
  /** Internal calls to an agent: the callee agent. */
  calleeAgentNo?: string;
  variables: ChannelVariable[];
  requestUniqueId?: string;
  /** Backup numbers not tried yet. */
  backupNumbers: string[];
  customerAnswerTimeoutMs: number;
  wrapupSeconds: number;
  held: boolean;
  muted: { in: boolean; out: boolean };
  /** Agents that did not take this queue call; it is not offered to them again. */
  declinedBy: string[];
  /** `reject` of the offered agents, with their description. */
  rejections?: { agentNo: string; at: number; description?: string }[];
  cdrIsAsr: 0 | 1;
  legs: CallLeg[];
  createdAt: number;
  queuedAt?: number;
  answeredAt?: number;
  endedAt?: number;
  outcome?: CallOutcome;
  hangupSide?: HangupSide;
  /** Set when the gateway itself hangs up, so the ended legs are attributed to the right side and reason. */
  endRequested?: { outcome: CallOutcome; side: HangupSide; reason?: SessionTerminateReason };
  survey?: { startedAt: number; result?: string };
  /** After-call work: each handling agent's disposition (setDisposition). */
  dispositions?: Disposition[];
  /** Where the call's recording is kept, once it is complete (domain/call-recording.ts). */
  recording?: RecordingMetadata;
  consult?: Consult;
  threeway?: ExtraParty;
  transfer?: ExtraParty;
  ivr?: IvrVisit;
  /** While queued: the queue's timeout, and when it lets the customer go (a timer of an earlier queued spell is stale). */
  queueTimeoutMs?: number;
  queueDeadline?: number;
  monitor?: Monitor;
  /** Pre-alert prompt for a duration-limited call. */
  preAlertAudioFile?: string;
  /** The gateway process (boot id) whose telephony holds the call's legs; its lapsed lease ends the call. */
  ownerId?: string;
  /** Why the gateway ended the call without its parties: the legs died with the process that held them. */
  endReason?: LegsLostReason;
  /** A dialer task's call: the number it dials and the claim it holds (domain/dialer-campaign.ts). */
  dialer?: DialerCallTag;
}

export interface DialerCallTag {
  taskId: string;
  number: string;
  /** The claim's owner: whichever node sees the outcome records it in the claim's name. */
  owner: string;
  /** Attempts at the number before this call. */
  attemptsBefore: number;
}

/** A call whose legs died with their gateway process: restarted (`gatewayRestart`) or lost from a cluster (`nodeLost`). */
export type LegsLostReason = 'gatewayRestart' | 'nodeLost';

export type CallEvent =
  /** `wrapupSeconds`: the offered agent's, for a call that had no agent yet (predictive). */
  | { type: 'offered'; agentNo: string; agentLeg: DialRequest; wrapupSeconds?: number }
  | { type: 'legRinging'; legId: string }
  | { type: 'legAnswered'; legId: string }
  | { type: 'legEnded'; legId: string; cause: LegEndCause; media?: LegMediaStats }
  | { type: 'dtmf'; legId: string; digits: string }
  /** unlink by `agentNo` (the call's agent, or a consulted / three-way agent). */
  | { type: 'hangup'; side: 1 | 2; agentNo: string }
  | { type: 'reject'; description?: string }
  | { type: 'cancel' }
  | { type: 'hold' }
  | { type: 'unhold' }
  | { type: 'mute'; direction: MuteDirection }
  | { type: 'unmute'; direction: MuteDirection }
  | { type: 'startSurvey' }
  | { type: 'queueTimeout' }
  | { type: 'surveyTimeout' }
  | { type: 'abandonTimeout' }
  | { type: 'abandonMessagePlayed' }
  | { type: 'startConsult'; leg: DialRequest; targetType: 0 | 1 | 2; target: string; targetAgentNo?: string; variables: ChannelVariable[] }
  | { type: 'cancelConsult' }
  | { type: 'resumeConsult' }
  | { type: 'completeConsult'; limit?: DurationLimit }
  | { type: 'threeway'; limit?: DurationLimit }
  | { type: 'blindTransfer'; to: BlindTarget; variables: ChannelVariable[]; sayAgent: boolean; holdMusic: boolean }
  | {
      type: 'enterIvr';
      ivrId: string;
      nodeId: string;
      nodes: IvrNode[];
      variables: ChannelVariable[];
      returnVariables?: Record<string, string>;
    }
  | { type: 'preAlert' }
  | { type: 'durationLimit' }
  | { type: 'startMonitor'; supervisorNo: string; kind: MonitorKind; leg: DialRequest; announce: boolean }
  | { type: 'stopMonitor'; supervisorNo: string }
  | { type: 'pickup'; supervisorNo: string; leg: DialRequest }
  /** A supervisor ends the call (`disconnect`). */
  | { type: 'forceEnd' }
  /** The process holding the call's legs is gone (at `at`, its last sign of life): the call ends without them. */
  | { type: 'legsLost'; reason: LegsLostReason; at: number };

export type BlindTarget =
  | { kind: 'leg'; leg: DialRequest; targetAgentNo?: string }
  | { kind: 'queue'; queueNo: string; queueTimeoutMs: number }
  | { kind: 'ivr'; ivrId: string; nodeId: string; nodes: IvrNode[] };

export type ScheduledCallEvent =
  | 'queueTimeout'
  | 'surveyTimeout'
  | 'preAlert'
  | 'durationLimit'
  | 'abandonTimeout'
  | 'abandonMessagePlayed';

export type CallEffect =
  | { type: 'dial'; request: DialRequest }
  | { type: 'answerLeg'; legId: string }
  | { type: 'connect'; legIds: string[] }
  | { type: 'monitor'; legId: string; targetLegId: string; mode: MonitorMode }
  | { type: 'hangupLeg'; legId: string; cause: LegEndCause }
  | { type: 'setHold'; legId: string; held: boolean }
  | { type: 'setMute'; legId: string; direction: MuteDirection; muted: boolean }
  | { type: 'play'; legId: string; prompt: string }
  | { type: 'agent'; agentNo: string; command: AgentCommand }
  | { type: 'notify'; agentNo: string; event: WireEvent }
  /** Offer the queue's waiting calls to available agents. */
  | { type: 'route'; queueNo: string }
  | { type: 'schedule'; event: ScheduledCallEvent; delayMs: number };

export type CallTransitionResult =
  | { ok: true; next: CallRecord; effects: CallEffect[] }
  | { ok: false; error: BusinessErrorName; message: string };

export const PROMPTS = {
  queueMusic: 'queue-music',
  holdMusic: 'hold-music',
  queueTimeout: 'all-agents-busy-goodbye',
  survey: 'survey: press 1 (poor) to 5 (excellent)',
  surveyThanks: 'survey-thank-you',
  ringback: 'ringback',
  preAlert: 'call-ends-soon',
  /** Predictive: an answered customer no agent took within 2 s. */
  abandoned: 'sorry-no-agent-free-we-will-call-you-back',
} as const;

export const SURVEY_TIMEOUT_MS = 30_000;

export const refuse = (error: BusinessErrorName, message: string): CallTransitionResult => ({ ok: false, error, message });

export function withLeg(call: CallRecord, legId: string, change: Partial<CallLeg>): CallRecord {
  return { ...call, legs: call.legs.map((leg) => (leg.legId === legId ? { ...leg, ...change } : leg)) };
}

export const isLive = (call: CallRecord, legId: string | undefined) =>
  legId !== undefined && call.legs.some((leg) => leg.legId === legId && leg.endedAt === undefined);

/** Common fields of the events the agent sees about this call. */
export function callSummary(call: CallRecord): CallSummary {
  const summary: CallSummary = {
    callId: call.callId,
    callType: call.callType,
    customerNumber: call.customerNumber,
    chanVariables: call.variables,
  };
  if (call.queueNo !== undefined) summary.queueNo = call.queueNo;
  if (call.requestUniqueId !== undefined) summary.requestUniqueId = call.requestUniqueId;
  if (call.calleeAgentNo !== undefined) summary.calleeAgentNo = call.calleeAgentNo;
  return summary;
}

/** What an event about a call carries beyond the call's summary. */
export type CallEventDetails<E extends CallEventName> = Omit<CallEventPayloads[E], keyof CallSummary> & Partial<CallSummary>;

/** The event `event` about `call` for `agentNo` (none without an agent): the call's summary and `details`. */
export function notify<E extends CallEventName>(
  call: CallRecord,
  agentNo: string | undefined,
  event: E,
  ...[details]: object extends CallEventDetails<E> ? [details?: CallEventDetails<E>] : [details: CallEventDetails<E>]
): CallEffect[] {
  if (!agentNo) return [];
  // The summary completes what the details leave out; TypeScript cannot see that through the generic Omit.
  const data = { eventType: event, ...callSummary(call), ...details } as unknown as EventMap[E];
  return [{ type: 'notify', agentNo, event: wireEvent(event, data) }];
}

/** The agents with a leg in the call now: its agent, an internal callee, a consulted or three-way agent. */
export function agentsOf(call: CallRecord): string[] {
  const agents = [
    call.agentNo,
    call.calleeAgentNo,
    call.consult?.targetAgentNo,
    call.threeway?.targetAgentNo,
    call.transfer?.targetAgentNo,
    call.monitor?.supervisorNo,
  ];
  return [...new Set(agents.filter((agentNo): agentNo is string => agentNo !== undefined))];
}

/**
 * Ends the call: hangs up what is still live, releases the agents (wrap-up when they talked) and tells them.
 * `reason` is what `sessionTerminate` reports.
 */
export function endCall(
  call: CallRecord,
  outcome: CallOutcome,
  side: HangupSide,
  now: number,
  reason: SessionTerminateReason,
): CallTransitionResult {
  const next: CallRecord = { ...call, phase: 'ended', outcome, hangupSide: side, endedAt: now };
  delete next.endRequested;
  const effects: CallEffect[] = [];
  for (const leg of call.legs) {
    if (leg.endedAt === undefined) effects.push({ type: 'hangupLeg', legId: leg.legId, cause: leg.answeredAt ? 'normal' : 'cancelled' });
  }
  if (call.monitor) effects.push(...monitorNotice(call, call.monitor.kind, 'Unlink', { reason: 'callEnded' }));
  if (call.phase !== 'survey') {
    for (const agentNo of agentsOf(call)) {
      const agentLeg = call.legs.filter((leg) => leg.agentNo === agentNo).at(-1);
      const talked = agentLeg?.answeredAt !== undefined && call.answeredAt !== undefined;
      effects.push(...notify(call, agentNo, 'sessionTerminate', { side, reason, outcome }));
      effects.push({
        type: 'agent',
        agentNo,
        command: talked
          ? { type: 'callEnded', callId: call.callId, wrapupSeconds: agentNo === call.agentNo ? call.wrapupSeconds : 0 }
          : { type: 'offerReleased', callId: call.callId, reason: 'other' },
      });
    }
  }
  return { ok: true, next, effects };
}

/** Ends the call from the gateway's side: legs are hung up first, and their `ended` events finish it. */
export function requestEnd(
  call: CallRecord,
  outcome: CallOutcome,
  side: HangupSide,
  cause: LegEndCause,
  reason?: SessionTerminateReason,
): CallTransitionResult {
  const effects: CallEffect[] = call.legs
    .filter((leg) => leg.endedAt === undefined)
    .map((leg) => ({ type: 'hangupLeg', legId: leg.legId, cause }));
  return { ok: true, next: { ...call, endRequested: reason === undefined ? { outcome, side } : { outcome, side, reason } }, effects };
}

type MonitorStage = 'Result' | 'Link' | 'Unlink';
const MONITOR_EVENTS = {
  spy: { Result: 'spyResult', Link: 'spyLink', Unlink: 'spyUnlink' },
  whisper: { Result: 'whisperResult', Link: 'whisperLink', Unlink: 'whisperUnlink' },
  barge: { Result: 'bargeResult', Link: 'bargeLink', Unlink: 'bargeUnlink' },
  threeway: { Result: 'threewayResult', Link: 'threewayLink', Unlink: 'threewayUnlink' },
} as const satisfies Record<MonitorKind, Record<MonitorStage, CallEventName>>;

/** What each stage's notice adds to the supervisor and agent numbers. */
type MonitorNoticeDetails = { Result: { result: 'success' }; Link: Record<never, never>; Unlink: { reason: MonitorUnlinkEvent['reason'] } };

/** Listening in is silent unless the tenant announces monitoring; the agent hears whisper, barge and three-way. */
export function agentToldOfMonitoring(monitor: Monitor, kind: MonitorKind): boolean {
  return kind !== 'spy' || monitor.announced === true;
}

/**
 * `spyLink`, `whisperUnlink`, `threewayResult`…: the same notice to the supervisor and the monitored agent (not to the
 * agent for a silent spy).
 */
export function monitorNotice<S extends MonitorStage>(
  call: CallRecord,
  kind: MonitorKind,
  stage: S,
  details: MonitorNoticeDetails[S],
): CallEffect[] {
  const monitor = call.monitor;
  if (!monitor) return [];
  const event: CallEventName = MONITOR_EVENTS[kind][stage];
  // agentNo is missing only once the agent left the call, where the supervisor's own notice still goes out.
  const data = { supervisorNo: monitor.supervisorNo, agentNo: call.agentNo, ...details } as CallEventDetails<typeof event>;
  const recipients =
    stage === 'Result' || !agentToldOfMonitoring(monitor, kind) ? [monitor.supervisorNo] : [monitor.supervisorNo, call.agentNo];
  return recipients.flatMap((agentNo) => notify(call, agentNo, event, data));
}

/**
 * The call's agent hands the call over and leaves: its leg is hung up, it is told why, and it goes to wrap-up.
 * The caller makes someone else the call's agent (or none).
 */
export function agentLeaves(call: CallRecord, reason: SessionTerminateReason): CallEffect[] {
  if (!call.agentNo || !call.agentLegId) return [];
  return [
    { type: 'hangupLeg', legId: call.agentLegId, cause: 'normal' },
    ...notify(call, call.agentNo, 'sessionTerminate', { side: 'agent', reason }),
    { type: 'agent', agentNo: call.agentNo, command: { type: 'callEnded', callId: call.callId, wrapupSeconds: call.wrapupSeconds } },
  ];
}

/** Schedules the pre-alert and the end of a call limited to `limit.limitSeconds` from now. */
export function durationLimitEffects(limit: DurationLimit | undefined): CallEffect[] {
  if (!limit) return [];
  const effects: CallEffect[] = [];
  const preAlertDelay = (limit.limitSeconds - limit.preAlertSeconds) * 1000;
  if (preAlertDelay > 0) effects.push({ type: 'schedule', event: 'preAlert', delayMs: preAlertDelay });
  effects.push({ type: 'schedule', event: 'durationLimit', delayMs: limit.limitSeconds * 1000 });
  return effects;
}

export function newLeg(legId: string, party: CallLeg['party'], number: string, now: number, agentNo?: string): CallLeg {
  return agentNo === undefined ? { legId, party, number, startedAt: now } : { legId, party, number, agentNo, startedAt: now };
}
