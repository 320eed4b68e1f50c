/**
 * A gateway in a process of its own (the shipped `main.js`), for faults a process suffers: SIGKILL, restart, a node
 * of a cluster dying. It answers the same HTTP helpers as an in-process test gateway.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { gatewayApiAt, type GatewayApi } from './test-gateway.js';

const MAIN = fileURLToPath(new URL('../../packages/gateway/dist/main.js', import.meta.url));

export interface GatewayProcess extends GatewayApi {
  port: number;
  /** SIGKILL: the process dies at once, nothing of it runs again. */
  kill(): Promise<void>;
  /** SIGTERM: a clean stop. */
  stop(): Promise<void>;
  /** What it wrote to standard output (the start-up banner, log lines). */
  output(): string;
  /** What it wrote to standard error. */
  errors(): string;
}

export interface GatewayProcessOptions {
  port?: number;
  dataDir?: string;
  /** Further environment (REDIS_URL, lease timings…). */
  env?: Record<string, string>;
}

/**
 * Ports for the processes a test starts, and may restart on the same port, are taken below the kernel's ephemeral
 * range (32768–60999): no process's outgoing connection can be handed such a port while the test leaves it free (a
 * gateway killed and started again, a Redis restarted).
 */
const PROCESS_PORTS = { first: 10_000, count: 10_000 };

export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = PROCESS_PORTS.first + Math.floor(Math.random() * PROCESS_PORTS.count);
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port from ${PROCESS_PORTS.first} to ${PROCESS_PORTS.first + PROCESS_PORTS.count - 1}`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export async function spawnGateway(options: GatewayProcessOptions = {}): Promise<GatewayProcess> {
  // A port found free may be taken by another process before the gateway binds it: then another port, twice at most.
  for (let attempt = 1; ; attempt++) {
    try {
      return await spawnOnce(options);
    } catch (error) {
      if (options.port !== undefined || attempt >= 3 || !String(error).includes('EADDRINUSE')) throw error;
    }
  }
}

async function spawnOnce(options: GatewayProcessOptions): Promise<GatewayProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      AGENT_GATEWAY_SIP_PORT: '0',
      AGENT_GATEWAY_SESSION_REQUESTS_PER_SECOND: '5000',
      AGENT_GATEWAY_TENANT_API_REQUESTS_PER_SECOND: '5000',
      ...(options.dataDir ? { AGENT_GATEWAY_DATA_DIR: options.dataDir } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilServing(url, child, () => stderr);
  return {
    ...gatewayApiAt(url),
    port,
    kill: () => ended(child, 'SIGKILL'),
    stop: () => ended(child, 'SIGTERM'),
    output: () => stdout,
    errors: () => stderr,
  };
}

async function waitUntilServing(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`gateway exited with ${child.exitCode}: ${stderr()}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`gateway at ${url} did not serve within 30 s: ${stderr()}`);
}

function ended(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
