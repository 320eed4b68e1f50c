/**
 * CPU profiles of a server child, taken with the V8 profiler through node:inspector for exactly the measured phase
 * (`--profile`), and summarised as the functions that spent the most time themselves (self time).
 */
import { Session } from 'node:inspector/promises';

/** Server side: `profileStart` / `profileStop` bench requests. */
export function profilerRequests() {
  const session = new Session();
  session.connect();
  return {
    async profileStart() {
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 500 });
      await session.post('Profiler.start');
      return true;
    },
    async profileStop() {
      const { profile } = await session.post('Profiler.stop');
      return topSelfTime(profile, 15);
    },
  };
}

function topSelfTime(profile, count) {
  const selfMicros = new Map();
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const deltas = profile.timeDeltas;
  let total = 0;
  profile.samples.forEach((nodeId, index) => {
    const { callFrame } = nodes.get(nodeId);
    const where = callFrame.url ? `${callFrame.url.replace(/^.*\/(node_modules|packages)\//, '$1/')}:${callFrame.lineNumber + 1}` : '';
    const name = `${callFrame.functionName || '(anonymous)'} ${where}`.trim();
    const micros = deltas[index] ?? 0;
    total += micros;
    selfMicros.set(name, (selfMicros.get(name) ?? 0) + micros);
  });
  return [...selfMicros]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, micros]) => ({ name, percent: +((100 * micros) / total).toFixed(1) }));
}

export function printProfile(title, rows) {
  console.error(`\nCPU profile, ${title}: top functions by self time`);
  for (const { name, percent } of rows) console.error(`  ${String(percent).padStart(5)}%  ${name}`);
}
