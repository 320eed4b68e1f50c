/**
 * Frames sent to one socket within one event-loop turn leave in one write: the socket's stream is corked at the first
 * frame and uncorked at the end of the turn, after the turn's writes are committed (../turn-end.ts), so the kernel
 * sees one writev per socket per turn instead of one per frame.
 */
import type { Duplex } from 'node:stream';
import { atTurnEnd } from '../adapters/event-loop/turn-end.js';

const corked = new Set<Duplex>();

export function corkForThisTurn(stream: Duplex): void {
  if (corked.has(stream)) return;
  stream.cork();
  corked.add(stream);
  if (corked.size === 1) atTurnEnd('send', uncorkAll);
}

function uncorkAll(): void {
  for (const stream of corked) stream.uncork();
  corked.clear();
}
