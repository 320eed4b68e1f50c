/**
 * Places a preview outbound call (previewObCall, spec 4.1) from the dial draft. A refusal is not a toast: the phone
 * column explains it with the number kept for a retry (desk state `outboundResult`).
 */
import type { DemoCallerId } from '../api/demo-directory.js';
import { agentSdk, describeThrown } from '../sdk/agent-sdk.js';
import { describeRefusal } from '../sdk/refusal-messages.js';
import type { DialDraft } from '../state/dial-draft.js';
import { deskStore } from '../state/desk-state.js';
import { showToast } from '../state/toasts.js';

function callerIdParams(choice: string, callerIds: DemoCallerId[]): { obClid?: string; obClidAreaCode?: string; obClidGroup?: string } {
  if (choice.startsWith('group:')) return { obClidGroup: choice.slice('group:'.length) };
  if (choice.startsWith('number:')) {
    const callerId = callerIds.find((candidate) => candidate.number === choice.slice('number:'.length));
    if (callerId) return { obClid: callerId.number, ...(callerId.areaCode ? { obClidAreaCode: callerId.areaCode } : {}) };
  }
  return {};
}

export async function dialCustomer(draft: DialDraft, callerIds: DemoCallerId[]): Promise<void> {
  const customerNumber = draft.number.trim();
  deskStore.dispatch({ type: 'previewRequested', customerNumber, at: Date.now() });
  try {
    const response = await agentSdk().previewObCall({ customerNumber, ...callerIdParams(draft.callerId, callerIds) });
    if (response.code !== 0)
      deskStore.dispatch({ type: 'previewRefused', customerNumber, explained: describeRefusal(response), at: Date.now() });
  } catch (error) {
    const explained = describeThrown(error);
    showToast('error', 'Call failed', explained.text, explained.details);
    deskStore.dispatch({ type: 'previewAbandoned' });
  }
}
