/**
 * `npm run bench`: the gateway side by side with bare baselines in the same run, on loopback, bounded (it stops by
 * itself; a watchdog ends it after ten minutes). Writes bench/results/latest.json and the results table of
 * BENCHMARKS.md. Options: `--profile` prints the top functions by self time of the routing and operation runs;
 * `--only=routing|operations|sessions` runs one part (the table then keeps the other rows as they were).
 */
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printProfile } from './lib/cpu-profile.mjs';
import { measureIdleSessions } from './measures/idle-sessions.mjs';
import { measureOperations } from './measures/operations.mjs';
import { measureRouting } from './measures/routing.mjs';

const WATCHDOG_MS = 10 * 60_000;
const ROUTING_AGENTS = 8_000;
const ROUTED_CALLS = 2_000;
const SESSIONS_TARGET = 20_000;
/** Time left after the sessions ramp for the echo server's ramp, the pings and the reports. */
const SESSIONS_RESERVE_MS = 150_000;
/** File descriptors kept free besides one per socket (the runner and the server each hold one end). */
const SPARE_FILES = 300;

/** Where the baseline counts something else than the gateway: routed calls against bare HTTP requests. */
const BASELINE_UNITS = { 'calls/s': 'req/s' };

const repository = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const profile = args.includes('--profile');
const only = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
const runs = (part) => only === undefined || only === part;

setTimeout(() => {
  console.error('bench: watchdog: still running after 10 minutes, stopping with the measures taken so far');
  writeResults();
  process.exit(2);
}, WATCHDOG_MS).unref();

const round = (value, digits) => (value === null ? null : +value.toFixed(digits));
const measure = (name, value, unit, baseline, target, pass, digits = 3) => ({
  name,
  value: round(value, digits),
  unit,
  baseline: round(baseline, digits),
  ratio: baseline ? round(value / baseline, 2) : null,
  target,
  pass,
});

const dataRoot = mkdtempSync(join(tmpdir(), 'agent-gateway-bench-'));
const dataDir = (name) => join(dataRoot, name);
const loadBefore = loadavg();
const measures = [];
const suiteStarted = Date.now();
const elapsed = () => `${Math.round((Date.now() - suiteStarted) / 1000)} s`;
try {
  if (runs('routing')) {
    console.error(`routing: ${ROUTED_CALLS} inbound calls, ${ROUTING_AGENTS} idle agents`);
    const routing = await measureRouting({ agentCount: ROUTING_AGENTS, calls: ROUTED_CALLS, dataDir: dataDir('routing'), profile });
    if (routing.profileRows) printProfile('routing', routing.profileRows);
    measures.push(
      measure(
        `inbound calls routed per second, ${ROUTING_AGENTS.toLocaleString('en')} agents idle`,
        routing.routedPerSecond,
        'calls/s',
        routing.bareRequestsPerSecond,
        '≥ 1,000/s',
        routing.routedPerSecond >= 1000 && routing.routed === ROUTED_CALLS,
        0,
      ),
      measure('double assignments while routing', routing.doubleAssignments, 'count', null, '0', routing.doubleAssignments === 0, 0),
    );
  }
  if (runs('operations')) {
    console.error(`operations (at ${elapsed()}): pause round trip, 2,000 ops/s over 100 sessions`);
    const { gateway, bare } = await measureOperations({ dataDir: dataDir('operations'), profile });
    if (gateway.profileRows) printProfile('operations at 2,000 ops/s', gateway.profileRows);
    measures.push(
      measure(
        '`pause` round trip p50, one connection, sequential',
        gateway.pauseP50Ms,
        'ms',
        bare.pauseP50Ms,
        '≤ 3×',
        gateway.pauseP50Ms <= 3 * bare.pauseP50Ms,
      ),
      measure(
        'server CPU per operation at 2,000 ops/s',
        gateway.cpuMicrosPerOp,
        'µs',
        bare.cpuMicrosPerOp,
        '≤ 4×',
        gateway.cpuMicrosPerOp <= 4 * bare.cpuMicrosPerOp,
        1,
      ),
      measure('p99 at 2,000 ops/s over 100 sessions (from send)', gateway.p99Ms, 'ms', bare.p99Ms, '≤ 5 ms', gateway.p99Ms <= 5),
    );
  }
  if (runs('sessions')) {
    const hardLimit = Number(execSync('ulimit -Hn', { shell: '/bin/sh' }).toString().trim()) || SESSIONS_TARGET;
    const most = Math.min(SESSIONS_TARGET, hardLimit - SPARE_FILES);
    const checkpoints = [1_000, 5_000, 10_000, most].filter((count, index, all) => count <= most && all.indexOf(count) === index);
    console.error(`sessions (at ${elapsed()}): signed-in idle sessions up to ${most} (file limit ${hardLimit})`);
    const rampMs = Math.max(60_000, WATCHDOG_MS - SESSIONS_RESERVE_MS - (Date.now() - suiteStarted));
    const { gateway, bare } = await measureIdleSessions({ checkpoints, dataDir: dataDir('sessions'), rampMs });
    const [atMost, bareAtMost] = [gateway.checkpoints.at(-1), bare.checkpoints.at(-1)];
    const sessions = atMost.sessions.toLocaleString('en');
    measures.push(
      measure(
        `RSS per signed-in idle session at ${sessions} sessions`,
        atMost.rssKiB,
        'KiB',
        bareAtMost.rssKiB,
        '≤ 2× at 20,000 sessions',
        atMost.rssKiB <= 2 * bareAtMost.rssKiB && atMost.sessions >= most,
        2,
      ),
      measure(`heap per signed-in idle session at ${sessions} sessions`, atMost.heapKiB, 'KiB', bareAtMost.heapKiB, '—', null, 2),
      measure(`heartbeat CPU per ping at ${sessions} sessions`, gateway.heartbeatCpuMicros, 'µs', bare.heartbeatCpuMicros, '—', null, 1),
    );
  }
  console.error(`done in ${elapsed()}`);
} finally {
  rmSync(dataRoot, { recursive: true, force: true });
}

