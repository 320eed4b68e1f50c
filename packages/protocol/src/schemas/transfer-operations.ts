/** Spec section 5: consult, transfer, three-way and IVR. */
import * as v from 'valibot';
import { ChannelVariablesSchema, oneOf, requiredText } from './common.js';

export const StartAtxferParamsSchema = v.strictObject({
  /** 0 PSTN number; 1 agent; 2 extension. */
  targetType: oneOf([0, 1, 2] as const),
  target: requiredText(32),
  chanVariables: ChannelVariablesSchema,
});

/** blxfer `targetType`: 0 PSTN number; 1 agent; 2 extension; 3 queue; 4 IVR node (`<ivrId>:<ivrNode>`). */
export const BlxferParamsSchema = v.strictObject({
  targetType: oneOf([0, 1, 2, 3, 4] as const),
  target: requiredText(64),
  blxferVariables: ChannelVariablesSchema,
  /** 1: announce the agent's number to the customer before the transfer. */
  blxferDialSayAgent: v.optional(oneOf([0, 1] as const), 0),
  /** 1: the customer hears hold music while the target rings (0: ringback). */
  blxferDialAgentHold: v.optional(oneOf([0, 1] as const), 0),
});

export const TransferIvrParamsSchema = v.strictObject({
  ivrTarget: v.strictObject({
    ivrId: v.union([requiredText(32), v.pipe(v.number(), v.integer())], 'must be a string or a whole number'),
    ivrNode: requiredText(32),
  }),
  chanVariables: ChannelVariablesSchema,
  /** IVR variable name -> name under which `interactReturn` reports it. */
  returnVariables: v.optional(
    v.pipe(
      v.record(
        v.pipe(v.string(), v.regex(/^[A-Za-z_][A-Za-z0-9_]{0,31}$/, 'keys must be variable names')),
        v.pipe(v.string('values must be strings'), v.maxLength(32)),
      ),
      v.check((r) => Object.keys(r).length <= 10, 'must map at most 10 variables'),
    ),
  ),
});
