/** Building blocks shared by the operation parameter schemas. Messages name the rule; the field name is added by the validator. */
import * as v from 'valibot';

export function requiredText(maxLength: number) {
  return v.pipe(
    v.string('must be a string'),
    v.trim(),
    v.nonEmpty('must not be empty'),
    v.maxLength(maxLength, `must be at most ${maxLength} characters`),
  );
}

export function optionalText(maxLength: number) {
  return v.optional(v.pipe(v.string('must be a string'), v.maxLength(maxLength, `must be at most ${maxLength} characters`)));
}

export function integerBetween(min: number, max: number) {
  return v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number'),
    v.minValue(min, `must be between ${min} and ${max}`),
    v.maxValue(max, `must be between ${min} and ${max}`),
  );
}

/** `integerBetween` for a run of whole numbers with a meaning each, typed as their union (`0 | 1 | 2 | 3`). */
export function integerOf<const T extends readonly number[]>(values: T) {
  const min = Math.min(...values) as T[number];
  const max = Math.max(...values) as T[number];
  return v.pipe(
    v.custom<T[number]>((input) => typeof input === 'number', 'must be a number'),
    v.integer('must be a whole number'),
    v.minValue(min, `must be between ${min} and ${max}`),
    v.maxValue(max, `must be between ${min} and ${max}`),
  );
}

export function oneOf<const T extends readonly (string | number)[]>(values: T) {
  return v.picklist(values, `must be one of ${values.join(', ')}`);
}

/** Digits with an optional leading +, 3 to 20 characters: what a phone network dials. */
export const PHONE_NUMBER_PATTERN = /^\+?[0-9]{3,20}$/;
export const EXTENSION_PATTERN = /^[0-9]{2,10}$/;
/** A softphone's name, the user part of its SIP address: letters, digits, `.`, `_`, `-`; empty means the agent number. */
export const SOFTPHONE_ENDPOINT_PATTERN = /^[A-Za-z0-9._-]{0,64}$/;

export const BindEndpointSchema = v.pipe(
  v.strictObject({
    endpointType: oneOf([1, 2, 3] as const),
    endpoint: v.pipe(v.string('must be a string'), v.trim(), v.maxLength(64, 'must be at most 64 characters')),
  }),
  v.forward(
    v.check(
      ({ endpointType, endpoint }) =>
        endpointType === 1
          ? PHONE_NUMBER_PATTERN.test(endpoint)
          : endpointType === 2
            ? EXTENSION_PATTERN.test(endpoint)
            : SOFTPHONE_ENDPOINT_PATTERN.test(endpoint),
      'must be a phone number (digits, optional leading +, 3-20) for endpointType 1, an extension (2-10 digits) for endpointType 2, or a softphone name (letters, digits, . _ -, up to 64; empty: the agent number) for endpointType 3',
    ),
    ['endpoint'],
  ),
);

/**
 * A channel variable travels with a call. `type`: 1 event payloads only (default); 2 also stored in the call record;
 * 3 also passed through as a SIP header.
 */
export const ChannelVariableSchema = v.strictObject({
  name: v.pipe(
    v.string('must be a string'),
    v.regex(/^[A-Za-z_][A-Za-z0-9_]{0,31}$/, 'must be a letter or _ followed by up to 31 letters, digits or _'),
  ),
  value: v.pipe(v.string('must be a string'), v.maxLength(256, 'must be at most 256 characters')),
  type: v.optional(oneOf([1, 2, 3] as const), 1),
});

export const ChannelVariablesSchema = v.optional(
  v.pipe(v.array(ChannelVariableSchema, 'must be an array'), v.maxLength(5, 'must have at most 5 entries')),
);

export const TargetAgentSchema = v.strictObject({ agentNo: requiredText(32) });

export const NoParamsSchema = v.optional(v.strictObject({}), {});

/** completeAtxfer / threewayAtxfer options. */
export const DurationLimitSchema = v.optional(
  v.strictObject({
    durationLimit: v.optional(integerBetween(1, 86_400)),
    preAlertSeconds: v.optional(integerBetween(1, 3_600), 60),
    preAlertAudioFile: optionalText(128),
  }),
  {},
);
