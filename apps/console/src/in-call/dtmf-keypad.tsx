/** DTMF during a call: each key is sent to the far end (sendDtmf target 2), e.g. to drive the customer's IVR. */
import { useState } from 'preact/hooks';
import { agentSdk } from '../sdk/agent-sdk.js';
import { runOperation } from '../sdk/run-operation.js';
import { KeypadGrid } from '../dialer/keypad-grid.js';

export function DtmfKeypad() {
  const [sent, setSent] = useState('');
  const press = async (key: string) => {
    const response = await runOperation(`Send ${key}`, () => agentSdk().sendDtmf({ digits: key, target: 2 }));
    if (response) setSent((digits) => `${digits}${key}`.slice(-20));
  };
  return (
    <div class="dtmf" id="dtmf-keypad">
      <p class="dtmf__sent" aria-live="polite">
        <span class="muted">Sent</span> <span class="mono">{sent || '—'}</span>
      </p>
      <KeypadGrid label="Send keys to the caller" compact onPress={(key) => void press(key)} />
    </div>
  );
}
