/** React bindings of AgentSDK. */
export { AgentSdkProvider, useAgentSDK } from './agent-sdk-context.js';
export { useAgentState, useCall, useQueueStatus } from './state-hooks.js';
