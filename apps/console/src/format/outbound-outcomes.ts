/** Why a call the agent dialled did not connect, in plain words (the outcome code goes to the details line). */
const SENTENCES: Record<string, string> = {
  customerBusy: 'The line was busy.',
  customerNoAnswer: 'Nobody answered.',
  customerRejected: 'The call was declined.',
  invalidNumber: 'The number could not be reached: it may be wrong or no longer in service.',
  agentNoAnswer: 'Your phone did not answer, so the customer was not dialled.',
  cancelled: 'You cancelled the call.',
  failed: 'The call could not be placed.',
};

export function outboundOutcomeSentence(outcome: string): string {
  return SENTENCES[outcome] ?? 'The call did not connect.';
}
