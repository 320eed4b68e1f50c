/**
 * Preview outbound progress (spec 4.1): the request, the agent's phone, then the customer: previewObCallResult,
 * sessionInit, previewObCallStart, previewObCallRinging, previewObCallBridge.
 */
import type { PreviewProgress } from '../state/desk-state.js';

type StepState = 'done' | 'current' | 'pending';

const STEPS = [
  { key: 'result', label: 'Request accepted' },
  { key: 'agentAnswered', label: 'Your phone' },
  { key: 'start', label: 'Dialling customer' },
  { key: 'ringing', label: 'Customer ringing' },
  { key: 'bridge', label: 'Connected' },
] as const;

function reachedSteps(preview: PreviewProgress, agentState: string | undefined): Set<string> {
  const reached = new Set<string>(preview.steps.map((step) => step.name));
  if (agentState === 'ringing' || reached.has('start')) reached.add('agentAnswered');
  if (reached.has('agentAnswered')) reached.add('result');
  return reached;
}

export function PreviewProgressSteps({ preview, agentState }: { preview: PreviewProgress; agentState: string | undefined }) {
  const reached = reachedSteps(preview, agentState);
  const lastReached = STEPS.reduce((last, step, index) => (reached.has(step.key) ? index : last), -1);
  const requestedAt = preview.steps[0]?.at;
  return (
    <ol class="progress-steps" aria-label="Call progress">
      {STEPS.map((step, index) => {
        const state: StepState =
          index < lastReached || (index === lastReached && step.key === 'bridge') ? 'done' : index === lastReached ? 'current' : 'pending';
        const at = preview.steps.find((candidate) => candidate.name === step.key)?.at;
        const label =
          step.key === 'agentAnswered' ? agentPhoneLabel(preview, agentState) : step.key === 'start' ? stepDetail(preview) : step.label;
        return (
          <li
            key={step.key}
            class={`progress-steps__step progress-steps__step--${state}`}
            aria-current={state === 'current' ? 'step' : undefined}
          >
            <span class="progress-steps__marker" aria-hidden="true" />
            <span class="progress-steps__label">{label}</span>
            {at !== undefined && requestedAt !== undefined && (
              <span class="progress-steps__time">+{((at - requestedAt) / 1000).toFixed(1)} s</span>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function agentPhoneLabel(preview: PreviewProgress, agentState: string | undefined): string {
  if (preview.steps.some((step) => step.name === 'agentAnswered')) return 'You answered';
  return agentState === 'ringing' ? 'Your phone is ringing' : 'Your phone';
}

function stepDetail(preview: PreviewProgress): string {
  const start = [...preview.steps].reverse().find((step) => step.name === 'start');
  return start?.detail && start.detail !== 'attempt 1' ? `Dialling customer (${start.detail})` : 'Dialling customer';
}
