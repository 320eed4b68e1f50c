/**
 * A TCP relay on 127.0.0.1 in front of a server (PostgreSQL), that a test can cut as a network outage would, and
 * restore on the same port, without stopping the server other tests share.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface TcpRelay {
  port: number;
  /** Drops every relayed connection and refuses new ones. */
  cut(): Promise<void>;
  /** Relays again, on the same port (nothing to do when it was not cut). */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function openTcpRelay(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpRelay> {
  const sockets = new Set<Socket>();
  const relay = (client: Socket) => {
    const server = createConnection({ port: targetPort, host: targetHost });
    for (const socket of [client, server]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(server).pipe(client);
    client.on('close', () => server.destroy());
    server.on('close', () => client.destroy());
  };
  let server: Server | undefined;
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const listening = createServer(relay);
      listening.once('error', reject);
      listening.listen(port, '127.0.0.1', () => {
        server = listening;
        const address = listening.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  const stop = async () => {
    const listening = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    if (listening) await new Promise((resolve) => listening.close(resolve));
  };
  const port = await listen(0);
  return { port, cut: stop, restore: async () => void (server ?? (await listen(port))), close: stop };
}
