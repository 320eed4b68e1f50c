/** A customer calls a queue (POST sim/inbound). */
import { PhoneIncoming } from 'lucide';
import { useState } from 'preact/hooks';
import type { DemoDirectory } from '../api/demo-directory.js';
import type { SimulatorApi } from '../api/simulator-api.js';
import { describeThrown } from '../sdk/agent-sdk.js';
import { showToast } from '../state/toasts.js';
import { Field } from '../ui/field.js';
import { Icon } from '../ui/icon.js';

export function PlaceCallForm({ api, directory }: { api: SimulatorApi; directory: DemoDirectory }) {
  const [queueNo, setQueueNo] = useState(directory.queues[0]?.queueNo ?? '');
  const [from, setFrom] = useState('13800138000');
  const [pending, setPending] = useState(false);
  const place = async (event: Event) => {
    event.preventDefault();
    setPending(true);
    try {
      await api.placeInboundCall(queueNo, from.trim());
      const queue = directory.queues.find((candidate) => candidate.queueNo === queueNo)?.name ?? queueNo;
      showToast('info', `${from.trim()} is calling ${queue}`);
    } catch (error) {
      showToast('error', 'The call was not placed', describeThrown(error).text, describeThrown(error).details);
    }
    setPending(false);
  };
  return (
    <section class="drawer__section" aria-labelledby="sim-place-title">
      <h3 id="sim-place-title" class="drawer__section-title">
        Customer calls a queue
      </h3>
      <form class="form" onSubmit={place}>
        <div class="form-row">
          <Field id="sim-queue" label="Queue">
            <select class="select" value={queueNo} onChange={(event) => setQueueNo(event.currentTarget.value)}>
              {directory.queues.map((queue) => (
                <option key={queue.queueNo} value={queue.queueNo}>
                  {queue.name} ({queue.queueNo})
                </option>
              ))}
            </select>
          </Field>
          <Field id="sim-from" label="Caller number">
            <input class="input" type="tel" inputMode="tel" value={from} onInput={(event) => setFrom(event.currentTarget.value)} />
          </Field>
        </div>
        <button type="submit" class="button button--primary button--block" disabled={pending}>
          <Icon icon={PhoneIncoming} size={18} />
          Place call
        </button>
      </form>
    </section>
  );
}
