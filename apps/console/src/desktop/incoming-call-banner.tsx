/**
 * The screen pop of a call offered to the agent: caller, queue, call type and channel variables, with Reject.
 * A PSTN or extension phone is answered on the phone itself; a softphone answers here (sipLink).
 */
import { EndpointType } from '@agentsdk/protocol';
import { PhoneIncoming, PhoneOff, Phone } from 'lucide';
import { useState } from 'preact/hooks';
import { agentSdk } from '../sdk/agent-sdk.js';
import { runOperation } from '../sdk/run-operation.js';
import type { SignedInSession } from '../shell/signed-in-session.js';
import type { CallInfo } from '../state/call-info.js';
import { SHORTCUTS, useShortcut, withShortcut } from '../shortcuts/keyboard-shortcuts.js';
import { Icon } from '../ui/icon.js';
import { callContext, partyName } from './call-party.js';

export function IncomingCallBanner({ offer, session }: { offer: CallInfo; session: SignedInSession }) {
  const [pending, setPending] = useState(false);
  const softphone = session.bindEndpoint.endpointType === EndpointType.SOFTPHONE;
  const reject = async () => {
    setPending(true);
    await runOperation('Reject', () => agentSdk().reject({ description: 'rejected by agent' }));
    setPending(false);
  };
  const answer = async () => {
    setPending(true);
    await runOperation('Answer', () => agentSdk().sipLink());
    setPending(false);
  };
  useShortcut('answer', () => void answer(), softphone && !pending);
  useShortcut('reject', () => void reject(), !pending);
  return (
    <section class="incoming" role="alert" aria-labelledby="incoming-title">
      <span class="incoming__icon" aria-hidden="true">
        <Icon icon={PhoneIncoming} size={22} />
      </span>
      <div class="incoming__text">
        <p class="incoming__eyebrow">Incoming call</p>
        <h2 id="incoming-title" class="incoming__caller">
          {partyName(offer, session.directory, session.agentNo)}
        </h2>
        <p class="incoming__context">{callContext(offer, session.directory)}</p>
      </div>
      {offer.chanVariables.length > 0 && (
        <dl class="incoming__variables" aria-label="Channel variables">
          {offer.chanVariables.map((variable) => (
            <div key={variable.name}>
              <dt>{variable.name}</dt>
              <dd>{variable.value}</dd>
            </div>
          ))}
        </dl>
      )}
      <div class="incoming__actions">
        {softphone ? (
          <button
            type="button"
            class="button button--success"
            disabled={pending}
            title={withShortcut('Answer', 'answer')}
            aria-keyshortcuts={SHORTCUTS.answer.keys}
            onClick={answer}
          >
            <Icon icon={Phone} size={18} />
            Answer
          </button>
        ) : (
          <span class="incoming__hint">Pick up on {session.bindEndpoint.endpoint}</span>
        )}
        <button
          type="button"
          class="button button--danger"
          disabled={pending}
          title={withShortcut('Reject', 'reject')}
          aria-keyshortcuts={SHORTCUTS.reject.keys}
          onClick={reject}
        >
          <Icon icon={PhoneOff} size={18} />
          Reject
        </button>
      </div>
    </section>
  );
}
