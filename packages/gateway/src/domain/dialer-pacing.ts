/**
 * Predictive pacing: how many customers to dial now so that agents find an answered customer as they become free,
 * while answered customers left without an agent for 2 s (abandoned) stay under the task's abandon-rate target.
 * Pure: measurements go in with their time, decisions come out; the caller's clock is the only clock.
 *
 * At each decision the pace dials the most calls for which the expected abandoned customers, as a share of the
 * expected answered ones, stay under an aim: answers are binomial in the calls ringing and dialled (at the measured
 * answer rate), free agents are the idle ones plus each busy one with its chance of being free by the time a call
 * dialled now is answered (from the talk and wrap-up times seen, given how long it has been busy). The aim starts
 * under the target and moves with each answered call: down after an abandon, up a little after a connected customer,
 * in the proportion that balances under the target; over the target in the sliding window, nothing is dialled ahead
 * of idle agents.
 */

/** An answered customer waits at most this long for an agent before being abandoned. */
export const ABANDON_AFTER_MS = 2_000;

export interface PacingSettings {
  abandonRateTarget: number;
  /** The sliding window the answer and abandon rates are measured over. */
  windowMs: number;
}

export const DEFAULT_PACING_WINDOW_MS = 30 * 60_000;

/** One dial attempt that ended ringing: answered (then connected or abandoned) or not. */
export interface AttemptSample {
  at: number;
  answered: boolean;
  abandoned: boolean;
  /** From dial to answer (answered calls) or to giving up. */
  ringMs: number;
}

/** Answered calls the window needs before the pace dials ahead of free agents; until then it is progressive. */
const WARM_UP_ANSWERS = 20;
/** Answered calls in the window from which the aim is used in full. */
const CONFIDENT_ANSWERS = 100;
/** Handled calls (talk and wrap-up times) seen before busy agents count as soon free. */
const WARM_UP_HANDLED = 10;
const HANDLING_SAMPLES_KEPT = 500;
/** The per-decision aim, as a share of the target, stays within these. */
const AIM_MIN = 0.05;
const AIM_MAX = 1.5;
/** The aim after an abandoned customer. */
const STEP_DOWN = 0.2;
/** The aim balances where abandons are this share of the target: margin for the window's noise. */
const AIM_BELOW_TARGET = 0.5;
/** No more calls than this many per agent are ringing at once. */
const MAX_RINGING_PER_AGENT = 6;

export interface PacingState {
  attempts: readonly AttemptSample[];
  /** Latest handled calls' talk and wrap-up times, newest last. */
  talkMs: readonly number[];
  wrapupMs: readonly number[];
  /** The per-decision abandon aim, as a share of the target. */
  aim: number;
}

export const NEW_PACING_STATE: PacingState = { attempts: [], talkMs: [], wrapupMs: [], aim: AIM_BELOW_TARGET };

export interface PacingMeasurements {
  attempts: number;
  answered: number;
  abandoned: number;
  answerRate: number;
  /** Abandoned ÷ answered over the window. */
  abandonRate: number;
  meanRingToAnswerMs: number;
  meanTalkMs: number;
  meanWrapupMs: number;
}

/** What the dialer sees at a decision: agents and calls as they are now. */
export interface PacingSnapshot {
  now: number;
  idleAgents: number;
  /** Agents on a call or in wrap-up, and since when. */
  busyAgents: readonly { phase: 'talking' | 'wrapup'; since: number }[];
  /** Customers being rung, not answered yet: since when each is rung. */
  ringingSince: readonly number[];
  /** Answered customers waiting for an agent. */
  waiting: number;
}

const mean = (values: readonly number[]) => (values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length);
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Step up after a connected customer: balances STEP_DOWN where abandons are AIM_BELOW_TARGET of the target. */
function stepUp(target: number): number {
  const aim = Math.max(1e-4, target * AIM_BELOW_TARGET);
  return Math.exp((aim * -Math.log(1 - STEP_DOWN)) / (1 - aim)) - 1;
}

export function recordAttempt(state: PacingState, sample: AttemptSample, settings: PacingSettings): PacingState {
  const attempts = [...state.attempts.filter((attempt) => attempt.at > sample.at - settings.windowMs), sample];
  let aim = state.aim;
  if (sample.abandoned) aim *= 1 - STEP_DOWN;
  else if (sample.answered) aim *= 1 + stepUp(settings.abandonRateTarget);
  return { ...state, attempts, aim: clamp(aim, AIM_MIN, AIM_MAX) };
}

export function recordHandling(state: PacingState, handled: { talkMs: number; wrapupMs: number }): PacingState {
  return {
    ...state,
    talkMs: [...state.talkMs, handled.talkMs].slice(-HANDLING_SAMPLES_KEPT),
    wrapupMs: [...state.wrapupMs, handled.wrapupMs].slice(-HANDLING_SAMPLES_KEPT),
  };
}

