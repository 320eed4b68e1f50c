/**
 * The `AgentSDK` client of a page: one per realm, even when a page (or a bundler) loads both the ESM and the CJS
 * build. The first build to load creates it and keeps it under a registered symbol of `globalThis`, hidden from
 * enumeration; the other build finds it there.
 */
import { createAgentSdk, type AgentSdkClient } from './agent-sdk.js';

const SHARED_CLIENT_KEY = Symbol.for('@agentsdk/sdk:AgentSDK');

export function sharedClient(): AgentSdkClient {
  const holder = globalThis as { [SHARED_CLIENT_KEY]?: AgentSdkClient };
  const existing = holder[SHARED_CLIENT_KEY];
  if (existing !== undefined) return existing;
  const client = createAgentSdk();
  Object.defineProperty(holder, SHARED_CLIENT_KEY, { value: client, enumerable: false, configurable: false, writable: false });
  return client;
}
