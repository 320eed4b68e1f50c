/** Spec section 7: supervisor and monitoring operations. */
import * as v from 'valibot';
import { BindEndpointSchema, oneOf, requiredText } from './common.js';

export const SetOnlineParamsSchema = v.strictObject({
  agentNo: requiredText(32),
  bindEndpoint: BindEndpointSchema,
});

export const SetOfflineParamsSchema = v.strictObject({
  agentNo: requiredText(32),
  unbindEndpoint: v.optional(oneOf([0, 1] as const), 0),
});

export const QUEUE_STATUS_SECTIONS = ['queueParams', 'agentStatuses', 'queueEntries'] as const;

export const GetQueueStatusParamsSchema = v.optional(
  v.strictObject({
    queueNos: v.optional(
      v.pipe(
        v.array(v.union([v.string(), v.pipe(v.number(), v.integer())], 'must contain queue numbers'), 'must be an array'),
        v.maxLength(100, 'must have at most 100 entries'),
      ),
    ),
    fields: v.optional(
      v.pipe(
        v.string('must be a string'),
        v.check(
          (s) => s.split(',').every((f) => (QUEUE_STATUS_SECTIONS as readonly string[]).includes(f.trim())),
          `must be comma-separated sections of ${QUEUE_STATUS_SECTIONS.join(', ')}`,
        ),
      ),
    ),
  }),
  {},
);
