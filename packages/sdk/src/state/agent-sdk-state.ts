/** `AgentSDK.getState()`: what the SDK knows of its session, as one immutable snapshot built only from events. */
import type {
  AgentStatus,
  CallTypeValue,
  ChannelVariable,
  ConnectionStateEvent,
  MonitorMode,
  QueueStatusMap,
  SoftphoneStateEvent,
} from '@agentsdk/protocol';

export interface AgentSdkState {
  readonly connection: ConnectionStateEvent['state'];
  /** From the successful `loginResp`; undefined when signed out. */
  readonly session: SessionView | undefined;
  /** The latest `agentStatus` snapshot (`monitoredBy` says who supervises this agent's call). */
  readonly agent: AgentStatus | undefined;
  /** While the agent is in wrap-up: when it ends by itself (moved later by `prolongWrapup`). */
  readonly wrapup: WrapupView | undefined;
  /** The agent's current call, from the first event that offers it until its `sessionTerminate`. */
  readonly call: CallView | undefined;
  /** Supervisors: the agent call they listen to, whisper to, barge into or join. */
  readonly monitoring: MonitoringView | undefined;
  readonly softphone: SoftphoneView;
  /** Supervisors: the latest status of each watched queue (`getQueueStatus` responses and `queueStatus` pushes). */
  readonly queueStatus: QueueStatusMap | undefined;
}

export interface SessionView {
  readonly sessionId: string;
  readonly tenantId: string;
  readonly agentNo: string;
}

export interface WrapupView {
  /** Epoch ms. */
  readonly endsAt: number;
}

/** The agent's leg: offered and ringing, or answered. */
export type AgentLegState = 'ringing' | 'connected';
/** The customer's leg: waiting in a queue or an IVR, being dialled, ringing, or talking to the agent. */
export type CustomerLegState = 'waiting' | 'dialing' | 'ringing' | 'connected';

export interface CallView {
  readonly callId: string;
  readonly callType: CallTypeValue;
  readonly customerNumber: string;
  readonly queueNo?: string;
  readonly requestUniqueId?: string;
  readonly chanVariables: readonly ChannelVariable[];
  /** `ringing`: offered to the agent; `dialing`: an outbound call the customer has not answered; `connected`. */
  readonly phase: 'ringing' | 'dialing' | 'connected';
  readonly legs: { readonly agent: AgentLegState; readonly customer: CustomerLegState };
  /** Preview outbound: 1 for the customer's number, 2, 3... for the backup numbers. */
  readonly attempt?: number;
  readonly held: boolean;
  readonly muted: { readonly in: boolean; readonly out: boolean };
  /** A consultation (`startAtxfer`) of this call, or the three-way call it became. */
  readonly consult: ConsultView | undefined;
}

export interface ConsultView {
  readonly targetType: 0 | 1 | 2;
  readonly target: string;
  /** `dialing` the target; `linked`: talking to it, customer held; `customer`: back with the customer, target held; `threeway`: all three. */
  readonly state: 'dialing' | 'linked' | 'customer' | 'threeway';
}

export interface MonitoringView {
  readonly agentNo: string;
  readonly callId: string;
  readonly mode: MonitorMode;
  /** `dialing`: the supervisor's phone rings; `linked`: on the call. */
  readonly state: 'dialing' | 'linked';
}

export interface SoftphoneView {
  readonly state: SoftphoneStateEvent['state'];
  readonly reason?: string;
}

export const INITIAL_STATE: AgentSdkState = Object.freeze({
  connection: 'closed',
  session: undefined,
  agent: undefined,
  wrapup: undefined,
  call: undefined,
  monitoring: undefined,
  softphone: Object.freeze({ state: 'off' }),
  queueStatus: undefined,
});
