-- Up Migration
-- The dialer's results for the long term: each call a dialer task placed, with the outcome it gave the number.
-- Written with the call's record (call_records), in the same append; a number dialled again has a row per attempt.
CREATE TABLE dialer_results (
  call_id text COLLATE "C" PRIMARY KEY REFERENCES call_records (call_id) ON DELETE CASCADE,
  tenant_id text NOT NULL,
  task_id text NOT NULL,
  number text NOT NULL,
  -- 1 for the first call to the number
  attempt integer NOT NULL,
  -- answered, busy, noAnswer, rejected, invalidNumber, failed, abandoned, interrupted
  outcome text NOT NULL,
  -- epoch milliseconds, as call_records.ended_at_ms
  ended_at_ms bigint NOT NULL
);
CREATE INDEX dialer_results_by_task ON dialer_results (tenant_id, task_id, number, attempt);

-- Down Migration
DROP TABLE dialer_results;
