/**
 * The shipped deploy/haproxy.cfg made local: it listens on 127.0.0.1:`listenPort` and balances over gateways on
 * 127.0.0.1 at `nodePorts` (one `server` line each, named node-a, node-b…). `npm run cluster` and the cluster tests
 * run this, so the configuration the documentation shows is the one that is tried.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const HAPROXY_TEMPLATE = fileURLToPath(new URL('../../deploy/haproxy.cfg', import.meta.url));

export function localHaproxyConfig(listenPort, nodePorts) {
  const lines = readFileSync(HAPROXY_TEMPLATE, 'utf8').split('\n');
  const firstServer = lines.findIndex((line) => /^\s+server /.test(line));
  const indent = lines[firstServer].match(/^\s+/)[0];
  const servers = nodePorts.map((port, index) => {
    const name = `node-${String.fromCharCode(97 + index)}`;
    return `${indent}server ${name} 127.0.0.1:${port} check cookie ${name}`;
  });
  return [...lines.slice(0, firstServer).filter((line) => !/^\s+server /.test(line)), ...servers, ...lines.slice(firstServer).filter((line) => !/^\s+server /.test(line))]
    .join('\n')
    .replace(/^(\s+)bind :8080$/m, `$1bind 127.0.0.1:${listenPort}`)
    .replace(/^(\s+)log stdout .*$/m, '$1log stdout format raw local0 warning')
    // A try-out's file descriptor limit is a shell's, not the service's.
    .replace(/^(\s+)maxconn \d+$/m, '$1maxconn 4000');
}
