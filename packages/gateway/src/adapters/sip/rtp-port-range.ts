/**
 * UDP sockets for RTP from a configured port range (`AGENT_GATEWAY_RTP_PORTS`, default 20000-20999): even ports only
 * (RFC 3550 keeps the odd one above for RTCP), starting at a random place in the range and skipping ports in use, so
 * several gateways (or test runs) can share one range.
 */
import { createSocket, type Socket } from 'node:dgram';

export interface PortRange {
  min: number;
  max: number;
}

export const DEFAULT_RTP_PORTS: PortRange = { min: 20_000, max: 20_999 };

export class NoFreeRtpPortError extends Error {
  override readonly name = 'NoFreeRtpPortError';
}

/** `"20000-20999"` → { min: 20000, max: 20999 }; undefined when it is not such a range. */
export function parsePortRange(text: string): PortRange | undefined {
  const match = /^\s*(\d{1,5})\s*-\s*(\d{1,5})\s*$/.exec(text);
  if (!match) return undefined;
  const [min, max] = [Number(match[1]), Number(match[2])];
  return min >= 1024 && max <= 65_535 && max - min >= 1 ? { min, max } : undefined;
}

export async function bindRtpSocket(range: PortRange, address: string): Promise<Socket> {
  const first = range.min + (range.min % 2);
  const count = Math.floor((range.max - first) / 2) + 1;
  const start = Math.floor(Math.random() * count);
  for (let attempt = 0; attempt < count; attempt++) {
    const port = first + 2 * ((start + attempt) % count);
    const socket = createSocket('udp4');
    const bound = await new Promise<boolean>((resolve) => {
      socket.once('error', () => resolve(false));
      socket.bind(port, address, () => resolve(true));
    });
    if (bound) {
      socket.removeAllListeners('error');
      socket.on('error', () => undefined);
      return socket;
    }
    try {
      socket.close();
    } catch {
      // never bound: nothing to close
    }
  }
  throw new NoFreeRtpPortError(`no free RTP port in ${range.min}-${range.max} on ${address}`);
}
