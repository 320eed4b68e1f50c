/**
 * Signing in: a session key (pasted, or issued by "demo sign-in"), then `AgentSDK.setup` and `AgentSDK.login`.
 * Every failure becomes a sentence for the sign-in form.
 */
import { EndpointType } from '@agentsdk/protocol';
import type { BindEndpoint } from '@agentsdk/sdk';
import { GatewayHttpError } from '../api/http-json.js';
import { issueSessionKey } from '../api/session-keys.js';
import { agentSdk, describeThrown } from '../sdk/agent-sdk.js';
import { describeRefusal, type Explained } from '../sdk/refusal-messages.js';
import { deskStore } from '../state/desk-state.js';
import { eventLogStore } from '../state/event-log.js';

export interface SignInRequest {
  tenantId: string;
  agentNo: string;
  bindEndpoint: BindEndpoint;
  initialStatus: 1 | 2 | 3;
  pauseDescription?: string;
}

export type SignInOutcome = { ok: true } | { ok: false; message: string; details?: string };

/** Demo sign-in: the console issues its own key with the demo tenant's API key. */
export async function demoSessionKey(
  tenantId: string,
  apiKey: string,
  agentNo: string,
): Promise<{ ok: true; sessionKey: string } | { ok: false; message: string; details?: string }> {
  try {
    const issued = await issueSessionKey(tenantId, apiKey, agentNo);
    return { ok: true, sessionKey: issued.sessionKey };
  } catch (error) {
    if (error instanceof GatewayHttpError && error.code === 'no_such_agent')
      return { ok: false, message: `There is no agent ${agentNo} in this tenant.` };
    const explained = describeThrown(error);
    return {
      ok: false,
      message: `Could not get a demo session key: ${explained.text}`,
      ...(explained.details ? { details: explained.details } : {}),
    };
  }
}

export async function signIn(request: SignInRequest, sessionKey: string): Promise<SignInOutcome> {
  const sdk = agentSdk();
  try {
    const softphone = request.bindEndpoint.endpointType === EndpointType.SOFTPHONE;
    // `?debug` in the console's address logs every frame the SDK sends and receives on the browser console.
    const debug = new URLSearchParams(window.location.search).has('debug');
    sdk.setup({ baseURL: window.location.origin, webrtc: softphone, webrtcStats: softphone, debug });
  } catch (error) {
    return { ok: false, ...withDetails(describeThrown(error)) };
  }
  deskStore.dispatch({ type: 'reset' });
  eventLogStore.dispatch({ type: 'clear' });
  try {
    const response = await sdk.login({
      sessionKey,
      tenantId: request.tenantId,
      agentNo: request.agentNo,
      bindEndpoint: request.bindEndpoint,
      initialStatus: request.initialStatus,
      ...(request.pauseDescription === undefined ? {} : { pauseDescription: request.pauseDescription }),
    });
    if (response.code !== 0) return { ok: false, ...withDetails(describeRefusal(response), 'Sign-in refused. ') };
    return { ok: true };
  } catch (error) {
    return { ok: false, ...withDetails(describeThrown(error), 'Sign-in failed: ') };
  }
}

function withDetails(explained: Explained, prefix = ''): { message: string; details?: string } {
  return explained.details === undefined
    ? { message: `${prefix}${explained.text}` }
    : { message: `${prefix}${explained.text}`, details: explained.details };
}
