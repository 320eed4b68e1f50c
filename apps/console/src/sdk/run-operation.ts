/**
 * Runs an SDK operation for a button: a refusal (`code: -1`) or a local SDK error becomes a toast, never an exception
 * or a console error. Resolves with the response on success, undefined otherwise.
 */
import type { SdkResponse } from '@agentsdk/sdk';
import { showToast } from '../state/toasts.js';
import { describeThrown } from './agent-sdk.js';
import { describeRefusal } from './refusal-messages.js';

export interface OperationFeedback {
  /** Shown on success; omitted: no toast (the UI shows the result itself). */
  success?: string;
}

export async function runOperation<R extends SdkResponse>(
  label: string,
  operation: () => Promise<R>,
  feedback: OperationFeedback = {},
): Promise<R | undefined> {
  let response: R;
  try {
    response = await operation();
  } catch (error) {
    const explained = describeThrown(error);
    showToast('error', `${label} failed`, explained.text, explained.details);
    return undefined;
  }
  if (response.code !== 0) {
    const explained = describeRefusal(response);
    showToast('error', `${label}: refused by the gateway`, explained.text, explained.details);
    return undefined;
  }
  if (feedback.success !== undefined) showToast('success', feedback.success);
  return response;
}
