/** Prometheus metrics of one gateway (its own registry, so several gateways can share a process). */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { TelemetryEventType } from '@agentsdk/protocol';
import type { OperationMetrics } from '../application/dispatcher.js';
import type { CallPhase, CallRecord } from '../domain/call.js';
import type { TenantConfig } from '../domain/tenant.js';

export interface MetricsSources {
  /** The node's name and this process's boot id, as `agent_gateway_node_info` labels. */
  node: { nodeId: string; bootId: string };
  liveSessionCount(): number;
  tenants(): readonly TenantConfig[];
  /** The tenant's calls not ended yet. */
  activeCalls(tenantId: string): Promise<CallRecord[]>;
  now(): number;
}

/** Reported even at zero, so a phase does not vanish from dashboards between calls. */
const LIVE_PHASES = [
  'queued',
  'offering',
  'agentDialing',
  'customerDialing',
  'awaitingAgent',
  'connected',
  'transferring',
  'ivr',
  'survey',
] as const satisfies readonly CallPhase[];

export class GatewayMetrics implements OperationMetrics {
  readonly registry = new Registry();
  private readonly operations = new Counter({
    name: 'agent_gateway_operations_total',
    help: 'Operations answered, by action and response code',
    labelNames: ['action', 'code'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'agent_gateway_operation_duration_seconds',
    help: 'Time from request to response',
    labelNames: ['action'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly connections = new Gauge({ name: 'agent_gateway_connections', help: 'Open WebSocket connections', registers: [this.registry] });
  private readonly repeatedRequests = new Counter({
    name: 'agent_gateway_repeated_requests_total',
    help: 'Requests whose id the session had already used, answered from the response cache without running again',
    registers: [this.registry],
  });
  private readonly rateLimitedRequests = new Counter({
    name: 'agent_gateway_rate_limited_total',
    help: 'Requests refused by a rate limit, by scope (session, tenantApi, telemetry, signIn)',
    labelNames: ['scope'] as const,
    registers: [this.registry],
  });
  private readonly refusedConnections = new Counter({
    name: 'agent_gateway_connections_refused_total',
    help: 'WebSocket connections refused or closed before signing in, by reason (perAddressLimit, signInTimeout)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  private readonly slowConsumers = new Counter({
    name: 'agent_gateway_slow_consumer_closes_total',
    help: 'Sockets closed with 4102 because the client did not read its frames',
    registers: [this.registry],
  });
  private readonly telemetryEvents = new Counter({
    name: 'agent_gateway_sdk_telemetry_events_total',
    help: 'Events uploaded by SDKs with observability on, by type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });

  private readonly sipRefusals = new Counter({
    name: 'agent_gateway_sip_refused_total',
    help: 'SIP messages dropped or refused, by reason (oversized, malformed, flood, unknownSource, unknownNumber, badCredentials, unacceptableMedia)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  private readonly trunksUp = new Gauge({
    name: 'agent_gateway_sip_trunk_up',
    help: 'Whether a SIP trunk answered the last OPTIONS keep-alive (1) or not (0), by tenant and trunk',
    labelNames: ['tenant', 'trunk'] as const,
    registers: [this.registry],
  });

  constructor(sources: MetricsSources) {
    new Gauge({
      name: 'agent_gateway_node_info',
      help: 'This node (AGENT_GATEWAY_NODE_ID) and the boot id of its process; always 1',
      labelNames: ['node', 'boot'] as const,
      registers: [this.registry],
    }).set({ node: sources.node.nodeId, boot: sources.node.bootId }, 1);
    new Gauge({
      name: 'agent_gateway_sessions',
      help: 'Live sessions held by this node, with or without a socket',
      registers: [this.registry],
      collect() {
        this.set(sources.liveSessionCount());
      },
    });
    this.registerCallGauges(sources);
    collectDefaultMetrics({ register: this.registry });
  }

  operationCompleted(action: string, code: 0 | -1, seconds: number): void {
    this.operations.inc({ action, code: String(code) });
    this.latency.observe({ action }, seconds);
  }

  trunkStatus(tenant: string, trunk: string, up: boolean): void {
    this.trunksUp.set({ tenant, trunk }, up ? 1 : 0);
  }

  sipRefused(reason: string): void {
    this.sipRefusals.inc({ reason });
  }

  requestRepeated(): void {
    this.repeatedRequests.inc();
  }

  rateLimited(scope: 'session' | 'tenantApi' | 'telemetry' | 'signIn'): void {
    this.rateLimitedRequests.inc({ scope });
  }

  connectionRefused(reason: 'perAddressLimit' | 'signInTimeout'): void {
    this.refusedConnections.inc({ reason });
  }

  slowConsumerClosed(): void {
    this.slowConsumers.inc();
  }

  telemetryReceived(type: TelemetryEventType): void {
    this.telemetryEvents.inc({ type });
  }

  /** Calls by phase and queue waits, read from the store when Prometheus scrapes, so they cannot drift. */
  private registerCallGauges(sources: MetricsSources): void {
    // The three gauges are collected together; one read of the store serves one scrape.
    let reading: Promise<TenantCalls[]> | undefined;
    const read = () => (reading ??= readActiveCalls(sources).finally(() => (reading = undefined)));
    new Gauge({
      name: 'agent_gateway_calls',
      help: 'Calls in progress, by tenant and phase',
      labelNames: ['tenant', 'phase'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const { tenant, active } of await read()) {
          for (const phase of LIVE_PHASES)
            this.set({ tenant: tenant.tenantId, phase }, active.filter((call) => call.phase === phase).length);
        }
      },
    });
    new Gauge({
      name: 'agent_gateway_queue_waiting_calls',
      help: 'Callers waiting in a queue, by tenant and queue',
      labelNames: ['tenant', 'queue'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const { tenant, active } of await read()) {
          for (const { queueNo } of tenant.queues) this.set({ tenant: tenant.tenantId, queue: queueNo }, joinTimes(active, queueNo).length);
        }
      },
    });
    new Gauge({
      name: 'agent_gateway_queue_longest_wait_seconds',
      help: 'How long the longest-waiting caller of a queue has waited, by tenant and queue (0 when nobody waits)',
      labelNames: ['tenant', 'queue'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        const now = sources.now();
        for (const { tenant, active } of await read()) {
          for (const { queueNo } of tenant.queues) {
            const joined = joinTimes(active, queueNo);
            this.set(
              { tenant: tenant.tenantId, queue: queueNo },
              joined.length === 0 ? 0 : Math.max(0, (now - Math.min(...joined)) / 1000),
            );
          }
        }
      },
    });
  }
}

interface TenantCalls {
  tenant: TenantConfig;
  active: CallRecord[];
}

async function readActiveCalls(sources: MetricsSources): Promise<TenantCalls[]> {
  return Promise.all(sources.tenants().map(async (tenant) => ({ tenant, active: await sources.activeCalls(tenant.tenantId) })));
}

function joinTimes(active: CallRecord[], queueNo: string): number[] {
  return active.filter((call) => call.phase === 'queued' && call.queueNo === queueNo).map((call) => call.queuedAt ?? call.createdAt);
}
