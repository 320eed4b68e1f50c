/** Every Store adapter must pass these cases; each adapter is one entry of ADAPTERS. */
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openSqliteStore, type Store } from '@agentsdk/gateway';
import { temporaryDataDir } from './helpers/test-gateway.js';

const directories: { remove(): void }[] = [];
const ADAPTERS: Record<string, () => Store> = {
  'sqlite :memory:': () => openSqliteStore(':memory:'),
  'sqlite file': () => {
    const dir = temporaryDataDir();
    directories.push(dir);
    return openSqliteStore(join(dir.path, 'store.sqlite'));
  },
};

afterEach(() => {
  for (const dir of directories.splice(0)) dir.remove();
});

const agent = (agentNo: string, loginStatus: 0 | 1 | 2 | 3) =>
  ({ tenantId: 't1', agentNo, loginStatus, deviceStatus: 0, stateAction: 'login', stateSince: 1 }) as const;

describe.each(Object.entries(ADAPTERS))('Store adapter %s', (_name, open) => {
  it('writes an agent only when the expected version matches', async () => {
    const store = open();
    expect(await store.agents.get('t1', 'a1')).toBeUndefined();
    expect(await store.agents.compareAndSet(agent('a1', 1), 0)).toBe(true);
    expect(await store.agents.compareAndSet(agent('a1', 2), 0)).toBe(false);
    const stored = await store.agents.get('t1', 'a1');
    expect(stored).toEqual({ value: agent('a1', 1), version: 1 });
    expect(await store.agents.compareAndSet(agent('a1', 2), 1)).toBe(true);
    expect(await store.agents.compareAndSet(agent('a1', 3), 1)).toBe(false);
    expect((await store.agents.get('t1', 'a1'))?.value.loginStatus).toBe(2);
    expect(await store.agents.list('t1')).toHaveLength(1);
    expect(await store.agents.list('t2')).toEqual([]);
    await store.close();
  });

  it('finds, expires nothing by itself, and revokes session keys once', async () => {
    const store = open();
    await store.sessionKeys.insert({ keyHash: 'h1', tenantId: 't1', agentNo: 'a1', createdAt: 1, expiresAt: 2 });
    expect(await store.sessionKeys.findByHash('h1')).toEqual({ keyHash: 'h1', tenantId: 't1', agentNo: 'a1', createdAt: 1, expiresAt: 2 });
    expect(await store.sessionKeys.findByHash('nope')).toBeUndefined();
    expect(await store.sessionKeys.revoke('h1', 5)).toBe(true);
    expect(await store.sessionKeys.revoke('h1', 6)).toBe(false);
    expect((await store.sessionKeys.findByHash('h1'))?.revokedAt).toBe(5);
    await store.close();
  });

  it('lists live sessions until they end, and ends each once', async () => {
    const store = open();
    await store.sessions.insert({ sessionId: 's1', tenantId: 't1', agentNo: 'a1', keyHash: 'h1', createdAt: 1 });
    await store.sessions.insert({ sessionId: 's2', tenantId: 't1', agentNo: 'a2', keyHash: 'h2', createdAt: 2 });
    expect((await store.sessions.listLive()).map((s) => s.sessionId)).toEqual(['s1', 's2']);
    expect((await store.sessions.listLiveByKeyHash('h2')).map((s) => s.sessionId)).toEqual(['s2']);
    expect(await store.sessions.end('s1', 'logout', 9)).toBe(true);
    expect(await store.sessions.end('s1', 'logout', 10)).toBe(false);
    expect(await store.sessions.get('s1')).toMatchObject({ endedAt: 9, endReason: 'logout' });
    expect((await store.sessions.listLive()).map((s) => s.sessionId)).toEqual(['s2']);
    await store.close();
  });

  it('keeps tenant configurations by id', async () => {
    const store = open();
    const tenant = { tenantId: 't1', name: 'T', apiKey: 'k'.repeat(8), agents: [], queues: [], pauseReasons: [] } as never;
    await store.tenants.upsert(tenant);
    await store.tenants.upsert({ ...(tenant as object), name: 'T2' } as never);
    expect((await store.tenants.list()).map((t) => t.name)).toEqual(['T2']);
    await store.close();
  });
});