writeResults();
process.exit(0);

function writeResults() {
  const run = {
    date: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    loadAverage: { before: loadBefore.map((value) => round(value, 2)), after: loadavg().map((value) => round(value, 2)) },
    measures,
  };
  mkdirSync(join(repository, 'bench/results'), { recursive: true });
  writeFileSync(join(repository, 'bench/results/latest.json'), `${JSON.stringify(run, null, 2)}\n`);
  writeTable(run);
  console.log(JSON.stringify(run, null, 2));
}

/** Replaces the rows of the measures this run took in the table between the markers of BENCHMARKS.md. */
function writeTable({ date, machine, loadAverage }) {
  const file = join(repository, 'BENCHMARKS.md');
  const text = readFileSync(file, 'utf8');
  const [head, rest] = text.split('<!-- bench-table:start -->');
  const [table, tail] = rest.split('<!-- bench-table:end -->');
  const rows = new Map(
    table
      .split('\n')
      .filter((line) => line.startsWith('| ') && !line.startsWith('| measure') && !line.startsWith('|---'))
      .map((line) => [line.split(' | ')[0].slice(2), line]),
  );
  for (const m of measures) {
    const cell = (value, unit = m.unit) => (value === null ? '—' : `${value.toLocaleString('en')} ${unit}`);
    const pass = m.pass === null ? '—' : m.pass ? 'yes' : 'no';
    rows.set(
      m.name,
      `| ${m.name} | ${cell(m.value)} | ${cell(m.baseline, BASELINE_UNITS[m.unit] ?? m.unit)} | ${m.ratio === null ? '—' : `${m.ratio}×`} | ${m.target} | ${pass} |`,
    );
  }
  const lines = [
    '',
    `Last run ${date.slice(0, 16).replace('T', ' ')} UTC${only ? ` (\`--only=${only}\`)` : ''} on ${machine}; load average ${loadAverage.before.join(', ')} before, ${loadAverage.after.join(', ')} after.`,
    '',
    '| measure | gateway | bare baseline | ratio | target | met |',
    '|---|---|---|---|---|---|',
    ...rows.values(),
    '',
  ];
  writeFileSync(file, `${head}<!-- bench-table:start -->${lines.join('\n')}<!-- bench-table:end -->${tail}`);
}
