/** A bare protocol client, for what the SDK would refuse to send (bad params, unknown actions, bad frames). */
import { WebSocket } from 'ws';

export interface RawSocket {
  request(action: string, params?: unknown): Promise<any>;
  sendText(text: string): void;
  frames: any[];
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

export async function openRawSocket(baseUrl: string, query = 'v=1'): Promise<RawSocket> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws?${query}`);
  const frames: any[] = [];
  const waiting = new Map<string, (frame: any) => void>();
  let nextId = 1;
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString());
    frames.push(frame);
    if (frame.type === 'res') waiting.get(frame.id)?.(frame);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    frames,
    closed,
    request(action, params) {
      const id = String(nextId++);
      socket.send(JSON.stringify({ type: 'req', id, action, params }));
      return new Promise((resolve) => waiting.set(id, resolve));
    },
    sendText: (text) => socket.send(text),
    close: () => socket.close(),
  };
}

/** A bare protocol client signed in as `agentNo` of the demo tenant (PSTN endpoint 1360000<agentNo>, idle). */
export async function openSignedInRawSocket(
  gateway: { url: string; issueKey(agentNo: string): Promise<string> },
  agentNo: string,
  loginParams: Record<string, unknown> = {},
): Promise<RawSocket> {
  const socket = await openRawSocket(gateway.url);
  const response = await socket.request('login', {
    sessionKey: await gateway.issueKey(agentNo),
    tenantId: 'demo',
    agentNo,
    bindEndpoint: { endpointType: 1, endpoint: `1360000${agentNo}` },
    initialStatus: 1,
    ...loginParams,
  });
  if (response.code !== 0) throw new Error(`raw login of ${agentNo} failed: ${response.message}`);
  return socket;
}
