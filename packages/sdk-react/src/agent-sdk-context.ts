/** Which AgentSDK client the hooks read: the one an `AgentSdkProvider` gives, or the page's `AgentSDK`. */
import { createContext, createElement, useContext, type ReactNode } from 'react';
import { AgentSDK, type AgentSdkClient } from '@agentsdk/sdk';

const AgentSdkContext = createContext<AgentSdkClient | undefined>(undefined);

/** Makes `client` (from `createAgentSdk`) the one the hooks below it use. */
export function AgentSdkProvider({ client, children }: { client: AgentSdkClient; children?: ReactNode }) {
  return createElement(AgentSdkContext.Provider, { value: client }, children);
}

/** The client to call operations on: the provider's, else `AgentSDK`. */
export function useAgentSDK(): AgentSdkClient {
  return useContext(AgentSdkContext) ?? AgentSDK;
}
