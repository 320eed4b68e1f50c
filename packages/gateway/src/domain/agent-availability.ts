/**
 * Which agents a queue call may be offered to, and in which order each routing strategy offers them. The stores
 * index available agents per queue by these keys, so the router reads the first few instead of every agent.
 */
import { DeviceStatus, LoginStatus } from '@agentsdk/protocol';
import type { AgentRecord } from './agent.js';
import type { TenantAgent, TenantQueue } from './tenant.js';

export type RoutingStrategy = TenantQueue['strategy'];

export const ROUTING_STRATEGIES: readonly RoutingStrategy[] = ['longest-idle', 'round-robin', 'fewest-calls'];

/**
 * Signed in, idle, not in a call, with an endpoint for the call to ring, and with its desktop connected (a session
 * whose socket is gone is not offered calls until it resumes).
 */
export function isAvailable(record: AgentRecord): boolean {
  return (
    record.loginStatus === LoginStatus.IDLE &&
    record.deviceStatus === DeviceStatus.IDLE &&
    record.bindEndpoint !== undefined &&
    record.detachedSince === undefined
  );
}

/** The queues whose calls the agent answers (a supervisor's queues are watched, not answered). */
export function answeredQueues(agent: TenantAgent): string[] {
  return agent.role === 'agent' ? agent.queues : [];
}

const digits = (value: number, width: number) => String(Math.max(0, Math.trunc(value))).padStart(width, '0');

/**
 * For each strategy, a text that sorts (by code unit) as the strategy orders agents; ties go to the lower agentNo:
 * longest idle first; round robin: least recently offered first; fewest calls answered first, then longest idle.
 */
export function routingKeys(record: AgentRecord): Record<RoutingStrategy, string> {
  return {
    'longest-idle': digits(record.stateSince, 16),
    'round-robin': digits(record.lastOfferAt ?? 0, 16),
    'fewest-calls': digits(record.callsAnswered ?? 0, 10) + digits(record.stateSince, 16),
  };
}
