/** The tenants this gateway serves, loaded from the store once at start. */
import type { TenantConfig } from '../domain/tenant.js';

export class TenantDirectory {
  private readonly tenants: Map<string, TenantConfig>;

  constructor(tenants: TenantConfig[]) {
    this.tenants = new Map(tenants.map((tenant) => [tenant.tenantId, tenant]));
  }

  get(tenantId: string): TenantConfig | undefined {
    return this.tenants.get(tenantId);
  }

  all(): TenantConfig[] {
    return [...this.tenants.values()];
  }
}
