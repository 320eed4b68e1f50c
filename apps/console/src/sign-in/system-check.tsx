/**
 * The check before sign-in (`AgentSDK.preflight()`): can this computer work with the gateway? Every check of the
 * report is listed as it comes, pass, warn or fail with what was seen, so checks a later SDK adds appear too.
 */
import type { PreflightCheck, PreflightReport, PreflightStatus } from '@agentsdk/sdk';
import { RefreshCw } from 'lucide';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { agentSdk, describeThrown } from '../sdk/agent-sdk.js';
import { Icon } from '../ui/icon.js';

type Run = { state: 'running' } | { state: 'done'; report: PreflightReport } | { state: 'failed'; message: string };

const NAMES: Record<string, string> = {
  gateway: 'Gateway',
  webSocket: 'Live connection',
  clockSkew: 'Clock',
  microphone: 'Microphone',
  audioDevices: 'Audio devices',
  ice: 'Network path (ICE)',
  mediaLoopback: 'Audio round trip',
};

const STATUS_WORDS: Record<PreflightStatus, string> = { pass: 'OK', warn: 'Check', fail: 'Failed' };
const STATUS_TONES: Record<PreflightStatus, string> = { pass: 'good', warn: 'warn', fail: 'bad' };
const SUMMARIES: Record<PreflightStatus, string> = {
  pass: 'This computer is ready.',
  warn: 'This computer can sign in; some checks need a look.',
  fail: 'This computer cannot work with the gateway yet: see what failed.',
};

/** "audioDevices" → "Audio devices", for checks this console does not know by name. */
function nameOf(key: string): string {
  const known = NAMES[key];
  if (known !== undefined) return known;
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isCheck(value: unknown): value is PreflightCheck {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as PreflightCheck).status === 'string' &&
    typeof (value as PreflightCheck).detail === 'string'
  );
}

/** The report's checks in its own order: every field that is a check, whatever its name. */
export function checksOf(report: PreflightReport): { key: string; name: string; check: PreflightCheck }[] {
  return Object.entries(report).flatMap(([key, value]) => (isCheck(value) ? [{ key, name: nameOf(key), check: value }] : []));
}

export function SystemCheck({ softphone }: { softphone: boolean }) {
  const [run, setRun] = useState<Run>({ state: 'running' });

  const check = useCallback(async () => {
    setRun({ state: 'running' });
    try {
      // A client of its own: a check still running, or run again, never reconfigures the client the agent signs in with.
      const checker = agentSdk().createAgentSdk({ baseURL: window.location.origin });
      setRun({ state: 'done', report: await checker.preflight({ softphone }) });
    } catch (error) {
      setRun({ state: 'failed', message: describeThrown(error).text });
    }
  }, [softphone]);

  useEffect(() => {
    void check();
  }, [check]);

  return (
    <section class="system-check" aria-labelledby="system-check-title" aria-busy={run.state === 'running'}>
      <div class="system-check__header">
        <h2 id="system-check-title" class="system-check__title">
          System check
        </h2>
        <button
          type="button"
          class="button button--small button--secondary"
          disabled={run.state === 'running'}
          onClick={() => void check()}
        >
          <Icon icon={RefreshCw} size={14} />
          Check again
        </button>
      </div>
      {run.state === 'running' && <p class="muted">Checking this computer and its connection to the gateway…</p>}
      {run.state === 'failed' && <p class="callout callout--error">The check could not run: {run.message}</p>}
      {run.state === 'done' && (
        <>
          <p class={`system-check__summary system-check__summary--${run.report.status}`} role="status">
            {SUMMARIES[run.report.status]}
          </p>
          <ul class="system-check__list" aria-label="Checks">
            {checksOf(run.report).map(({ key, name, check: item }) => (
              <li key={key} class="system-check__item">
                <span class={`chip chip--${STATUS_TONES[item.status]}`}>{STATUS_WORDS[item.status]}</span>
                <span class="system-check__name">{name}</span>
                <span class="system-check__detail">{item.detail}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
