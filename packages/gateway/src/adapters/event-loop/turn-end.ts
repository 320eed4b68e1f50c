/**
 * Work held back to the end of the event-loop turn, in two stages: `commit` (a store makes the turn's writes durable)
 * runs before `send` (the WebSocket transport lets the turn's frames leave). A turn's writes are committed together and
 * its frames written together, and no client hears of a change before it is committed. A commit that throws stops the
 * turn before anything is sent, and the error ends the process: nothing it could not keep was announced.
 */
type Stage = 'commit' | 'send';

const pending: Record<Stage, (() => void)[]> = { commit: [], send: [] };
let scheduled = false;

export function atTurnEnd(stage: Stage, task: () => void): void {
  pending[stage].push(task);
  if (!scheduled) {
    scheduled = true;
    setImmediate(endTurn);
  }
}

/** Runs the commit stage at once: before a response leaves outside the send stage (HTTP). */
export function commitNow(): void {
  run('commit');
}

function endTurn(): void {
  scheduled = false;
  run('commit');
  run('send');
}

function run(stage: Stage): void {
  const tasks = pending[stage];
  pending[stage] = [];
  for (const task of tasks) task();
}
