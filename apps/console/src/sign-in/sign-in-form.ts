/** The sign-in form's values, their defaults from the demo directory, and their check. Pure. */
import type { DemoDirectory } from '../api/demo-directory.js';
import { defaultEndpoint, type EndpointTypeNumber } from '../format/endpoints.js';
import type { SignInRequest } from './sign-in.js';

export const OTHER_AGENT = '__other';

export interface SignInForm {
  tenantId: string;
  /** An agentNo of the directory, or OTHER_AGENT to type one. */
  agentChoice: string;
  typedAgentNo: string;
  endpointType: EndpointTypeNumber;
  endpoint: string;
  /** Once the agent edits the number, choosing another agent no longer replaces it. */
  endpointEdited: boolean;
  /** `idle`, `wrapup` or `busy:<pause description>`. */
  initialStatus: string;
  sessionKey: string;
}

export type FormErrors = Partial<Record<'tenantId' | 'agentNo' | 'endpoint' | 'sessionKey', string>>;

const PHONE_NUMBER = /^\+?[0-9]{3,20}$/;
const EXTENSION = /^[0-9]{2,10}$/;

export function initialSignInForm(directory: DemoDirectory | undefined, lastAgentNo?: string): SignInForm {
  const firstAgent =
    directory?.agents.find((agent) => agent.agentNo === lastAgentNo) ??
    directory?.agents.find((agent) => agent.role === 'agent') ??
    directory?.agents[0];
  const agentNo = firstAgent?.agentNo ?? '';
  return {
    tenantId: directory?.tenantId ?? '',
    agentChoice: firstAgent ? agentNo : OTHER_AGENT,
    typedAgentNo: '',
    endpointType: 1,
    endpoint: agentNo ? defaultEndpoint(1, agentNo, directory?.extensions ?? []) : '',
    endpointEdited: false,
    initialStatus: 'idle',
    sessionKey: '',
  };
}

export function agentNoOf(form: SignInForm): string {
  return (form.agentChoice === OTHER_AGENT ? form.typedAgentNo : form.agentChoice).trim();
}

/** Applies a change and keeps the endpoint number following the agent and endpoint type until it is edited. */
export function updateSignInForm(form: SignInForm, change: Partial<SignInForm>, directory: DemoDirectory | undefined): SignInForm {
  const next = { ...form, ...change };
  if (change.endpoint !== undefined) return { ...next, endpointEdited: true };
  const agentChanged = change.agentChoice !== undefined || change.typedAgentNo !== undefined;
  if (change.endpointType !== undefined || (agentChanged && !form.endpointEdited)) {
    const agentNo = agentNoOf(next);
    next.endpoint = agentNo || next.endpointType !== 1 ? defaultEndpoint(next.endpointType, agentNo, directory?.extensions ?? []) : '';
    next.endpointEdited = false;
  }
  return next;
}

export function checkSignInForm(
  form: SignInForm,
): { request: SignInRequest; errors?: undefined } | { request?: undefined; errors: FormErrors } {
  const errors: FormErrors = {};
  const tenantId = form.tenantId.trim();
  const agentNo = agentNoOf(form);
  const endpoint = form.endpoint.trim();
  if (tenantId === '') errors.tenantId = 'Enter the tenant ID.';
  if (agentNo === '') errors.agentNo = 'Choose or type an agent number.';
  if (form.endpointType === 1 && !PHONE_NUMBER.test(endpoint))
    errors.endpoint = 'Enter a phone number: digits with an optional leading +, 3 to 20 long.';
  if (form.endpointType === 2 && !EXTENSION.test(endpoint)) errors.endpoint = 'Enter an extension: 2 to 10 digits.';
  if (Object.keys(errors).length > 0) return { errors };

  const request: SignInRequest = { tenantId, agentNo, bindEndpoint: { endpointType: form.endpointType, endpoint }, initialStatus: 1 };
  if (form.initialStatus === 'wrapup') request.initialStatus = 3;
  if (form.initialStatus.startsWith('busy:')) {
    request.initialStatus = 2;
    request.pauseDescription = form.initialStatus.slice('busy:'.length);
  }
  return { request };
}
