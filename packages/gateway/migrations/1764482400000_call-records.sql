-- Up Migration
-- Ended calls' final records (CDRs), as GET /api/v1/tenants/{tenantId}/cdrs pages through them.
CREATE TABLE call_records (
  -- bytewise order, as the page cursor compares
  call_id text COLLATE "C" PRIMARY KEY,
  tenant_id text NOT NULL,
  -- epoch milliseconds, the page cursor's exact value
  ended_at_ms bigint NOT NULL,
  -- the call's agent, its callee, and every agent whose leg was answered (the agentNo filter)
  agent_nos text[] NOT NULL,
  -- the live store's version of the record: a higher one replaces a lower one
  revision integer NOT NULL,
  record jsonb NOT NULL,
  archived_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX call_records_newest_first ON call_records (tenant_id, ended_at_ms DESC, call_id DESC);
CREATE INDEX call_records_agents ON call_records USING gin (agent_nos);

-- Down Migration
DROP TABLE call_records;
