/** Sign-in: tenant, agent, phone, initial status, and a session key (pasted, or issued by demo sign-in). */
import { useEffect, useState } from 'preact/hooks';
import { FlaskConical, KeyRound, LogIn } from 'lucide';
import type { DemoDirectory } from '../api/demo-directory.js';
import { Brand } from '../shell/brand.js';
import type { SignedInSession } from '../shell/signed-in-session.js';
import { Icon } from '../ui/icon.js';
import { Field } from '../ui/field.js';
import { EndpointPicker } from './endpoint-picker.js';
import { demoSessionKey, signIn } from './sign-in.js';
import { AgentPicker } from './agent-picker.js';
import { checkSignInForm, initialSignInForm, updateSignInForm, type FormErrors, type SignInForm } from './sign-in-form.js';
import { SignInIntro } from './sign-in-intro.js';
import { SystemCheck } from './system-check.js';

interface SignInScreenProps {
  directory: DemoDirectory | undefined;
  directoryLoaded: boolean;
  notice: string | undefined;
  /** The agent who signed in last on this console, chosen again. */
  lastAgentNo: string | undefined;
  onSignedIn: (session: SignedInSession) => void;
  simulatorAvailable: boolean;
  simulatorOpen: boolean;
  onToggleSimulator: () => void;
}

type Pending = 'demo' | 'key' | undefined;

