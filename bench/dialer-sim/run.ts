/**
 * `npm run dialer:sim`: a 2,000-number task, 20 agents, progressive then predictive, on the simulated world's virtual
 * clock, for five seeds (`--seeds=N`). Prints occupancy, abandon rate and calls per agent-hour; writes
 * bench/results/dialer-sim.json. Pass: every seed's predictive occupancy at least 1.5× its progressive one, with every
 * run's abandon rate, overall and in its worst full 30-minute window, under 3%.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { simulate, TYPICAL_OUTBOUND, type SimulationResult } from './world.js';

const seeds = Number(process.argv.find((arg) => arg.startsWith('--seeds='))?.slice('--seeds='.length) ?? 5);
const common = { numbers: 2_000, agents: 20, profile: TYPICAL_OUTBOUND, abandonRateTarget: 0.03 };

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const row = (seed: number, result: SimulationResult) =>
  `| ${seed} | ${result.mode} | ${percent(result.occupancy)} | ${percent(result.talkShare)} | ${percent(result.abandonRate)} | ${percent(result.worstWindowAbandonRate)} | ${result.connectedPerAgentHour.toFixed(1)} | ${result.dials} | ${result.connected} | ${result.abandoned} |`;

const started = performance.now();
const runs = Array.from({ length: seeds }, (_, i) => {
  const seed = i + 1;
  return {
    seed,
    progressive: simulate({ ...common, seed, mode: 'progressive' }),
    predictive: simulate({ ...common, seed, mode: 'predictive' }),
  };
});
const elapsedMs = performance.now() - started;

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const ratios = runs.map((run) => run.predictive.occupancy / run.progressive.occupancy);
const meanRatio = mean(ratios);
const underTarget = runs.every(
  (run) => run.predictive.abandonRate < common.abandonRateTarget && run.predictive.worstWindowAbandonRate < common.abandonRateTarget,
);
const pass = ratios.every((ratio) => ratio >= 1.5) && underTarget;

const { profile } = common;
console.log(
  `dialer pacing simulation: ${common.numbers} numbers, ${common.agents} agents, abandon target ${percent(common.abandonRateTarget)}; ` +
    `answer rate ${percent(profile.answerRate)}, talk median ${profile.talk.median / 1000} s, wrap-up median ${profile.wrapup.median / 1000} s`,
);
console.log(
  '| seed | mode | occupancy | talk share | abandon rate | worst 30-min window | connected per agent-hour | dials | connected | abandoned |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const run of runs) {
  console.log(row(run.seed, run.progressive));
  console.log(row(run.seed, run.predictive));
}
console.log(
  `mean occupancy: progressive ${percent(mean(runs.map((run) => run.progressive.occupancy)))}, predictive ${percent(mean(runs.map((run) => run.predictive.occupancy)))}; ` +
    `predictive ÷ progressive ${meanRatio.toFixed(2)}× (per seed ${ratios.map((ratio) => ratio.toFixed(2)).join(', ')}); ` +
    `mean connected per agent-hour ${mean(runs.map((run) => run.progressive.connectedPerAgentHour)).toFixed(1)} → ${mean(runs.map((run) => run.predictive.connectedPerAgentHour)).toFixed(1)}`,
);
console.log(
  `target ≥ 1.5× on every seed with every abandon rate < 3%: ${pass ? 'pass' : 'FAIL'}; ran in ${(elapsedMs / 1000).toFixed(1)} s`,
);

mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/dialer-sim.json', `${JSON.stringify({ profile, runs, meanRatio, pass }, null, 2)}\n`);
process.exitCode = pass ? 0 : 1;