export function measure(state: PacingState, now: number, settings: PacingSettings): PacingMeasurements {
  const window = state.attempts.filter((attempt) => attempt.at > now - settings.windowMs);
  const answered = window.filter((attempt) => attempt.answered);
  const abandoned = answered.filter((attempt) => attempt.abandoned).length;
  return {
    attempts: window.length,
    answered: answered.length,
    abandoned,
    answerRate: window.length === 0 ? 0 : answered.length / window.length,
    abandonRate: answered.length === 0 ? 0 : abandoned / answered.length,
    meanRingToAnswerMs: mean(answered.map((attempt) => attempt.ringMs)),
    meanTalkMs: mean(state.talkMs),
    meanWrapupMs: mean(state.wrapupMs),
  };
}

/** The chance that a remaining duration, given `elapsed` of it, ends within `horizonMs` (from the samples seen). */
function endsWithin(samples: readonly number[], elapsed: number, horizonMs: number, after = 0): number {
  const longer = samples.filter((sample) => sample > elapsed);
  // Longer than every call seen: as likely to end now as not.
  if (longer.length === 0) return 0.5;
  return longer.filter((sample) => sample - elapsed + after <= horizonMs).length / longer.length;
}

/** Each busy agent's chance of being free when a customer dialled now answers. */
function chancesOfFreeing(state: PacingState, snapshot: PacingSnapshot, horizonMs: number): number[] {
  const meanWrapup = mean(state.wrapupMs);
  return snapshot.busyAgents.map((agent) => {
    const elapsed = snapshot.now - agent.since;
    return agent.phase === 'wrapup'
      ? endsWithin(state.wrapupMs, elapsed, horizonMs)
      : endsWithin(state.talkMs, elapsed, horizonMs, meanWrapup);
  });
}

/** A call rung for `elapsed` and not ended yet: its chance of being answered, from the attempts in the window. */
function answerChanceAfter(window: readonly AttemptSample[], elapsed: number, answerRate: number): number {
  const still = window.filter((attempt) => attempt.ringMs > elapsed);
  if (still.length < 10) return answerRate;
  return still.filter((attempt) => attempt.answered).length / still.length;
}

/** The distribution of a sum of independent yes/no chances: [P(0), P(1), …]. */
function countDistribution(chances: readonly number[]): number[] {
  let distribution = [1];
  for (const chance of chances) {
    const next = new Array<number>(distribution.length + 1).fill(0);
    distribution.forEach((p, k) => {
      next[k] = next[k]! + p * (1 - chance);
      next[k + 1] = next[k + 1]! + p * chance;
    });
    distribution = next;
  }
  return distribution;
}

/** Expected answered customers left without an agent: E[max(0, waiting + answers − free agents)]. */
function expectedAbandons(answers: readonly number[], free: readonly number[], waiting: number, idle: number): number {
  let expected = 0;
  answers.forEach((pa, a) => {
    if (pa < 1e-9) return;
    free.forEach((pf, f) => {
      const short = waiting + a - (idle + f);
      if (short > 0) expected += pa * pf * short;
    });
  });
  return expected;
}

/** How many customers to dial now (0 or more). */
export function callsToDial(state: PacingState, snapshot: PacingSnapshot, settings: PacingSettings): number {
  const measured = measure(state, snapshot.now, settings);
  const ringing = snapshot.ringingSince.length;
  const progressive = Math.max(0, snapshot.idleAgents - ringing - snapshot.waiting);
  const warm = measured.answered >= WARM_UP_ANSWERS && state.talkMs.length >= WARM_UP_HANDLED;
  if (!warm || measured.answerRate === 0 || measured.answerRate === 1) return progressive;
  // Over the target on a measure worth the name: no dialling ahead until the window is back under it.
  if (measured.answered >= CONFIDENT_ANSWERS && measured.abandonRate >= settings.abandonRateTarget) return progressive;
  const window = state.attempts.filter((attempt) => attempt.at > snapshot.now - settings.windowMs);
  const free = countDistribution(chancesOfFreeing(state, snapshot, measured.meanRingToAnswerMs));
  const ringingChances = snapshot.ringingSince.map((since) => answerChanceAfter(window, snapshot.now - since, measured.answerRate));
  // Few answers in the window measure the rates roughly: aim lower until there are enough.
  const aim = settings.abandonRateTarget * state.aim * Math.min(1, measured.answered / CONFIDENT_ANSWERS);
  const agents = snapshot.idleAgents + snapshot.busyAgents.length;
  let dial = 0;
  while (ringing + dial < agents * MAX_RINGING_PER_AGENT) {
    const chances = [...ringingChances, ...new Array<number>(dial + 1).fill(measured.answerRate)];
    const answers = countDistribution(chances);
    const answered = snapshot.waiting + chances.reduce((sum, chance) => sum + chance, 0);
    if (expectedAbandons(answers, free, snapshot.waiting, snapshot.idleAgents) / answered > aim) break;
    dial += 1;
  }
  return Math.max(progressive, dial);
}
