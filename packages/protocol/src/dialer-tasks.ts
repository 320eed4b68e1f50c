/**
 * Outbound campaigns (dialer tasks) over the server API: `…/api/v1/tenants/{tenantId}/tasks`, with the tenant API key.
 * docs/04-server-api.md#dialer-tasks describes the exchange.
 */
import * as v from 'valibot';
import { PHONE_NUMBER_PATTERN } from './schemas/common.js';

export const DIALER_TASK_MODES = ['preview', 'progressive', 'predictive'] as const;

/**
 * How one attempt at a number ended. `abandoned`: the customer answered and no agent was connected within 2 s;
 * `skipped`: a preview agent passed the number; `interrupted`: the node that dialled it stopped before the outcome.
 */
export const DIALER_OUTCOMES = [
  'answered',
  'busy',
  'noAnswer',
  'rejected',
  'invalidNumber',
  'failed',
  'abandoned',
  'skipped',
  'doNotCall',
  'interrupted',
] as const;

/** Outcomes a task may retry after a delay (`retryDelaySeconds`); the others end the number's life. */
export const RETRYABLE_DIALER_OUTCOMES = ['busy', 'noAnswer', 'rejected', 'failed', 'abandoned', 'interrupted'] as const;

export const DIALER_TASK_LIMITS = {
  /** Numbers in one upload (JSON or CSV rows). */
  numbersPerUpload: 10_000,
  /** Variables per number: they become the call's chanVariables. */
  variablesPerNumber: 10,
  variableValueLength: 256,
  doNotCall: 10_000,
} as const;

const TASK_ID = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -'));
const PHONE_NUMBER = v.pipe(v.string(), v.regex(PHONE_NUMBER_PATTERN, 'must be a phone number'));
const HH_MM = v.pipe(v.string(), v.regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/, 'must be HH:MM'));

export const DialerOutcomeSchema = v.picklist(DIALER_OUTCOMES);

/** Local time window (the tenant's time zone: its `outboundHours.utcOffsetMinutes`) in which the task dials. */
export const CallingHoursSchema = v.strictObject({ start: HH_MM, end: HH_MM });

const DELAY_SECONDS = v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(30 * 86_400)));
export const RetryDelaysSchema = v.strictObject({
  busy: DELAY_SECONDS,
  noAnswer: DELAY_SECONDS,
  rejected: DELAY_SECONDS,
  failed: DELAY_SECONDS,
  abandoned: DELAY_SECONDS,
  interrupted: DELAY_SECONDS,
});

const SETTINGS = {
  name: v.pipe(v.string(), v.nonEmpty(), v.maxLength(200)),
  mode: v.picklist(DIALER_TASK_MODES),
  /** Must be one of the tenant's callerIds. */
  callerId: v.optional(PHONE_NUMBER),
  customerAnswerTimeoutSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(120))),
  callingHours: v.optional(CallingHoursSchema),
  /** Attempts per number, first call included. */
  maxAttempts: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20))),
  /** Seconds before a number is dialled again after each outcome; an outcome not listed is not retried. */
  retryDelaySeconds: v.optional(RetryDelaysSchema),
  doNotCall: v.optional(v.pipe(v.array(PHONE_NUMBER), v.maxLength(DIALER_TASK_LIMITS.doNotCall))),
  /** Predictive: the largest share of answered customers left without an agent for 2 s (sliding window). */
  abandonRateTarget: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(0.2))),
  /** A paused task dials nothing; agents stay members. */
  paused: v.optional(v.boolean()),
};

export const CreateDialerTaskSchema = v.strictObject({ taskId: v.optional(TASK_ID), ...SETTINGS });
/** Only the fields sent change; `callerId: null` and `callingHours: null` go back to the defaults. At least one field. */
export const PatchDialerTaskSchema = v.pipe(
  v.strictObject({
    ...SETTINGS,
    name: v.optional(SETTINGS.name),
    mode: v.optional(SETTINGS.mode),
    callerId: v.optional(v.nullable(PHONE_NUMBER)),
    callingHours: v.optional(v.nullable(CallingHoursSchema)),
  }),
  v.check((patch) => Object.keys(patch).length > 0, 'the body names no setting to change'),
);

