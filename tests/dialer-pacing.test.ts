/** Predictive pacing (domain/dialer-pacing.ts) decisions, and a predictive run in the simulated world under its abandon target. */
import { describe, expect, it } from 'vitest';
import {
  callsToDial,
  measure,
  NEW_PACING_STATE,
  recordAttempt,
  recordHandling,
  type PacingSnapshot,
  type PacingState,
} from '../packages/gateway/src/domain/dialer-pacing.js';
import { simulate, TYPICAL_OUTBOUND } from '../bench/dialer-sim/world.js';

const SETTINGS = { abandonRateTarget: 0.03, windowMs: 30 * 60_000 };
const MINUTE = 60_000;

/** A state that has seen `attempts` calls at a 25% answer rate (one in `abandonEvery` answered abandoned) and 50 handled calls of 2 min + 15 s. */
function warmedUp(attempts = 400, abandonEvery = 0, at = 20 * MINUTE): PacingState {
  let state = NEW_PACING_STATE;
  let answered = 0;
  for (let i = 0; i < attempts; i++) {
    const answers = i % 4 === 0;
    if (answers) answered += 1;
    const abandoned = answers && abandonEvery > 0 && answered % abandonEvery === 0;
    state = recordAttempt(
      state,
      { at: at - (attempts - i) * 1_000, answered: answers, abandoned, ringMs: answers ? 9_000 : 25_000 },
      SETTINGS,
    );
  }
  for (let i = 0; i < 50; i++) state = recordHandling(state, { talkMs: 100_000 + (i % 10) * 4_000, wrapupMs: 15_000 });
  return state;
}

const snapshot = (fields: Partial<PacingSnapshot>): PacingSnapshot => ({
  now: 20 * MINUTE,
  idleAgents: 0,
  busyAgents: [],
  ringingSince: [],
  waiting: 0,
  ...fields,
});

describe('predictive pacing', () => {
  it('dials one call per idle agent until it has measured enough', () => {
    expect(callsToDial(NEW_PACING_STATE, snapshot({ idleAgents: 3 }), SETTINGS)).toBe(3);
    expect(callsToDial(NEW_PACING_STATE, snapshot({ idleAgents: 3, ringingSince: [0, 0] }), SETTINGS)).toBe(1);
  });

  it('dials ahead of idle agents at the answer rate, and for agents about to finish their wrap-up', () => {
    const state = warmedUp();
    expect(measure(state, 20 * MINUTE, SETTINGS)).toMatchObject({ answerRate: 0.25, abandonRate: 0 });
    const idle = callsToDial(state, snapshot({ idleAgents: 2 }), SETTINGS);
    expect(idle).toBeGreaterThan(2);
    const now = 20 * MINUTE;
    const finishing = Array.from({ length: 5 }, () => ({ phase: 'wrapup' as const, since: now - 14_000 }));
    const justStarted = Array.from({ length: 5 }, () => ({ phase: 'talking' as const, since: now - 1_000 }));
    expect(callsToDial(state, snapshot({ busyAgents: finishing }), SETTINGS)).toBeGreaterThan(0);
    expect(callsToDial(state, snapshot({ busyAgents: justStarted }), SETTINGS)).toBe(0);
  });

  it('counts the calls already ringing and the customers already waiting', () => {
    const state = warmedUp();
    const now = 20 * MINUTE;
    const alone = callsToDial(state, snapshot({ idleAgents: 4 }), SETTINGS);
    expect(callsToDial(state, snapshot({ idleAgents: 4, ringingSince: [now, now, now, now] }), SETTINGS)).toBeLessThan(alone);
    expect(callsToDial(state, snapshot({ idleAgents: 0, waiting: 2 }), SETTINGS)).toBe(0);
  });

  it('dials no further ahead than the idle agents while the window is over the abandon target', () => {
    const over = warmedUp(1_000, 10);
    expect(measure(over, 20 * MINUTE, SETTINGS).abandonRate).toBeGreaterThan(0.03);
    expect(callsToDial(over, snapshot({ idleAgents: 2 }), SETTINGS)).toBe(2);
  });

  it('measures over the sliding window only, and aims lower after an abandoned customer', () => {
    const state = warmedUp();
    expect(measure(state, 20 * MINUTE + SETTINGS.windowMs, SETTINGS).attempts).toBe(0);
    const after = recordAttempt(state, { at: 20 * MINUTE, answered: true, abandoned: true, ringMs: 9_000 }, SETTINGS);
    expect(after.aim).toBeLessThan(state.aim);
  });
});

describe('a predictive run in the simulated world', () => {
  it('keeps the abandon rate under its 3% target and the agents busier than progressive dialling does', () => {
    const run = { numbers: 2_000, agents: 20, seed: 4, profile: TYPICAL_OUTBOUND, abandonRateTarget: 0.03 };
    const progressive = simulate({ ...run, mode: 'progressive' });
    const predictive = simulate({ ...run, mode: 'predictive' });
    expect(progressive.abandoned).toBe(0);
    expect(predictive.abandonRate).toBeLessThan(0.03);
    expect(predictive.worstWindowAbandonRate).toBeLessThan(0.03);
    expect(predictive.occupancy / progressive.occupancy).toBeGreaterThan(1.3);
    expect(predictive.connectedPerAgentHour).toBeGreaterThan(progressive.connectedPerAgentHour);
  });
});
