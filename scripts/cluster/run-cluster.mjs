#!/usr/bin/env node
/**
 * `npm run cluster`: a cluster to try on one machine — three gateway nodes (the shipped server with REDIS_URL) behind
 * HAProxy with deploy/haproxy.cfg. Uses the Redis at REDIS_URL (default redis://127.0.0.1:6379) or, when none answers,
 * starts a private redis-server on a spare port. Stops everything on Ctrl-C, when a part dies, or after
 * `--for=<seconds>`. Needs Debian's haproxy and redis-server (or a running Redis).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { localHaproxyConfig } from './local-haproxy.mjs';

const MAIN = fileURLToPath(new URL('../../packages/gateway/dist/main.js', import.meta.url));
const NODE_NAMES = ['node-a', 'node-b', 'node-c'];
const port = Number(process.env.PORT ?? 8080);
const lifetime = Number(process.argv.find((arg) => arg.startsWith('--for='))?.slice('--for='.length) ?? 0);
const prefix = process.env.AGENT_GATEWAY_REDIS_PREFIX ?? 'agent-gateway-cluster:';

const children = [];
const nodeChildren = new Map();
let redisChild;
const dir = mkdtempSync(join(tmpdir(), 'agent-gateway-cluster-'));
let stopping = false;

function which(command, fallback) {
  if (fallback && existsSync(fallback)) return fallback;
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();
  return found || undefined;
}

function fail(message) {
  process.stderr.write(`npm run cluster: ${message}\n`);
  stop(1);
}

async function answers(url) {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port: free } = server.address();
      server.close(() => resolve(free));
    });
  });
}

function run(name, command, args, env = {}) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const label = (chunk) => chunk.toString().replace(/^(?=.)/gm, `[${name}] `);
  child.stdout.on('data', (chunk) => process.stdout.write(label(chunk)));
  child.stderr.on('data', (chunk) => process.stderr.write(label(chunk)));
  child.once('exit', (code, signal) => {
    if (!stopping) fail(`${name} exited (${signal ?? code}); stopping the cluster`);
  });
  children.push(child);
  return child;
}

async function waitFor(what, check, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (stopping) return;
    if (Date.now() > deadline) return fail(`${what} did not come up within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const healthy = (url) =>
  fetch(`${url}/healthz`).then(
    (response) => response.ok,
    () => false,
  );

const alive = (child) => child.exitCode === null && child.signalCode === null;
const ended = (child) =>
  alive(child)
    ? new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      })
    : Promise.resolve();

/** The load balancer and the nodes first, Redis last, so the nodes end their calls while Redis still answers. */
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  const watchdog = setTimeout(() => {
    for (const child of children) child.kill('SIGKILL');
  }, 10_000);
  Promise.all(children.filter((child) => child !== redisChild).map(ended))
    .then(() => redisChild && ended(redisChild))
    .then(() => {
      clearTimeout(watchdog);
      rmSync(dir, { recursive: true, force: true });
      process.exit(code);
    });
}

for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => stop(0));

const haproxy = which('haproxy', process.env.HAPROXY ?? '/usr/sbin/haproxy');
if (!haproxy) fail('no haproxy: install it (apt-get install haproxy) or set HAPROXY to its path');
if (!existsSync(MAIN)) fail('the gateway is not built: run npm run build');

let redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
if (!stopping && !(await answers(redisUrl))) {
  const redisServer = which('redis-server');
  if (!redisServer) fail(`no Redis answers at ${redisUrl} and there is no redis-server to start`);
  else {
    const redisPort = await freePort();
    redisChild = run('redis', redisServer, ['--bind', '127.0.0.1', '--port', String(redisPort), '--save', '', '--appendonly', 'no']);
    redisUrl = `redis://127.0.0.1:${redisPort}`;
    await waitFor('redis-server', () => answers(redisUrl));
  }
}

const nodePorts = NODE_NAMES.map((_, index) => port + 1 + index);
// One secret for the three nodes: they ring the phones registered with each other through the cluster trunk.
const clusterSecret = process.env.AGENT_GATEWAY_CLUSTER_SECRET ?? randomBytes(24).toString('base64url');
NODE_NAMES.forEach((name, index) => {
  if (stopping) return;
  const child = run(name, process.execPath, [MAIN], {
    PORT: String(nodePorts[index]),
    HOST: '127.0.0.1',
    REDIS_URL: redisUrl,
    AGENT_GATEWAY_REDIS_PREFIX: prefix,
    AGENT_GATEWAY_NODE_ID: name,
    AGENT_GATEWAY_SIP_PORT: String(5061 + index),
    AGENT_GATEWAY_RTP_PORTS: `${20000 + index * 1000}-${20999 + index * 1000}`,
    AGENT_GATEWAY_TRUSTED_PROXIES: '127.0.0.1',
    AGENT_GATEWAY_PUBLIC_URL: `http://127.0.0.1:${port}`,
    AGENT_GATEWAY_CLUSTER_SECRET: clusterSecret,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  nodeChildren.set(name, child);
});
for (const nodePort of nodePorts) await waitFor(`the node on port ${nodePort}`, () => healthy(`http://127.0.0.1:${nodePort}`));

const config = join(dir, 'haproxy.cfg');
writeFileSync(config, localHaproxyConfig(port, nodePorts));
if (!stopping) run('haproxy', haproxy, ['-db', '-f', config]);
await waitFor('haproxy', () => healthy(`http://127.0.0.1:${port}`), 10_000);

if (!stopping) {
  process.stdout.write(`
A cluster of three gateway nodes behind HAProxy (Ctrl-C stops it${lifetime > 0 ? `; it stops by itself after ${lifetime} s` : ''})
  load balancer  http://127.0.0.1:${port}/   (console; WebSocket ws://127.0.0.1:${port}/ws)
${NODE_NAMES.map((name, index) => `  ${name}         http://127.0.0.1:${nodePorts[index]}/healthz   SIP udp 127.0.0.1:${5061 + index}   pid ${nodeChildren.get(name)?.pid}`).join('\n')}
  Redis          ${redisUrl}  (prefix ${prefix})
Try: sign in on the console, kill -9 the node holding your socket, and watch the console resume on another.
`);
  if (lifetime > 0) setTimeout(() => stop(0), lifetime * 1000);
}
