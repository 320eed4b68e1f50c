/**
 * Business error codes: the `errorCode` of a response whose `code` is -1 (docs/07-Error-Handling.md).
 * 1xxxx/2xxxx are the spec's codes; 3xxxx are ours. Each code has one meaning.
 */
export interface ErrorCodeInfo<C extends number = number> {
  code: C;
  /** The spec's message where it defines one. */
  message: string;
  cause: string;
  solution: string;
}

function entry<const C extends number>(code: C, message: string, cause: string, solution: string): ErrorCodeInfo<C> {
  return { code, message, cause, solution };
}

export const BusinessErrors = {
  SYSTEM_EXCEPTION: entry(10001, 'Please try again later', 'An unexpected failure inside the gateway or the telephony driver.', 'Retry; if it persists, check the gateway logs for the request id.'),
  BAD_PARAM: entry(20000, 'bad param', 'A parameter is missing, of the wrong type, out of range or contains characters that are not allowed.', 'Fix the parameter named in the message.'),
  AGENT_BUSY: entry(20011, 'previewOutcall agent busy', 'The agent is on a call, dialing, ringing or otherwise not idle.', 'Wait until the agent is idle.'),
  NO_SUCH_AGENT: entry(20012, 'no such agent', 'The agent does not exist in the tenant or is offline.', 'Check the agent number and that the agent is signed in.'),
  PERMISSION_DENIED: entry(20016, 'permission denied', 'The agent lacks the permission this operation needs (e.g. outbound, supervisor).', 'Grant the permission in the tenant configuration.'),
  NO_OB_PERMISSION: entry(20024, 'no ob permission', 'Outbound calling is not enabled for the tenant.', 'Enable the outbound feature for the tenant.'),
  BAD_DEST_INTERFACE: entry(20025, 'bad destInterface', 'The extension is not registered.', 'Register the extension or bind another endpoint.'),
  RESTRICT_TEL: entry(20031, 'restrict tel', 'The number is blacklisted or not on the whitelist.', 'Dial another number or change the tenant lists.'),
  BAD_OBCLID: entry(20032, 'bad obClidLeftNumber', 'The caller ID is not owned by the tenant.', 'Use one of the tenant caller IDs.'),
  OUTSIDE_CALL_TIME: entry(20101, 'previewOutcall not within the time allowed', 'The tenant outbound time window is closed.', 'Dial within the configured hours.'),
  BAD_TEL: entry(20102, 'bad tel', 'The number is not a valid phone number.', 'Dial digits only, with an optional leading +, 3 to 20 long.'),
  FAIL_TO_GET_LOCK: entry(20103, 'fail to get lock', 'Another change to the same agent won the race.', 'Retry the operation.'),

  NOT_LOGGED_IN: entry(30001, 'not logined', 'The connection has no signed-in session.', 'Call login first.'),
  SESSION_KEY_INVALID: entry(30002, 'invalid session key', 'The session key is unknown or was revoked.', 'Obtain a new session key from your server.'),
  SESSION_KEY_EXPIRED: entry(30003, 'session key expired', 'The session key has passed its expiry time.', 'Obtain a new session key from your server.'),
  SESSION_KEY_MISMATCH: entry(30004, 'session key not issued for this tenant and agent', 'The session key was issued for another tenant or agent.', 'Use the key issued for this tenant and agent.'),
  INVALID_STATE: entry(30006, 'invalid state', 'The operation is not allowed in the call\'s current state (a consultation, three-way call or monitoring session is or is not in progress), and no more specific code below applies.', 'Check the call\'s events before calling it.'),
  UNKNOWN_ACTION: entry(30007, 'unknown action', 'The request named an action the gateway does not know.', 'Use an operation of the API.'),
  UNKNOWN_PAUSE_REASON: entry(30008, 'pause reason not configured', 'The pause description is not configured for the tenant, or its pauseType differs.', 'Use a pause reason of the tenant configuration.'),
  SESSION_ENDED: entry(30009, 'session ended', 'The session to resume has ended (logged out, kicked out or expired).', 'Sign in again.'),
  NO_SUCH_TENANT: entry(30010, 'no such tenant', 'The tenant does not exist.', 'Check tenantId.'),
  RATE_LIMITED: entry(30011, 'rate limited', 'Too many requests in a short time.', 'Slow down and retry after a moment.'),
  SDK_LOCAL_OPERATION: entry(30012, 'handled by the SDK', 'The operation runs inside the SDK (sipLink and sipUnlink answer and hang up the browser softphone); the gateway does not serve it.', 'Call it through AgentSDK.'),
  ALREADY_IN_STATE: entry(30013, 'already in this state', 'The agent or call is already where the operation would take it: unpause when idle (`already ready`), hold a held call, unhold a call not held, mute a muted direction, setOnline of a signed-in agent.', 'Nothing to do; read agentStatus or the call events for the current state.'),
  NO_CALL: entry(30014, 'no call', 'The operation needs a call of the agent (connected, ringing or being dialled, as the operation says) and there is none.', 'Call it while the call is in the state the operation needs.'),
  NOT_IN_WRAPUP: entry(30015, 'not in wrap-up', 'prolongWrapup outside wrap-up.', 'Call it while agentStatus.state is wrapup.'),
  AGENT_IN_CALL: entry(30016, 'deviceStatus not in idle', 'The agent has a call (offered, ringing or connected), so its status cannot change now: pause, unpause, logout with logoutMode 1, updateBoundEndpoint, setPause, setUnpause, setOffline.', 'Wait for the call to end, or use logoutMode 2.'),
} as const satisfies Record<string, ErrorCodeInfo>;

export type BusinessErrorName = keyof typeof BusinessErrors;

/** Numeric codes by name: `BusinessErrorCode.AGENT_BUSY === 20011`. Compare `errorCode` with these, not with numbers. */
export const BusinessErrorCode = Object.freeze(
  Object.fromEntries(Object.entries(BusinessErrors).map(([name, info]) => [name, info.code])),
) as { readonly [K in BusinessErrorName]: (typeof BusinessErrors)[K]['code'] };

/** Every documented business error code: the type of a failed response's `errorCode`. */
export type BusinessErrorCodeValue = (typeof BusinessErrorCode)[BusinessErrorName];
