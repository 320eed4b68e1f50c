/** Tenant configurations for tests: the shipped demo tenant, or a variant of it. */
import { loadTenantConfigFile, DEMO_TENANT_FILE, type TenantConfig } from '@agentsdk/gateway';
import { hashSecret } from '../../packages/gateway/src/domain/secret-hash.js';

/** `apiKey`: the variant's own API key (the gateway keeps its hash). */
export async function demoTenant({ apiKey, ...changes }: Partial<TenantConfig> & { apiKey?: string } = {}): Promise<TenantConfig> {
  const [demo] = await loadTenantConfigFile(DEMO_TENANT_FILE);
  if (!demo) throw new Error('the demo tenant file is empty');
  return { ...demo, ...changes, ...(apiKey !== undefined && { apiKeyHash: hashSecret(apiKey) }) };
}

/** The demo tenant without wrap-up: an agent is free again as soon as a call ends, so dialer runs stay short. */
export async function demoTenantWithoutWrapup(): Promise<TenantConfig> {
  const demo = await demoTenant();
  return { ...demo, queues: demo.queues.map((queue) => ({ ...queue, wrapupSeconds: 0 })) };
}
