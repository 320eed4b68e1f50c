/** logout (spec 3.2): now, or, during a call, once the call and its wrap-up are over (logoutMode 2). */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { agentSdk } from '../sdk/agent-sdk.js';
import { runOperation } from '../sdk/run-operation.js';
import { deskStore } from '../state/desk-state.js';
import { showToast } from '../state/toasts.js';

export function SignOutButton({ onSignedOut, children }: { onSignedOut: () => void; children: ComponentChildren }) {
  const [pending, setPending] = useState(false);
  const signOut = async () => {
    const { call, offer, agent } = deskStore.getState();
    const duringCall = call !== undefined || offer !== undefined || agent?.state === 'talking' || agent?.state === 'ringing';
    setPending(true);
    const response = await runOperation('Sign out', () => agentSdk().logout({ logoutMode: duringCall ? 2 : 1 }));
    setPending(false);
    if (!response) return;
    if (duringCall) {
      deskStore.dispatch({ type: 'logoutDeferred' });
      showToast('info', 'You will be signed out after this call', 'Finish the call and its wrap-up; the console signs you out then.');
      return;
    }
    onSignedOut();
  };
  return (
    <button type="button" class="top-bar__button" disabled={pending} onClick={signOut}>
      {children}
    </button>
  );
}
