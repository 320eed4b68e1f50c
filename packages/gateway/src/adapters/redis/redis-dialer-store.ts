/**
 * Dialer tasks and their numbers in Redis: each task's numbers are a hash of records, with a due sorted set, a claimed
 * sorted set and counters that change in the same Lua script as the record (./scripts/*-dialer-*).
 */
import type { Redis } from 'ioredis';
import type { DialerOutcome } from '@agentsdk/protocol';
import { countsAsAttempt, type DialerNumberRecord, type DialerTaskRecord } from '../../domain/dialer-campaign.js';
import type { DialerAgentRecord } from '../../domain/dialer-task.js';
import type { DialerStore } from '../../ports/store.js';
import { addDialerNumbers } from './scripts/add-dialer-numbers-3.js';
import { claimDialerNumber } from './scripts/claim-dialer-number-3.js';
import { claimNamedDialerNumber } from './scripts/claim-named-dialer-number-3.js';
import { recordDialerOutcome } from './scripts/record-dialer-outcome-4.js';
import { releaseDialerClaim } from './scripts/release-dialer-claim-3.js';
import { updateDialerTask } from './scripts/update-dialer-task-1.js';

function dialerKeys(prefix: string) {
  const task = (kind: string) => (tenantId: string, taskId: string) => `${prefix}dialer:${kind}:${tenantId}:${taskId}`;
  return {
    tasks: (tenantId: string) => `${prefix}dialer:tasks:${tenantId}`,
    agents: (tenantId: string) => `${prefix}dialer:agents:${tenantId}`,
    numbers: task('numbers'),
    due: task('due'),
    claims: task('claims'),
    counts: task('counts'),
  };
}

/** Lua's cjson writes an empty list as `{}`. */
function parse(json: string): DialerNumberRecord {
  const record = JSON.parse(json) as DialerNumberRecord;
  if (!Array.isArray(record.history)) record.history = [];
  return record;
}

const numberOfDueMember = (member: string) => member.slice(13);

export function redisDialerStore(redis: Redis, prefix: string): DialerStore {
  const keys = dialerKeys(prefix);

  async function records(tenantId: string, taskId: string, numbers: string[]): Promise<DialerNumberRecord[]> {
    if (numbers.length === 0) return [];
    const found = await redis.hmget(keys.numbers(tenantId, taskId), ...numbers);
    return found.flatMap((json) => (json === null ? [] : [parse(json)]));
  }

  return {
    async createTask(task: DialerTaskRecord) {
      return (await redis.hsetnx(keys.tasks(task.tenantId), task.taskId, JSON.stringify(task))) === 1;
    },
    async updateTask(task) {
      return (await updateDialerTask.run(redis, [keys.tasks(task.tenantId)], [task.taskId, JSON.stringify(task)])) === 1;
    },
    async getTask(tenantId, taskId) {
      const json = await redis.hget(keys.tasks(tenantId), taskId);
      return json === null ? undefined : (JSON.parse(json) as DialerTaskRecord);
    },
    async listTasks(tenantId) {
      const all = await redis.hgetall(keys.tasks(tenantId));
      return Object.keys(all)
        .sort()
        .map((taskId) => JSON.parse(all[taskId]!) as DialerTaskRecord);
    },
    async addNumbers(tenantId, taskId, numbers, at) {
      if (numbers.length === 0) return [];
      const pairs = numbers.flatMap(({ number, variables }) => [number, JSON.stringify(variables)]);
      const added = (await addDialerNumbers.run(
        redis,
        [keys.numbers(tenantId, taskId), keys.due(tenantId, taskId), keys.counts(tenantId, taskId)],
        [at, tenantId, taskId, ...pairs],
      )) as number[];
      return added.map((result) => result === 1);
    },
    async claimNext(tenantId, taskId, { owner, now, leaseMs }) {
      const json = (await claimDialerNumber.run(
        redis,
        [keys.due(tenantId, taskId), keys.claims(tenantId, taskId), keys.numbers(tenantId, taskId)],
        [now, owner, leaseMs],
      )) as string | null;
      return json === null ? undefined : parse(json);
    },
    async claimNumber(tenantId, taskId, number, { owner, now, leaseMs }) {
      const json = (await claimNamedDialerNumber.run(
        redis,
        [keys.due(tenantId, taskId), keys.claims(tenantId, taskId), keys.numbers(tenantId, taskId)],
        [number, now, owner, leaseMs],
      )) as string | null;
      return json === null ? undefined : parse(json);
    },
    async recordOutcome(tenantId, taskId, number, result) {
      const recorded = await recordDialerOutcome.run(
        redis,
        [keys.numbers(tenantId, taskId), keys.due(tenantId, taskId), keys.claims(tenantId, taskId), keys.counts(tenantId, taskId)],
        [
          number,
          result.owner,
          result.outcome,
          result.at,
          result.nextAttemptAt ?? '',
          countsAsAttempt(result.outcome) ? '1' : '0',
          result.callId ?? '',
        ],
      );
      return recorded === 1;
    },
    async releaseClaim(tenantId, taskId, number, owner) {
      const released = await releaseDialerClaim.run(
        redis,
        [keys.numbers(tenantId, taskId), keys.due(tenantId, taskId), keys.claims(tenantId, taskId)],
        [number, owner],
      );
      return released === 1;
    },
    async listExpiredClaims(tenantId, taskId, now) {
      const numbers = await redis.zrangebyscore(keys.claims(tenantId, taskId), '-inf', now);
      return (await records(tenantId, taskId, numbers)).filter((record) => record.state === 'claimed').sort((a, b) => a.seq - b.seq);
    },
    async listDue(tenantId, taskId, now, limit) {
      const members = await redis.zrangebyscore(keys.due(tenantId, taskId), '-inf', now, 'LIMIT', 0, limit);
      return records(tenantId, taskId, members.map(numberOfDueMember));
    },
    async listNumbers(tenantId, taskId) {
      const all = await redis.hvals(keys.numbers(tenantId, taskId));
      return all.map(parse).sort((a, b) => a.seq - b.seq);
    },
    async progress(tenantId, taskId) {
      const counts = await redis.hgetall(keys.counts(tenantId, taskId));
      const outcomes = Object.entries(counts)
        .filter(([field, count]) => field.startsWith('outcome:') && Number(count) > 0)
        .map(([field, count]) => [field.slice('outcome:'.length) as DialerOutcome, Number(count)] as const)
        .sort(([a], [b]) => (a < b ? -1 : 1));
      return {
        total: Number(counts.total ?? 0),
        dialled: Number(counts.dialled ?? 0),
        remaining: Number(counts.remaining ?? 0),
        outcomes: Object.fromEntries(outcomes),
      };
    },
    async getAgent(tenantId, agentNo) {
      const json = await redis.hget(keys.agents(tenantId), agentNo);
      return json === null ? undefined : (JSON.parse(json) as DialerAgentRecord);
    },
    async putAgent(record) {
      await redis.hset(keys.agents(record.tenantId), record.agentNo, JSON.stringify(record));
    },
  };
}
