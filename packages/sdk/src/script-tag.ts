/**
 * Entry of the script-tag bundle: `window.AgentSDK` is the client itself (spec: `AgentSDK.setup(...)`), with the few
 * exports a page without a module system also needs attached to it.
 */
import { AgentSDK, AgentSdkError, createAgentSdk, isAgentSdkError } from './index.js';

Object.assign(AgentSDK, { AgentSdkError, createAgentSdk, isAgentSdkError });
(globalThis as { AgentSDK?: unknown }).AgentSDK = AgentSDK;
