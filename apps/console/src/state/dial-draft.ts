/**
 * What the agent typed in the dialer: the number and the caller ID choice. It outlives the dial form (which unmounts
 * while a call is up), so a busy line or a wrong digit can be retried or corrected without typing it again.
 */
import { createStore } from './store.js';

export interface DialDraft {
  number: string;
  /** `number:<n>` one caller ID, `group:<g>` any of a group; empty lets the gateway choose. */
  callerId: string;
}

type DialDraftAction = { type: 'edit'; change: Partial<DialDraft> };

function reduceDialDraft(draft: DialDraft, action: DialDraftAction): DialDraft {
  return { ...draft, ...action.change };
}

export const dialDraftStore = createStore(reduceDialDraft, { number: '', callerId: '' });

export function editDialDraft(change: Partial<DialDraft>): void {
  dialDraftStore.dispatch({ type: 'edit', change });
}
