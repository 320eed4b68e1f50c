/**
 * GET /api/v1/tenants/{tenantId}/cdrs: one ended call as the API shows it (docs/01-Overview.md "HTTP API"): ISO 8601
 * times, the talk time in seconds, only the variables meant for records (type 2 and 3).
 */
import type { CallOutcome } from '../event-enums.js';
import type { CallTypeValue } from '../enums.js';
import type { LegMediaStats } from '../call-record.js';
import type { ChannelVariable } from '../types.js';

export interface CallRecordView {
  callId: string;
  callType: CallTypeValue;
  queueNo?: string;
  customerNumber: string;
  callerId?: string;
  /** The call's agent at its end. */
  agentNo?: string;
  /** Internal calls: the colleague called. */
  calleeAgentNo?: string;
  requestUniqueId?: string;
  createdAt?: string;
  queuedAt?: string;
  answeredAt?: string;
  endedAt?: string;
  /** `gatewayRestart` / `nodeLost`: the gateway ended the call because the process carrying it died. */
  endReason?: 'gatewayRestart' | 'nodeLost';
  talkSeconds: number;
  outcome?: CallOutcome;
  hangupSide?: 'agent' | 'customer' | 'system';
  rejections: { agentNo: string; at?: string; description?: string }[];
  chanVariables: ChannelVariable[];
  cdrIsAsr: 0 | 1;
  survey?: { startedAt?: string; result: string | null };
  /** Every agent who handled the call, with the times its legs were up. */
  agents: { agentNo: string; segments: { from?: string; to?: string }[] }[];
  /** The outcome each agent gave the call in wrap-up (setDisposition). */
  dispositions: { agentNo: string; code: string; notes?: string; at?: string }[];
  legs: {
    legId: string;
    party: 'customer' | 'agent';
    number: string;
    agentNo?: string;
    startedAt?: string;
    answeredAt?: string;
    endedAt?: string;
    endCause?: string;
    /** RTP counters of a leg with real media. */
    media?: LegMediaStats;
  }[];
  /** Path of the call's WAV recording (`…/cdrs/{callId}/recording`), once it is complete. */
  recordingUrl?: string;
}

export interface CallRecordPage {
  records: CallRecordView[];
  /** Pass as `cursor` for the next (older) page; null on the last one. */
  nextCursor: string | null;
}
