/** Spec section 3: agent sign-in, sign-out, busy/idle, bound endpoint. */
import * as v from 'valibot';
import { BindEndpointSchema, integerOf, oneOf, optionalText, requiredText } from './common.js';

/** login `workMode`: comma-separated values, each 0 (preview + predictive), 4 (preview only) or 5 (predictive only). */
export const LOGIN_WORK_MODE_PATTERN = /^[045](,[045])*$/;

export const LoginParamsSchema = v.pipe(
  v.strictObject({
    sessionKey: requiredText(256),
    tenantId: requiredText(64),
    agentNo: requiredText(32),
    webSocketUrl: v.optional(
      v.pipe(v.string('must be a string'), v.regex(/^(wss?|https?):\/\/\S+$/, 'must be a ws://, wss://, http:// or https:// URL')),
    ),
    bindEndpoint: BindEndpointSchema,
    /** Supervisor only: comma-separated qids, each `<tenantId>:<queueNo>`. */
    qids: v.optional(
      v.pipe(
        v.string('must be a string'),
        v.regex(/^[^,:\s]+:[^,:\s]+(,[^,:\s]+:[^,:\s]+)*$/, 'must be comma-separated <tenantId>:<queueNo> pairs'),
      ),
    ),
    initialStatus: oneOf([1, 2, 3] as const),
    pauseDescription: optionalText(64),
    workMode: v.optional(
      v.pipe(v.string('must be a string'), v.regex(LOGIN_WORK_MODE_PATTERN, 'must be comma-separated values of 0, 4 or 5')),
    ),
  }),
  v.forward(
    v.check((p) => p.initialStatus !== 2 || (p.pauseDescription ?? '').trim() !== '', 'is required when initialStatus is 2 (busy)'),
    ['pauseDescription'],
  ),
);

/** logoutMode 1: sign out now (refused during a call); 2: sign out when the current call and wrap-up end. */
export const LogoutParamsSchema = v.strictObject({
  logoutMode: oneOf([1, 2] as const),
  /** 0 keep the bound endpoint on the agent (default); 1 remove it. */
  unbindEndpoint: v.optional(oneOf([0, 1] as const), 0),
});

/** pauseType: 0 productive, 1 normal, 2 rest, 3 IM (4 is a supervisor's `setPause`, never an agent's). */
export const PauseParamsSchema = v.strictObject({
  pauseType: integerOf([0, 1, 2, 3] as const),
  pauseDescription: v.optional(requiredText(64), 'busy'),
});

export const UpdateBoundEndpointParamsSchema = v.strictObject({ bindEndpoint: BindEndpointSchema });
