/** Metrics of copying call records to their long-term store (application/call-record-outbox.ts), read at each scrape. */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { CallRecordTotals } from '../application/call-record-outbox.js';

interface RecordOutboxView {
  readonly size: number;
  readonly totals: CallRecordTotals;
}

export function registerCallRecordMetrics(registry: Registry, outbox: RecordOutboxView): void {
  new Gauge({
    name: 'agent_gateway_call_records_pending',
    help: 'Ended calls whose record is not written to the call records yet (PostgreSQL with DATABASE_URL)',
    registers: [registry],
    collect() {
      this.set(outbox.size);
    },
  });
  // Counters catch up with the outbox's totals when scraped (they start at 0, so a dashboard sees them as rates).
  const reported = { kept: 0, rejected: 0, failedWrites: 0 };
  const catchUp = (name: keyof CallRecordTotals, inc: (by: number) => void) => {
    const by = outbox.totals[name] - reported[name];
    reported[name] += by;
    inc(by);
  };
  new Counter({
    name: 'agent_gateway_call_records_written_total',
    help: 'Call records sent to the call records, by result (kept, also when found kept already; rejected: refused for good)',
    labelNames: ['result'] as const,
    registers: [registry],
    collect() {
      catchUp('kept', (by) => this.inc({ result: 'kept' }, by));
      catchUp('rejected', (by) => this.inc({ result: 'rejected' }, by));
    },
  });
  new Counter({
    name: 'agent_gateway_call_record_write_failures_total',
    help: 'Writes of call records that failed (the call records unreachable) and are tried again',
    registers: [registry],
    collect() {
      catchUp('failedWrites', (by) => this.inc(by));
    },
  });
}
