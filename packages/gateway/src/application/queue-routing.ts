/** What calls and agents tell the router: a queue has a caller to place, an agent can take a call. */
export interface QueueRouting {
  route(tenantId: string, queueNo: string): void;
  agentAvailable(tenantId: string, agentNo: string): void;
}