export function SignInScreen({
  directory,
  directoryLoaded,
  notice,
  lastAgentNo,
  onSignedIn,
  simulatorAvailable,
  simulatorOpen,
  onToggleSimulator,
}: SignInScreenProps) {
  const [form, setForm] = useState<SignInForm>(() => initialSignInForm(directory, lastAgentNo));
  const [errors, setErrors] = useState<FormErrors>({});
  const [failure, setFailure] = useState<{ message: string; details?: string } | undefined>();
  const [pending, setPending] = useState<Pending>();

  useEffect(() => {
    if (directory) setForm(initialSignInForm(directory, lastAgentNo));
  }, [directory, lastAgentNo]);

  const change = (partial: Partial<SignInForm>) => setForm((current) => updateSignInForm(current, partial, directory));
  const demoAvailable = directory !== undefined && form.tenantId.trim() === directory.tenantId;

  const submit = async (mode: 'demo' | 'key') => {
    setFailure(undefined);
    const checked = checkSignInForm(form);
    const keyMissing = mode === 'key' && form.sessionKey.trim() === '';
    if (checked.errors || keyMissing) {
      setErrors({ ...checked.errors, ...(keyMissing ? { sessionKey: 'Paste the session key your server issued for this agent.' } : {}) });
      return;
    }
    setErrors({});
    setPending(mode);
    let sessionKey = form.sessionKey.trim();
    if (mode === 'demo') {
      if (!directory || !demoAvailable) {
        setPending(undefined);
        setFailure({ message: 'Demo sign-in works for the demo tenant of an embedded gateway. Paste a session key for other tenants.' });
        return;
      }
      const issued = await demoSessionKey(directory.tenantId, directory.apiKey, checked.request.agentNo);
      if (!issued.ok) {
        setPending(undefined);
        setFailure(issued);
        return;
      }
      sessionKey = issued.sessionKey;
    }
    const outcome = await signIn(checked.request, sessionKey);
    setPending(undefined);
    if (!outcome.ok) {
      setFailure(outcome);
      return;
    }
    const known =
      directory?.tenantId === checked.request.tenantId
        ? directory.agents.find((agent) => agent.agentNo === checked.request.agentNo)
        : undefined;
    onSignedIn({
      tenantId: checked.request.tenantId,
      agentNo: checked.request.agentNo,
      name: known?.name ?? `Agent ${checked.request.agentNo}`,
      role: known?.role ?? 'agent',
      bindEndpoint: checked.request.bindEndpoint,
      ...(directory && known ? { directory, apiAccess: { tenantId: directory.tenantId, apiKey: directory.apiKey } } : {}),
    });
  };

  return (
    <div class="sign-in">
      <header class="sign-in__bar">
        <Brand subtitle="Contact center desktop" />
        {simulatorAvailable && (
          <button
            type="button"
            class="button button--ghost-light"
            aria-pressed={simulatorOpen}
            aria-controls="simulator-drawer"
            onClick={onToggleSimulator}
          >
            <Icon icon={FlaskConical} size={16} />
            Simulator
          </button>
        )}
      </header>
      <main class="sign-in__main" id="main">
        <div class="sign-in__card">
          <SignInIntro directory={directory} />
          <form
            class="sign-in__form"
            noValidate
            aria-labelledby="sign-in-title"
            onSubmit={(event) => {
              event.preventDefault();
              void submit(form.sessionKey.trim() !== '' || !demoAvailable ? 'key' : 'demo');
            }}
          >
            <h1 id="sign-in-title" class="sign-in__title">
              Sign in
            </h1>
            {notice && (
              <div class="callout callout--warning" role="alert">
                {notice}
              </div>
            )}
            <div class="form-row">
              <Field id="sign-in-tenant" label="Tenant" error={errors.tenantId}>
                <input
                  class="input"
                  autocomplete="organization"
                  value={form.tenantId}
                  onInput={(event) => change({ tenantId: event.currentTarget.value })}
                />
              </Field>
              <AgentPicker directory={directory} form={form} error={errors.agentNo} onChange={change} />
            </div>
            <EndpointPicker form={form} directory={directory} error={errors.endpoint} onChange={change} />
            <div class="form-row">
              <Field id="sign-in-status" label="Start as">
                <select
                  class="select"
                  value={form.initialStatus}
                  onChange={(event) => change({ initialStatus: event.currentTarget.value })}
                >
                  <option value="idle">Available</option>
                  <optgroup label="Busy">
                    {(directory?.pauseReasons ?? [{ description: 'busy', pauseType: 1 }]).map((reason) => (
                      <option key={reason.description} value={`busy:${reason.description}`}>
                        Busy: {reason.description}
                      </option>
                    ))}
                  </optgroup>
                  <option value="wrapup">Wrap-up</option>
                </select>
              </Field>
              <Field
                id="sign-in-key"
                label="Session key"
                error={errors.sessionKey}
                hint={demoAvailable ? 'Optional with demo sign-in.' : 'Issued by your server.'}
              >
                <input
                  class="input input--mono"
                  type="password"
                  autocomplete="off"
                  spellcheck={false}
                  placeholder="Paste a session key"
                  value={form.sessionKey}
                  onInput={(event) => change({ sessionKey: event.currentTarget.value })}
                />
              </Field>
            </div>
            {failure && (
              <div class="callout callout--error" role="alert">
                <p>{failure.message}</p>
                {failure.details && <p class="details-line">{failure.details}</p>}
              </div>
            )}
            {!directoryLoaded && <p class="muted">Loading the demo directory…</p>}
            <div class="sign-in__actions">
              {demoAvailable && (
                <button
                  type="button"
                  class="button button--primary button--large"
                  disabled={pending !== undefined}
                  onClick={() => void submit('demo')}
                >
                  <Icon icon={LogIn} size={18} />
                  {pending === 'demo' ? 'Signing in…' : 'Demo sign-in'}
                </button>
              )}
              <button
                type="button"
                class={demoAvailable ? 'button button--secondary button--large' : 'button button--primary button--large'}
                disabled={pending !== undefined}
                onClick={() => void submit('key')}
              >
                <Icon icon={KeyRound} size={18} />
                {pending === 'key' ? 'Signing in…' : 'Sign in with key'}
              </button>
            </div>
          </form>
          <SystemCheck softphone={form.endpointType === 3} />
        </div>
      </main>
    </div>
  );
}
