/** Debian's HAProxy in front of gateway processes, with the shipped configuration (deploy/haproxy.cfg) made local. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localHaproxyConfig } from '../../scripts/cluster/local-haproxy.mjs';
import { freePort } from './gateway-process.js';

export const HAPROXY = process.env.HAPROXY ?? '/usr/sbin/haproxy';
export const haproxyPresent = existsSync(HAPROXY);

export interface LoadBalancer {
  url: string;
  stop(): Promise<void>;
}

export async function startHaproxy(nodePorts: number[]): Promise<LoadBalancer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'agent-gateway-haproxy-'));
  const config = join(dir, 'haproxy.cfg');
  writeFileSync(config, localHaproxyConfig(port, nodePorts));
  const child = spawn(HAPROXY, ['-db', '-f', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited with ${child.exitCode}: ${output}`);
    if (await fetch(`${url}/healthz`).then((response) => response.ok, () => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`haproxy did not serve within 10 s: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise((resolve) => {
          child.once('exit', resolve);
          child.kill('SIGTERM');
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
