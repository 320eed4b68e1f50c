/** Prometheus metrics of one gateway (its own registry, so several gateways can share a process). */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { OperationMetrics } from '../application/dispatcher.js';

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

  constructor(liveSessionCount: () => number) {
    new Gauge({
      name: 'agent_gateway_sessions',
      help: 'Live sessions held by this node, with or without a socket',
      registers: [this.registry],
      collect() {
        this.set(liveSessionCount());
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }

  operationCompleted(action: string, code: 0 | -1, seconds: number): void {
    this.operations.inc({ action, code: String(code) });
    this.latency.observe({ action }, seconds);
  }
}
