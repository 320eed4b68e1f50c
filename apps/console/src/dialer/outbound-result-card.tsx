/** Why the last dialled call did not connect, in plain words, with the number kept: Call again, or edit it below. */
import { PhoneOutgoing, X } from 'lucide';
import { useState } from 'preact/hooks';
import { outboundOutcomeSentence } from '../format/outbound-outcomes.js';
import type { SignedInSession } from '../shell/signed-in-session.js';
import { dialDraftStore } from '../state/dial-draft.js';
import { deskStore, type OutboundResult } from '../state/desk-state.js';
import { Icon } from '../ui/icon.js';
import { dialCustomer } from './dial-customer.js';

export function OutboundResultCard({ result, session, disabled }: { result: OutboundResult; session: SignedInSession; disabled: boolean }) {
  const [pending, setPending] = useState(false);
  const sentence = result.kind === 'refused' ? result.explained.text : outboundOutcomeSentence(result.outcome);
  const details = result.kind === 'refused' ? result.explained.details : `outcome ${result.outcome}`;
  const callAgain = async () => {
    setPending(true);
    await dialCustomer({ ...dialDraftStore.getState(), number: result.customerNumber }, session.directory?.callerIds ?? []);
    setPending(false);
  };
  return (
    <section class="callout callout--warning outbound-result" role="status" aria-label="Last dialled call">
      <div class="outbound-result__text">
        <p>
          <strong>{result.customerNumber}</strong> did not connect. {sentence}
        </p>
        {details && <p class="details-line">{details}</p>}
      </div>
      <div class="outbound-result__actions">
        <button type="button" class="button button--small button--secondary" disabled={disabled || pending} onClick={callAgain}>
          <Icon icon={PhoneOutgoing} size={16} />
          Call again
        </button>
        <button
          type="button"
          class="icon-button icon-button--small"
          aria-label="Dismiss"
          onClick={() => deskStore.dispatch({ type: 'outboundResultDismissed' })}
        >
          <Icon icon={X} size={16} />
        </button>
      </div>
    </section>
  );
}
