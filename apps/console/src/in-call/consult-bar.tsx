/**
 * A consultation in progress (spec 5.1-5.3): whom, how long, and what can happen next: complete the transfer, join
 * everyone (three-way), switch between caller and target (resumeAtxfer), or end it (cancelAtxfer).
 */
import type { SdkResponse } from '@agentsdk/sdk';
import { formatDuration } from '../format/durations.js';
import { useNow } from '../hooks/use-now.js';
import { agentSdk } from '../sdk/agent-sdk.js';
import { runOperation } from '../sdk/run-operation.js';
import type { SignedInSession } from '../shell/signed-in-session.js';
import type { ConsultState } from '../state/desk-state.js';
import { consultTargetName } from '../desktop/call-party.js';

const PHASE_LABELS: Record<ConsultState['phase'], string> = {
  dialing: 'Calling',
  talking: 'Consulting',
  withCaller: 'On hold:',
  threeway: 'Three-way with',
};

export function ConsultBar({ consult, session }: { consult: ConsultState; session: SignedInSession }) {
  const now = useNow();
  const target = consultTargetName(consult, session.directory);
  const run = (label: string, operation: () => Promise<SdkResponse>, success?: string) =>
    void runOperation(label, operation, success === undefined ? {} : { success });
  const answered = consult.phase === 'talking' || consult.phase === 'withCaller';
  return (
    <section class="consult-bar" aria-label="Consultation">
      <p class="consult-bar__text">
        <span class="consult-bar__phase">{PHASE_LABELS[consult.phase]}</span> {target}
        <span class="consult-bar__timer tabular">{formatDuration(now - consult.since)}</span>
      </p>
      <p class="consult-bar__hint">
        {consult.phase === 'dialing' && 'The caller is on hold while the target rings.'}
        {consult.phase === 'talking' && 'The caller is on hold and cannot hear you.'}
        {consult.phase === 'withCaller' && `You are back with the caller; ${target} is on hold.`}
        {consult.phase === 'threeway' && 'Everyone hears everyone. Hang up to leave the caller and the target talking.'}
      </p>
      {consult.phase !== 'threeway' && (
        <div class="consult-bar__actions">
          {answered && (
            <>
              <button
                type="button"
                class="button button--small button--primary"
                onClick={() => run('Complete transfer', () => agentSdk().completeAtxfer(), `Call transferred to ${target}`)}
              >
                Complete transfer
              </button>
              <button
                type="button"
                class="button button--small button--secondary"
                onClick={() => run('Three-way', () => agentSdk().threewayAtxfer())}
              >
                Three-way
              </button>
              <button
                type="button"
                class="button button--small button--secondary"
                onClick={() => run('Switch', () => agentSdk().resumeAtxfer())}
              >
                {consult.phase === 'talking' ? 'Back to caller' : `Back to ${target}`}
              </button>
            </>
          )}
          <button
            type="button"
            class="button button--small button--subtle"
            onClick={() => run('End consultation', () => agentSdk().cancelAtxfer())}
          >
            {consult.phase === 'dialing' ? 'Cancel' : 'End consultation'}
          </button>
        </div>
      )}
    </section>
  );
}
