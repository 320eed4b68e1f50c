/** What a failed REGISTER means for the agent: final (the password was refused) or passing (the network). */

/** JsSIP causes after which JsSIP registers again by itself once the connection is back. */
const PASSING_CAUSES = new Set(['Connection Error', 'Request Timeout', 'SIP Failure Code']);

export function registrationFailure(cause: string | undefined, status?: number, reasonPhrase?: string): { final: boolean; reason: string } {
  const response = status === undefined ? '' : ` (${status}${reasonPhrase ? ` ${reasonPhrase}` : ''})`;
  if (cause === 'Authentication Error' || status === 401 || status === 403) {
    return { final: true, reason: `SIP registration refused: the gateway did not accept the SIP password${response}; sign in again` };
  }
  const description = cause ?? 'unknown cause';
  return { final: !PASSING_CAUSES.has(description), reason: `SIP registration failed: ${description}${response}` };
}
