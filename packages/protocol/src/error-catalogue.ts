/**
 * The catalogue of business error codes with the spec's message, cause and solution of each (docs/07-Error-Handling.md):
 * the gateway's response messages. Kept apart from the codes so the SDK's core does not carry the prose.
 */
import { BusinessErrorCode, type BusinessErrorName } from './error-codes.js';

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
  SYSTEM_EXCEPTION: entry(BusinessErrorCode.SYSTEM_EXCEPTION, 'Please try again later', 'An unexpected failure inside the gateway or the telephony driver.', 'Retry; if it persists, check the gateway logs for the request id.'),
  BAD_PARAM: entry(BusinessErrorCode.BAD_PARAM, 'bad param', 'A parameter is missing, of the wrong type, out of range or contains characters that are not allowed.', 'Fix the parameter named in the message.'),
  AGENT_BUSY: entry(BusinessErrorCode.AGENT_BUSY, 'previewOutcall agent busy', 'The agent is on a call, dialing, ringing or otherwise not idle.', 'Wait until the agent is idle.'),
  NO_SUCH_AGENT: entry(BusinessErrorCode.NO_SUCH_AGENT, 'no such agent', 'The agent does not exist in the tenant or is offline.', 'Check the agent number and that the agent is signed in.'),
  PERMISSION_DENIED: entry(BusinessErrorCode.PERMISSION_DENIED, 'permission denied', 'The agent lacks the permission this operation needs (e.g. outbound, supervisor).', 'Grant the permission in the tenant configuration.'),
  NO_OB_PERMISSION: entry(BusinessErrorCode.NO_OB_PERMISSION, 'no ob permission', 'Outbound calling is not enabled for the tenant.', 'Enable the outbound feature for the tenant.'),
  BAD_DEST_INTERFACE: entry(BusinessErrorCode.BAD_DEST_INTERFACE, 'bad destInterface', 'The extension is not registered.', 'Register the extension or bind another endpoint.'),
  RESTRICT_TEL: entry(BusinessErrorCode.RESTRICT_TEL, 'restrict tel', 'The number is blacklisted or not on the whitelist.', 'Dial another number or change the tenant lists.'),
  BAD_OBCLID: entry(BusinessErrorCode.BAD_OBCLID, 'bad obClidLeftNumber', 'The caller ID is not owned by the tenant.', 'Use one of the tenant caller IDs.'),
  OUTSIDE_CALL_TIME: entry(BusinessErrorCode.OUTSIDE_CALL_TIME, 'previewOutcall not within the time allowed', 'The tenant outbound time window is closed.', 'Dial within the configured hours.'),
  BAD_TEL: entry(BusinessErrorCode.BAD_TEL, 'bad tel', 'The number is not a valid phone number.', 'Dial digits only, with an optional leading +, 3 to 20 long.'),
  FAIL_TO_GET_LOCK: entry(BusinessErrorCode.FAIL_TO_GET_LOCK, 'fail to get lock', 'Another change to the same agent won the race.', 'Retry the operation.'),

  NOT_LOGGED_IN: entry(BusinessErrorCode.NOT_LOGGED_IN, 'not logined', 'The connection has no signed-in session.', 'Call login first.'),
  SESSION_KEY_INVALID: entry(BusinessErrorCode.SESSION_KEY_INVALID, 'invalid session key', 'The session key is unknown or was revoked.', 'Obtain a new session key from your server.'),
  SESSION_KEY_EXPIRED: entry(BusinessErrorCode.SESSION_KEY_EXPIRED, 'session key expired', 'The session key has passed its expiry time.', 'Obtain a new session key from your server.'),
  SESSION_KEY_MISMATCH: entry(BusinessErrorCode.SESSION_KEY_MISMATCH, 'session key not issued for this tenant and agent', 'The session key was issued for another tenant or agent.', 'Use the key issued for this tenant and agent.'),
  INVALID_STATE: entry(BusinessErrorCode.INVALID_STATE, 'invalid state', 'The operation is not allowed in the call\'s current state (a consultation, three-way call or monitoring session is or is not in progress), and no more specific code below applies.', 'Check the call\'s events before calling it.'),
  UNKNOWN_ACTION: entry(BusinessErrorCode.UNKNOWN_ACTION, 'unknown action', 'The request named an action the gateway does not know.', 'Use an operation of the API.'),
  UNKNOWN_PAUSE_REASON: entry(BusinessErrorCode.UNKNOWN_PAUSE_REASON, 'pause reason not configured', 'The pause description is not configured for the tenant, or its pauseType differs.', 'Use a pause reason of the tenant configuration.'),
  SESSION_ENDED: entry(BusinessErrorCode.SESSION_ENDED, 'session ended', 'The session to resume has ended (logged out, kicked out or expired).', 'Sign in again.'),
  NO_SUCH_TENANT: entry(BusinessErrorCode.NO_SUCH_TENANT, 'no such tenant', 'The tenant does not exist.', 'Check tenantId.'),
  RATE_LIMITED: entry(BusinessErrorCode.RATE_LIMITED, 'rate limited', 'Too many requests in a short time.', 'Slow down and retry after a moment.'),
  SDK_LOCAL_OPERATION: entry(BusinessErrorCode.SDK_LOCAL_OPERATION, 'handled by the SDK', 'The operation runs inside the SDK (sipLink and sipUnlink answer and hang up the browser softphone); the gateway does not serve it.', 'Call it through AgentSDK.'),
  ALREADY_IN_STATE: entry(BusinessErrorCode.ALREADY_IN_STATE, 'already in this state', 'The agent or call is already where the operation would take it: unpause when idle (`already ready`), hold a held call, unhold a call not held, mute a muted direction, setOnline of a signed-in agent.', 'Nothing to do; read agentStatus or the call events for the current state.'),
  NO_CALL: entry(BusinessErrorCode.NO_CALL, 'no call', 'The operation needs a call of the agent (connected, ringing or being dialled, as the operation says) and there is none.', 'Call it while the call is in the state the operation needs.'),
  NOT_IN_WRAPUP: entry(BusinessErrorCode.NOT_IN_WRAPUP, 'not in wrap-up', 'prolongWrapup outside wrap-up.', 'Call it while agentStatus.state is wrapup.'),
  AGENT_IN_CALL: entry(BusinessErrorCode.AGENT_IN_CALL, 'deviceStatus not in idle', 'The agent has a call (offered, ringing or connected), so its status cannot change now: pause, unpause, logout with logoutMode 1, updateBoundEndpoint, setPause, setUnpause, setOffline.', 'Wait for the call to end, or use logoutMode 2.'),
} as const satisfies { [K in BusinessErrorName]: ErrorCodeInfo<(typeof BusinessErrorCode)[K]> };
