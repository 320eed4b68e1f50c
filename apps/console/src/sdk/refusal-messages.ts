/**
 * Failures in words an agent understands: gateway refusals (`code: -1`, numeric `errorCode`) and the SDK's local
 * failures (AgentSdkError, string `code`). The sentence never carries a code; the original message and code go to a
 * separate details line.
 */

export interface Explained {
  /** For people: what happened and what to do. */
  text: string;
  /** For support: the gateway's or SDK's own message and code. */
  details?: string;
}

/** Business error codes (protocol error-codes.ts) the console explains. */
const HINTS: Record<number, string> = {
  20000: 'A value was not accepted.',
  20011: 'You are already on a call or dialling.',
  20012: 'That agent does not exist or is not signed in.',
  20016: 'You do not have permission for this.',
  20024: 'Outbound calling is not enabled for this tenant.',
  20025: 'That extension is not registered.',
  20031: 'This number may not be dialled.',
  20032: 'That caller ID does not belong to the tenant.',
  20101: 'Outbound calls are not allowed at this time of day.',
  20102: 'That is not a valid phone number.',
  30001: 'You are not signed in.',
  30002: 'The session key is not valid: it is unknown or was revoked.',
  30003: 'The session key has expired.',
  30004: 'This session key was issued for another agent or tenant.',
  30006: 'Not possible right now.',
  30008: 'That pause reason is not configured for the tenant.',
  30010: 'No such tenant.',
  30011: 'Too many requests in a short time: wait a moment, then try again.',
  30012:
    'The softphone in your browser answers and hangs up its own calls; the gateway does not. Reload the console if this keeps happening.',
  30013: 'Already done.',
  30014: 'There is no call for this.',
  30015: 'You are not in wrap-up.',
  30016: 'Not possible while you have a call.',
};

/** AgentSdkError codes (sdk errors.ts) the console explains. */
const LOCAL_HINTS: Record<string, string> = {
  SIP_NOT_AVAILABLE: 'Your softphone is not ready: wait until the top bar says “Softphone ready”, or sign in again.',
  MEDIA_NOT_SUPPORTED:
    'This browser cannot use a microphone here: allow the microphone for this site, check that one is connected and not in use, and open the console over HTTPS.',
};

/** `errorCode` is a number, not the SDK's union: a newer gateway may answer with a code this console does not know. */
export function describeRefusal(response: { message: string; errorCode?: number }): Explained {
  const hint = response.errorCode === undefined ? undefined : HINTS[response.errorCode];
  const code = response.errorCode === undefined ? undefined : `code ${response.errorCode}`;
  if (hint === undefined) return code === undefined ? { text: response.message } : { text: response.message, details: code };
  return { text: hint, details: [`Gateway: “${response.message}”`, code].filter(Boolean).join(' · ') };
}

/** An AgentSdkError (recognised by the caller) in words, with the SDK's own message and code as details. */
export function describeSdkError(error: { code: string; message: string }): Explained {
  const hint = LOCAL_HINTS[error.code];
  return hint === undefined
    ? { text: error.message, details: error.code }
    : { text: hint, details: `SDK: “${error.message}” · ${error.code}` };
}

/** The softphone's failure reason (`softphoneState.reason`): `MEDIA_NOT_SUPPORTED: …` carries a code, others do not. */
export function describeSoftphoneReason(reason: string): Explained {
  const coded = /^([A-Z_]+): (.*)$/s.exec(reason);
  return coded ? describeSdkError({ code: coded[1]!, message: coded[2]! }) : { text: reason };
}
