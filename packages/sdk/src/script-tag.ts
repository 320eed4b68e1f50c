/**
 * Entry of the script-tag bundle: `window.AgentSDK` is the client itself (spec: `AgentSDK.setup(...)`), with the few
 * exports a page without a module system also needs attached to it.
 */
import { AgentSDK, AgentSdkError, createAgentSdk, isAgentSdkError } from './index.js';
import { setSoftphoneModuleLocator } from './softphone/softphone-loader.js';

// The softphone bundle sits next to this script; the gateway serves both under /sdk/ if the script's URL is unknown.
const scriptUrl = typeof document === 'undefined' ? undefined : (document.currentScript as HTMLScriptElement | null)?.src;
setSoftphoneModuleLocator((baseURL) => (scriptUrl ? new URL('agent-sdk-softphone.js', scriptUrl).href : new URL('/sdk/agent-sdk-softphone.js', baseURL).href));

Object.assign(AgentSDK, { AgentSdkError, createAgentSdk, isAgentSdkError });
(globalThis as { AgentSDK?: unknown }).AgentSDK = AgentSDK;
