/**
 * Frames sent to one socket within one event-loop turn leave in one write: the socket's stream is corked at the first
 * frame and uncorked once the turn's work is done (a response and the events it causes, the events of a burst), so
 * the kernel sees one writev per socket per turn instead of one per frame. One shared flush serves every socket.
 */
import type { Duplex } from 'node:stream';

const corked = new Set<Duplex>();
let flushScheduled = false;

export function corkForThisTurn(stream: Duplex): void {
  if (corked.has(stream)) return;
  stream.cork();
  corked.add(stream);
  if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flush);
  }
}

function flush(): void {
  flushScheduled = false;
  for (const stream of corked) stream.uncork();
  corked.clear();
}
