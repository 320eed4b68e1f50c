/** Metrics of copying call records to their long-term store (application/call-record-outbox.ts). */
import { Counter, Gauge, type Registry } from 'prom-client';

export interface CallRecordMetrics {
  written(): void;
  writeFailed(): void;
  rejected(): void;
}

export function registerCallRecordMetrics(registry: Registry, pending: () => number): CallRecordMetrics {
  new Gauge({
    name: 'agent_gateway_call_records_pending',
    help: 'Ended calls whose record is not written to the call records yet (PostgreSQL with DATABASE_URL)',
    registers: [registry],
    collect() {
      this.set(pending());
    },
  });
  const writes = new Counter({
    name: 'agent_gateway_call_record_writes_total',
    help: 'Writes of call records, by result (ok; failed: tried again later; rejected: refused for good, not kept)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  // Both reported from the start, so a dashboard sees failures as a rate.
  writes.inc({ result: 'ok' }, 0);
  writes.inc({ result: 'failed' }, 0);
  writes.inc({ result: 'rejected' }, 0);
  return {
    written: () => writes.inc({ result: 'ok' }),
    writeFailed: () => writes.inc({ result: 'failed' }),
    rejected: () => writes.inc({ result: 'rejected' }),
  };
}
