/**
 * The bare baselines the gateway is compared with, on loopback: `ws-echo` (a `ws` server that sends every text frame
 * back) and `http` (a node:http server answering every request with a small JSON body). Prints its port.
 */
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { serveBenchRequests } from './server-ipc.mjs';

const kind = process.argv[2];
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"ok":true}');
  });
});
if (kind === 'ws-echo') {
  const sockets = new WebSocketServer({ server });
  sockets.on('connection', (socket) => socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })));
}
server.listen(0, '127.0.0.1', () => {
  serveBenchRequests({}, () => new Promise((resolve) => server.close(resolve)) && Promise.resolve());
  process.send({ ready: { url: `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}` } });
});
