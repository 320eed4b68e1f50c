/**
 * Starts a server child process (the gateway or a bare baseline) with the file limit raised as far as the system
 * allows, and talks to it over IPC: `request('cpu')`, `request('memory')`, `stop()`. With `profileDir`, the child
 * writes a V8 CPU profile there when it stops.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const libDir = fileURLToPath(new URL('.', import.meta.url));

/**
 * @param {string} script
 * @param {string[]} args
 * @param {{ profileDir?: string }} [options]
 */
export async function startServerProcess(script, args, { profileDir } = {}) {
  const nodeFlags = ['--expose-gc', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
  const command = ['node', ...nodeFlags, `${libDir}${script}`, ...args].map(shellQuote).join(' ');
  const child = spawn('sh', ['-c', `ulimit -n "$(ulimit -Hn)"; exec ${command}`], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map();
  let nextId = 0;
  const ready = new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
    child.on('message', (/** @type {any} */ message) => {
      if (message.ready) return resolve(message.ready);
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) waiting?.reject(new Error(message.error));
      else waiting?.resolve(message.value);
    });
  });
  const info = await ready;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const request = (name, requestArgs) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, request: name, args: requestArgs });
    });
  return {
    ...info,
    pid: child.pid,
    request,
    async stop() {
      await request('stop').catch(() => undefined);
      await exited;
    },
  };
}

/** CPU microseconds (user + system) the server spends while `run` runs. */
export async function cpuDuring(server, run) {
  const before = await server.request('cpu');
  const result = await run();
  const after = await server.request('cpu');
  return { result, cpuMicros: after.user - before.user + after.system - before.system };
}

const shellQuote = (word) => `'${String(word).replaceAll("'", "'\\''")}'`;
