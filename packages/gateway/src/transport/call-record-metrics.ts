/** Metrics of copying call records to their long-term store (application/call-record-outbox.ts). */
import { Counter, Gauge, type Registry } from 'prom-client';

export interface CallRecordMetrics {
  written(count: number): void;
  writeFailed(): void;
  rejected(count: number): void;
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
  const records = new Counter({
    name: 'agent_gateway_call_records_written_total',
    help: 'Call records sent to the call records, by result (kept, also when found kept already; rejected: refused for good)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const failures = new Counter({
    name: 'agent_gateway_call_record_write_failures_total',
    help: 'Writes of call records that failed (the call records unreachable) and are tried again',
    registers: [registry],
  });
  // Reported from the start, so a dashboard sees them as rates.
  records.inc({ result: 'kept' }, 0);
  records.inc({ result: 'rejected' }, 0);
  return {
    written: (count) => records.inc({ result: 'kept' }, count),
    writeFailed: () => failures.inc(),
    rejected: (count) => records.inc({ result: 'rejected' }, count),
  };
}
