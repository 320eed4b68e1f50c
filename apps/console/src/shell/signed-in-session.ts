/** Who is signed in on this console, as the sign-in established it. */
import type { BindEndpoint } from '@agentsdk/sdk';
import type { TenantApiAccess } from '../api/call-records.js';
import type { DemoDirectory } from '../api/demo-directory.js';

export interface SignedInSession {
  tenantId: string;
  agentNo: string;
  name: string;
  role: 'agent' | 'supervisor';
  bindEndpoint: BindEndpoint;
  /** The demo tenant's directory, when signed in to it on an embedded gateway. */
  directory?: DemoDirectory;
  /** Tenant API access (call records), when the console knows the tenant's API key (embedded demo). */
  apiAccess?: TenantApiAccess;
}

export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? `${words[0]![0]}${words[words.length - 1]![0]}` : (words[0]?.slice(0, 2) ?? '?');
  return letters.toUpperCase();
}
