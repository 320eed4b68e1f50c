/**
 * Entry of the script-tag bundle: `window.AgentSDK` is the client itself (spec: `AgentSDK.setup(...)`), with the few
 * exports a page without a module system also needs attached to it.
 */
import { AgentSDK, AgentSdkError, createAgentSdk, isAgentSdkError } from './index.js';
import { setChunkLocator } from './chunk-loader.js';

// The optional chunks sit next to this script; the gateway serves them all under /sdk/ if the script's URL is unknown.
const scriptUrl = typeof document === 'undefined' ? undefined : (document.currentScript as HTMLScriptElement | null)?.src;
setChunkLocator((fileName, baseURL) => (scriptUrl ? new URL(fileName, scriptUrl).href : new URL(`/sdk/${fileName}`, baseURL).href));

Object.assign(AgentSDK, { AgentSdkError, createAgentSdk, isAgentSdkError });
(globalThis as { AgentSDK?: unknown }).AgentSDK = AgentSDK;
