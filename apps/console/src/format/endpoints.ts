/** The agent's phone: endpoint types of the protocol (1 PSTN, 2 extension, 3 softphone) and their defaults. */
import type { BindEndpoint } from '@agentsdk/sdk';

export type EndpointTypeNumber = 1 | 2 | 3;

export const ENDPOINT_TYPES: { value: EndpointTypeNumber; label: string; short: string }[] = [
  { value: 1, label: 'Phone number (PSTN)', short: 'PSTN' },
  { value: 2, label: 'Desk extension', short: 'Extension' },
  { value: 3, label: 'Softphone (browser)', short: 'Softphone' },
];

/** The demo tenant's convention: agent 1005 answers on 13600001005. */
export function defaultPstnNumber(agentNo: string): string {
  return `1360000${agentNo}`;
}

export function defaultEndpoint(endpointType: EndpointTypeNumber, agentNo: string, extensions: string[]): string {
  if (endpointType === 1) return defaultPstnNumber(agentNo);
  if (endpointType === 2) return extensions[0] ?? '';
  return '';
}

export function describeEndpoint(endpoint: BindEndpoint | undefined): string {
  if (endpoint === undefined) return 'No phone';
  const type = ENDPOINT_TYPES.find((candidate) => candidate.value === endpoint.endpointType)?.short ?? 'Phone';
  return endpoint.endpoint === '' ? type : `${type} ${endpoint.endpoint}`;
}
