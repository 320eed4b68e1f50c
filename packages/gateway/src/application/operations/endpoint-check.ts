import { EndpointType, type BindEndpoint } from '@agentsdk/protocol';
import type { TenantConfig } from '../../domain/tenant.js';
import { failed, type Outcome } from '../operation-context.js';

/** Refuses an endpoint the tenant cannot ring: an unregistered extension, or a softphone where it is off. */
export function endpointRefusal(tenant: TenantConfig, { endpointType, endpoint }: BindEndpoint): Outcome | undefined {
  if (endpointType === EndpointType.EXTENSION && !tenant.extensions.includes(endpoint)) {
    return failed('BAD_DEST_INTERFACE', `bad destInterface: extension ${endpoint} is not registered in the tenant`);
  }
  if (endpointType === EndpointType.SOFTPHONE && !tenant.features.softphone) {
    return failed('PERMISSION_DENIED', 'permission denied: the softphone is not enabled for the tenant');
  }
  return undefined;
}
