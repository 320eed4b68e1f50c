/** How a number behaves when the gateway rings it (PUT/GET sim/numbers/{number}): answer, busy, no answer, … */
import { useState } from 'preact/hooks';
import { PHONE_BEHAVIOURS, type PhoneBehaviour, type PhoneBehaviourName, type SimulatorApi } from '../api/simulator-api.js';
import { describeThrown } from '../sdk/agent-sdk.js';
import { showToast } from '../state/toasts.js';
import { Field } from '../ui/field.js';

const BEHAVIOUR_LABELS: Record<PhoneBehaviourName, string> = {
  answer: 'Answers',
  busy: 'Is busy',
  'no-answer': 'Does not answer',
  reject: 'Rejects',
  invalid: 'Is invalid',
};

function describeBehaviour(number: string, behaviour: PhoneBehaviour): string {
  const delay = behaviour.behavior === 'answer' || behaviour.behavior === 'reject' ? ` after ${behaviour.answerAfterMs} ms` : '';
  const hangup = behaviour.hangupAfterMs === null ? '' : `, hangs up after ${behaviour.hangupAfterMs} ms`;
  return `${number}: ${BEHAVIOUR_LABELS[behaviour.behavior].toLowerCase()}${delay}${hangup}`;
}

/** An optional whole number of milliseconds; empty means the simulator's default. */
function optionalMs(text: string): number | undefined | 'invalid' {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isInteger(value) && value >= 0 ? value : 'invalid';
}

export function NumberBehaviourForm({ api, defaultNumber }: { api: SimulatorApi; defaultNumber: string }) {
  const [number, setNumber] = useState(defaultNumber);
  const [behavior, setBehavior] = useState<PhoneBehaviourName>('answer');
  const [answerAfter, setAnswerAfter] = useState('');
  const [hangupAfter, setHangupAfter] = useState('');
  const [current, setCurrent] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();

  const apply = async (event: Event) => {
    event.preventDefault();
    const answerAfterMs = optionalMs(answerAfter);
    const hangupAfterMs = optionalMs(hangupAfter);
    if (answerAfterMs === 'invalid' || hangupAfterMs === 'invalid')
      return setError('Delays are whole milliseconds, or empty for the default.');
    setError(undefined);
    try {
      const applied = await api.setBehaviour(number.trim(), {
        behavior,
        ...(answerAfterMs === undefined ? {} : { answerAfterMs }),
        ...(hangupAfterMs === undefined ? {} : { hangupAfterMs }),
      });
      setCurrent(describeBehaviour(number.trim(), applied));
    } catch (failure) {
      showToast('error', 'The behaviour was not set', describeThrown(failure).text, describeThrown(failure).details);
    }
  };
  const check = async () => {
    try {
      setCurrent(describeBehaviour(number.trim(), await api.behaviourOf(number.trim())));
    } catch (failure) {
      showToast('error', 'Could not read the behaviour', describeThrown(failure).text, describeThrown(failure).details);
    }
  };

  return (
    <section class="drawer__section" aria-labelledby="sim-behaviour-title">
      <h3 id="sim-behaviour-title" class="drawer__section-title">
        Number behaviour
      </h3>
      <form class="form" onSubmit={apply}>
        <div class="form-row">
          <Field id="sim-number" label="Number" error={error}>
            <input class="input" value={number} onInput={(event) => setNumber(event.currentTarget.value)} />
          </Field>
          <Field id="sim-behaviour" label="When rung, it">
            <select class="select" value={behavior} onChange={(event) => setBehavior(event.currentTarget.value as PhoneBehaviourName)}>
              {PHONE_BEHAVIOURS.map((name) => (
                <option key={name} value={name}>
                  {BEHAVIOUR_LABELS[name]}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div class="form-row">
          <Field id="sim-answer-after" label="Answer delay (ms)">
            <input
              class="input"
              inputMode="numeric"
              placeholder="default"
              value={answerAfter}
              onInput={(event) => setAnswerAfter(event.currentTarget.value)}
            />
          </Field>
          <Field id="sim-hangup-after" label="Hangs up after (ms)">
            <input
              class="input"
              inputMode="numeric"
              placeholder="never"
              value={hangupAfter}
              onInput={(event) => setHangupAfter(event.currentTarget.value)}
            />
          </Field>
        </div>
        <div class="form__actions form__actions--start">
          <button type="submit" class="button button--primary">
            Apply
          </button>
          <button type="button" class="button button--secondary" onClick={() => void check()}>
            Check current
          </button>
        </div>
        {current && (
          <p class="drawer__result" role="status">
            {current}
          </p>
        )}
      </form>
    </section>
  );
}
