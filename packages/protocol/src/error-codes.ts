/**
 * Business error codes: the `errorCode` of a response whose `code` is -1 (docs/07-Error-Handling.md).
 * 1xxxx/2xxxx are the spec's codes; 3xxxx are ours. Each code has one meaning; error-catalogue.ts describes each.
 */

/** Numeric codes by name: `BusinessErrorCode.AGENT_BUSY === 20011`. Compare `errorCode` with these, not with numbers. */
export const BusinessErrorCode = Object.freeze({
  SYSTEM_EXCEPTION: 10001,
  BAD_PARAM: 20000,
  AGENT_BUSY: 20011,
  NO_SUCH_AGENT: 20012,
  PERMISSION_DENIED: 20016,
  NO_OB_PERMISSION: 20024,
  BAD_DEST_INTERFACE: 20025,
  RESTRICT_TEL: 20031,
  BAD_OBCLID: 20032,
  OUTSIDE_CALL_TIME: 20101,
  BAD_TEL: 20102,
  FAIL_TO_GET_LOCK: 20103,
  NOT_LOGGED_IN: 30001,
  SESSION_KEY_INVALID: 30002,
  SESSION_KEY_EXPIRED: 30003,
  SESSION_KEY_MISMATCH: 30004,
  INVALID_STATE: 30006,
  UNKNOWN_ACTION: 30007,
  UNKNOWN_PAUSE_REASON: 30008,
  SESSION_ENDED: 30009,
  NO_SUCH_TENANT: 30010,
  RATE_LIMITED: 30011,
  SDK_LOCAL_OPERATION: 30012,
  ALREADY_IN_STATE: 30013,
  NO_CALL: 30014,
  NOT_IN_WRAPUP: 30015,
  AGENT_IN_CALL: 30016,
} as const);

export type BusinessErrorName = keyof typeof BusinessErrorCode;

/** Every documented business error code: the type of a failed response's `errorCode`. */
export type BusinessErrorCodeValue = (typeof BusinessErrorCode)[BusinessErrorName];
