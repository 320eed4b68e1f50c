/**
 * The console talks to the gateway only through the public SDK that index.html loads with a script tag
 * (`/sdk/agent-sdk.js`, global `AgentSDK`), the same build a customer's CRM page loads. Types come from the package.
 */
import type { AgentSdkClient, createAgentSdk, isAgentSdkError } from '@agentsdk/sdk';
import { describeSdkError, type Explained } from './refusal-messages.js';

/** What the script-tag bundle puts on `window`: the client, with the helpers a page without modules needs. */
export type ScriptTagAgentSdk = AgentSdkClient & { isAgentSdkError: typeof isAgentSdkError; createAgentSdk: typeof createAgentSdk };

declare global {
  interface Window {
    AgentSDK?: ScriptTagAgentSdk;
  }
}

export function isAgentSdkLoaded(): boolean {
  return window.AgentSDK !== undefined;
}

export function agentSdk(): ScriptTagAgentSdk {
  const sdk = window.AgentSDK;
  if (sdk === undefined) throw new Error('AgentSDK is not loaded: /sdk/agent-sdk.js did not run (is the SDK built?)');
  return sdk;
}

/** Anything an SDK call threw, for people: AgentSdkError codes the console knows get a hint, the code goes to details. */
export function describeThrown(error: unknown): Explained {
  if (window.AgentSDK?.isAgentSdkError(error)) return describeSdkError(error);
  if (error instanceof Error) return { text: error.message };
  return { text: String(error) };
}
