/** Spec section 4: outbound, in-call control, wrap-up and auto outbound tasks. */
import * as v from 'valibot';
import { ChannelVariablesSchema, integerBetween, oneOf, optionalText, requiredText } from './common.js';

/** Characters a dialled number may contain at all; anything else is `bad param` (20000), not `bad tel` (20102). */
export const DIALLABLE_CHARACTERS = /^[0-9+*#\-() ]*$/;

const dialString = v.pipe(
  v.string('must be a string'),
  v.trim(),
  v.nonEmpty('must not be empty'),
  v.maxLength(32, 'must be at most 32 characters'),
);

const requestUniqueId = v.optional(
  v.pipe(v.string('must be a string'), v.regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be 1-64 letters, digits or _ . : -')),
);

export const PreviewObCallParamsSchema = v.strictObject({
  customerNumber: dialString,
  agentAnswerTimeout: v.optional(integerBetween(5, 60), 30),
  customerAnswerTimeout: v.optional(integerBetween(5, 60), 45),
  obClid: optionalText(32),
  obClidAreaCode: optionalText(8),
  obClidGroup: optionalText(32),
  chanVariables: ChannelVariablesSchema,
  requestUniqueId,
  /** Up to 5 comma-separated numbers, tried in order when the customer is busy or does not answer. */
  backupNumber: v.optional(
    v.pipe(
      v.string('must be a string'),
      v.check((s) => s.split(',').filter((n) => n.trim() !== '').length <= 5, 'must list at most 5 numbers'),
    ),
  ),
  cdrIsAsr: v.optional(oneOf([0, 1] as const), 1),
});

export const UnlinkParamsSchema = v.optional(v.strictObject({ side: v.optional(oneOf([1, 2] as const), 1) }), { side: 1 as const });

export const RejectParamsSchema = v.optional(
  v.strictObject({ description: v.optional(v.pipe(v.string('must be a string'), v.maxLength(19, 'must be shorter than 20 characters'))) }),
  {},
);

/** The spec lists `direction` as required with default `in`; a missing direction means `in`. */
export const MuteParamsSchema = v.optional(v.strictObject({ direction: v.optional(oneOf(['in', 'out', 'all'] as const), 'in') }), {
  direction: 'in' as const,
});

export const SendDtmfParamsSchema = v.strictObject({
  digits: v.pipe(v.string('must be a string'), v.regex(/^[0-9*#A-D]{1,20}$/, 'must be 1-20 of 0-9 * # A B C D')),
  target: oneOf([1, 2] as const),
  durationMs: v.optional(integerBetween(100, 500), 100),
  gapMs: v.optional(integerBetween(250, 1000), 250),
});

export const InternalCallParamsSchema = v.strictObject({
  targetType: oneOf([0, 1] as const),
  target: requiredText(32),
  agentAnswerTimeout: v.optional(integerBetween(5, 60), 30),
  customerAnswerTimeout: v.optional(integerBetween(5, 60), 45),
  requestUniqueId,
  chanVariables: ChannelVariablesSchema,
});

export const ProlongWrapupParamsSchema = v.strictObject({ wrapupTime: integerBetween(30, 600) });

export const StartAutoObCallTaskParamsSchema = v.strictObject({
  taskId: requiredText(64),
  callParams: v.optional(
    v.pipe(
      v.string('must be a string'),
      v.maxLength(4096, 'must be at most 4096 characters'),
      v.check(isJsonObjectText, 'must be a JSON object in a string'),
    ),
  ),
});

export const PauseAutoObCallTaskParamsSchema = v.strictObject({ taskId: requiredText(64) });
/** Ours: the next number of a preview task the agent works, held for the agent. */
export const GetPreviewNumberParamsSchema = v.strictObject({ taskId: requiredText(64) });
/** Ours: the agent passes the preview number it holds. */
export const SkipPreviewNumberParamsSchema = v.strictObject({ taskId: requiredText(64), number: requiredText(32) });

/** 0 preview + predictive; 1 preview only; 2 predictive only. */
export const ChangeObCallModeParamsSchema = v.strictObject({ workMode: oneOf([0, 1, 2] as const) });

function isJsonObjectText(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** Ours: the agent's outcome of a call it handled, from the tenant's `dispositions`, with free-text notes. */
export const SetDispositionParamsSchema = v.strictObject({
  callId: requiredText(64),
  dispositionCode: requiredText(32),
  notes: optionalText(2000),
});
