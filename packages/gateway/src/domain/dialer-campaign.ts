/**
 * An outbound campaign (dialer task) and the life of each of its numbers: due, claimed by the node or agent that dials
 * it, then due again after a retry delay or done. Pure rules; the store keeps the records (ports/store.ts DialerStore).
 */
import type { CallingHours, DialerOutcome, DialerTaskSettings, RetryableDialerOutcome } from '@agentsdk/protocol';
import { RETRYABLE_DIALER_OUTCOMES } from '@agentsdk/protocol/dialer-tasks';
import type { CallOutcome, CallRecord } from './call.js';

export interface DialerTaskRecord extends DialerTaskSettings {
  tenantId: string;
  createdAt: number;
  updatedAt: number;
}

export type DialerNumberState = 'due' | 'claimed' | 'done';

export interface DialerAttempt {
  at: number;
  outcome: DialerOutcome;
  callId?: string;
}

export interface DialerNumberRecord {
  tenantId: string;
  taskId: string;
  number: string;
  /** Upload order: numbers due at the same time are dialled in it. */
  seq: number;
  /** The call's chanVariables (type 2: kept in the call record and shown on the screen pop). */
  variables: Record<string, string>;
  state: DialerNumberState;
  /** Attempts that reached the telephony (a skip or a do-not-call match is not one). */
  attempts: number;
  /** When a due number may be dialled. */
  nextAttemptAt: number;
  /** Who dials it now (a node's boot id, or a preview agent's session) and until when the claim holds. */
  claim?: { owner: string; at: number; expiresAt: number };
  lastOutcome?: DialerOutcome;
  history: DialerAttempt[];
}

const DEFAULT_MAX_ATTEMPTS = 3;
const DEFAULT_ABANDON_RATE_TARGET = 0.03;
const DEFAULT_RETRY_DELAY_SECONDS: Partial<Record<RetryableDialerOutcome, number>> = {
  busy: 300,
  noAnswer: 1_800,
  abandoned: 3_600,
  failed: 600,
  interrupted: 60,
};

/** How an ended call that never reached the customer's answer ends the attempt; `notDialled`: the customer was not called. */
const OUTCOME_OF_CALL: Record<CallOutcome, DialerOutcome | 'notDialled'> = {
  completed: 'answered',
  customerBusy: 'busy',
  customerNoAnswer: 'noAnswer',
  customerRejected: 'rejected',
  invalidNumber: 'invalidNumber',
  agentNoAnswer: 'notDialled',
  abandoned: 'abandoned',
  queueTimeout: 'failed',
  cancelled: 'failed',
  transferFailed: 'failed',
  failed: 'failed',
};

/** The attempt's outcome as soon as the call tells it (the customer answered, or the call ended); undefined until then. */
export function attemptOutcomeOf(call: CallRecord): DialerOutcome | 'notDialled' | undefined {
  if (call.answeredAt !== undefined) return 'answered';
  if (call.phase !== 'ended') return undefined;
  if (call.endReason !== undefined) return 'interrupted';
  return OUTCOME_OF_CALL[call.outcome ?? 'failed'];
}

const isRetryable = (outcome: DialerOutcome): outcome is RetryableDialerOutcome =>
  (RETRYABLE_DIALER_OUTCOMES as readonly string[]).includes(outcome);

/** Whether the attempt counts as one: it reached the telephony. */
export const countsAsAttempt = (outcome: DialerOutcome) => outcome !== 'skipped' && outcome !== 'doNotCall';

/** After an attempt's outcome: when the number is dialled again, or undefined when its life is over. */
export function nextAttemptAfter(
  task: DialerTaskSettings,
  number: Pick<DialerNumberRecord, 'attempts'>,
  outcome: DialerOutcome,
  now: number,
): number | undefined {
  if (!isRetryable(outcome)) return undefined;
  const attempts = number.attempts + (countsAsAttempt(outcome) ? 1 : 0);
  const delay = task.retryDelaySeconds[outcome];
  if (delay === undefined || attempts >= task.maxAttempts) return undefined;
  return now + delay * 1000;
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The number after its claim's outcome: due again at `nextAttemptAt`, or done. */
export function afterOutcome(
  record: DialerNumberRecord,
  outcome: DialerOutcome,
  at: number,
  nextAttemptAt: number | undefined,
  callId?: string,
): DialerNumberRecord {
  const { claim: _claim, ...rest } = record;
  return {
    ...rest,
    state: nextAttemptAt === undefined ? 'done' : 'due',
    nextAttemptAt: nextAttemptAt ?? record.nextAttemptAt,
    attempts: record.attempts + (countsAsAttempt(outcome) ? 1 : 0),
    lastOutcome: outcome,
    history: [...record.history, { at, outcome, ...(callId === undefined ? {} : { callId }) }],
  };
}

/** Whether `now` falls in the local window [start, end) at `utcOffsetMinutes`; a window may run past midnight. */
export function isWithinCallingHours(hours: CallingHours | undefined, utcOffsetMinutes: number, now: number): boolean {
  if (!hours) return true;
  const local = new Date(now + utcOffsetMinutes * 60_000);
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  const start = toMinutes(hours.start);
  const end = toMinutes(hours.end);
  return start <= end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

export function isDoNotCall(task: Pick<DialerTaskSettings, 'doNotCall'>, number: string): boolean {
  return task.doNotCall.includes(number);
}

/** The settings a new task gets for what the request leaves out. */
export function withTaskDefaults<T extends Partial<DialerTaskSettings> & Pick<DialerTaskSettings, 'taskId' | 'name' | 'mode'>>(
  settings: T,
): DialerTaskSettings {
  return {
    customerAnswerTimeoutSeconds: 30,
    maxAttempts: DEFAULT_MAX_ATTEMPTS,
    retryDelaySeconds: DEFAULT_RETRY_DELAY_SECONDS,
    doNotCall: [],
    abandonRateTarget: DEFAULT_ABANDON_RATE_TARGET,
    paused: false,
    ...(Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)) as T),
  };
}
