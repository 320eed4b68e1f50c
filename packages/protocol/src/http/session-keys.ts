/** POST / DELETE /api/v1/tenants/{tenantId}/session-keys: the customer's server issues and revokes session keys. */
import * as v from 'valibot';

/** How long a session key lives, in seconds: `ttlSeconds` defaults to an hour, from a minute to a week. */
export const SESSION_KEY_TTL = { defaultSeconds: 3600, minSeconds: 60, maxSeconds: 7 * 24 * 3600 } as const;

const TTL_RANGE = `ttlSeconds must be between ${SESSION_KEY_TTL.minSeconds} and ${SESSION_KEY_TTL.maxSeconds}`;

/** The body of POST …/session-keys. */
export const IssueSessionKeyBodySchema = v.strictObject({
  agentNo: v.pipe(v.string('agentNo must be a string'), v.nonEmpty('agentNo is required')),
  ttlSeconds: v.optional(
    v.pipe(
      v.number('ttlSeconds must be a number'),
      v.integer('ttlSeconds must be a whole number'),
      v.minValue(SESSION_KEY_TTL.minSeconds, TTL_RANGE),
      v.maxValue(SESSION_KEY_TTL.maxSeconds, TTL_RANGE),
    ),
    SESSION_KEY_TTL.defaultSeconds,
  ),
});
export type IssueSessionKeyBody = v.InferInput<typeof IssueSessionKeyBodySchema>;

/** 201 to POST …/session-keys. */
export interface IssuedSessionKey {
  sessionKey: string;
  /** ISO 8601. */
  expiresAt: string;
}

/** 200 to DELETE …/session-keys/{sessionKey}: the key is revoked and the sessions signed in with it ended. */
export interface RevokedSessionKey {
  revoked: true;
  endedSessions: number;
}
