/** Tenant configurations for tests: the shipped demo tenant, or a variant of it. */
import { loadTenantConfigFile, DEMO_TENANT_FILE, type TenantConfig } from '@agentsdk/gateway';

export async function demoTenant(changes: Partial<TenantConfig> = {}): Promise<TenantConfig> {
  const [demo] = await loadTenantConfigFile(DEMO_TENANT_FILE);
  if (!demo) throw new Error('the demo tenant file is empty');
  return { ...demo, ...changes };
}