export const DialerNumberInputSchema = v.strictObject({
  number: v.string(),
  variables: v.optional(
    v.record(
      v.pipe(v.string(), v.regex(/^[A-Za-z_][A-Za-z0-9_]{0,31}$/, 'must be a variable name')),
      v.pipe(v.string(), v.maxLength(DIALER_TASK_LIMITS.variableValueLength)),
    ),
  ),
});
export const AddDialerNumbersSchema = v.strictObject({
  numbers: v.pipe(v.array(v.unknown()), v.minLength(1), v.maxLength(DIALER_TASK_LIMITS.numbersPerUpload)),
});

export type DialerTaskMode = (typeof DIALER_TASK_MODES)[number];
export type DialerOutcome = (typeof DIALER_OUTCOMES)[number];
export type RetryableDialerOutcome = (typeof RETRYABLE_DIALER_OUTCOMES)[number];
export type CallingHours = v.InferOutput<typeof CallingHoursSchema>;
export type CreateDialerTask = v.InferOutput<typeof CreateDialerTaskSchema>;
export type PatchDialerTask = v.InferOutput<typeof PatchDialerTaskSchema>;
export type DialerNumberInput = v.InferOutput<typeof DialerNumberInputSchema>;

/** A task's settings with the defaults filled in, as stored and as the API shows them. */
export interface DialerTaskSettings {
  taskId: string;
  name: string;
  mode: DialerTaskMode;
  callerId?: string;
  customerAnswerTimeoutSeconds: number;
  callingHours?: CallingHours;
  maxAttempts: number;
  retryDelaySeconds: Partial<Record<RetryableDialerOutcome, number>>;
  doNotCall: string[];
  abandonRateTarget: number;
  paused: boolean;
}

export interface DialerTaskProgress {
  total: number;
  /** Numbers dialled at least once. */
  dialled: number;
  /** Numbers whose life is not over (due, waiting for a retry, or being dialled). */
  remaining: number;
  /** Each number's latest outcome. */
  outcomes: Partial<Record<DialerOutcome, number>>;
}

export interface DialerTaskView extends DialerTaskSettings {
  createdAt: string;
  updatedAt: string;
  progress: DialerTaskProgress;
}

/** One line of an upload refused, with why (`line`: 1-based index in `numbers`, or the CSV line number). */
export interface RejectedNumber {
  line: number;
  number?: string;
  reason: string;
}

export interface AddDialerNumbersResult {
  accepted: number;
  rejected: RejectedNumber[];
}

/**
 * `dialerTask`: `started` / `paused` with `agentNo` (an agent's startAutoObCallTask / pauseAutoObCallTask), `paused` /
 * `resumed` / `changed` without it (the server API), `finished` (no number's life goes on).
 */
export type DialerTaskChange = 'started' | 'paused' | 'resumed' | 'changed' | 'finished';

export interface DialerTaskEvent {
  taskId: string;
  name: string;
  mode: DialerTaskMode;
  change: DialerTaskChange;
  agentNo?: string;
  paused: boolean;
  progress: DialerTaskProgress;
}

export interface DialerNumberOutcomeEvent {
  taskId: string;
  number: string;
  outcome: DialerOutcome;
  /** Attempts at the number so far, this one included when it reached the telephony. */
  attempts: number;
  /** ISO time of the next attempt; absent when the number's life is over. */
  nextAttemptAt?: string;
  callId?: string;
  agentNo?: string;
  /**
   * Predictive tasks: abandoned ÷ answered customers over the pacing's sliding window (30 minutes) of the calls the
   * node that dialled this one placed, this attempt included: the rate the pacing keeps under the task's target.
   */
  abandonRate?: number;
}
