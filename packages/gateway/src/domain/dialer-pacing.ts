/**
 * Predictive pacing: how many customers to dial now so that agents find an answered customer as they become free,
 * while answered customers left without an agent for 2 s (abandoned) stay under the task's abandon-rate target.
 * Pure: measurements go in with their time, decisions come out; the caller's clock is the only clock.
 *
 * At each decision the pace dials one more call while that call's own chance of leaving an answered customer without
 * an agent stays under an aim: answers are binomial in the calls ringing and dialled (at the measured answer rate,
 * counted a little high while few calls were measured), free agents are the idle ones plus each busy one with its
 * chance of being free by the time a call dialled now is answered (from the talk and wrap-up times seen, given how
 * long it has been busy). The aim comes from the window's abandon budget: the target times the answered customers in
 * the sliding window, less the abandons in it, the abandons expected of the calls in flight and one abandon of margin.
 * A budget untouched aims at several times the target per call (most calls carry almost no risk); as it is spent the
 * aim falls to half the target, which still dials ahead of idle agents where an abandon is unlikely. Until 5
 * customers answered it is progressive; busy agents count as soon free once 20 calls were handled.
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
const WARM_UP_ANSWERS = 5;
/** Answered calls added to the measured ones when estimating the answer rate: few measures count it high (safe side). */
const ANSWERS_ASSUMED = 3;
/**
 * Handled calls (talk and wrap-up times) seen before busy agents count as soon free: the first calls to end are the
 * short ones, so fewer would make every busy agent look about to finish.
 */
const WARM_UP_HANDLED = 20;
const HANDLING_SAMPLES_KEPT = 500;
/** The aim, as a share of the target: each call's abandon chance may reach this much with the budget untouched… */
const AIM_WITH_FULL_BUDGET = 4;
/** …and this much once it is spent. */
const AIM_WITH_BUDGET_SPENT = 0.5;
/** Abandons kept out of the window's budget: the next one may come from calls the model thought safe. */
const BUDGET_MARGIN = 1;
/** No more calls than this many per agent are ringing at once. */
const MAX_RINGING_PER_AGENT = 6;

export interface PacingState {
  attempts: readonly AttemptSample[];
  /** Latest handled calls' talk and wrap-up times, newest last. */
  talkMs: readonly number[];
  wrapupMs: readonly number[];
}

export const NEW_PACING_STATE: PacingState = { attempts: [], talkMs: [], wrapupMs: [] };

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

export function recordAttempt(state: PacingState, sample: AttemptSample, settings: PacingSettings): PacingState {
  return { ...state, attempts: [...state.attempts.filter((attempt) => attempt.at > sample.at - settings.windowMs), sample] };
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

/**
 * The aim for the next call's abandon chance, from the window's budget: target × answered in the window, less its
 * abandons, those expected of the calls in flight and the margin.
 */
function aimFromBudget(measured: PacingMeasurements, inFlightAbandons: number, target: number): number {
  const allowed = target * measured.answered;
  const left = Math.max(0, allowed - measured.abandoned - inFlightAbandons - BUDGET_MARGIN);
  return target * Math.max(AIM_WITH_BUDGET_SPENT, (AIM_WITH_FULL_BUDGET * left) / allowed);
}

/** How many customers to dial now (0 or more). */
export function callsToDial(state: PacingState, snapshot: PacingSnapshot, settings: PacingSettings): number {
  const measured = measure(state, snapshot.now, settings);
  const ringing = snapshot.ringingSince.length;
  const progressive = Math.max(0, snapshot.idleAgents - ringing - snapshot.waiting);
  if (measured.answered < WARM_UP_ANSWERS || measured.answered === measured.attempts) return progressive;
  const answerRate = (measured.answered + ANSWERS_ASSUMED) / (measured.attempts + ANSWERS_ASSUMED);
  const window = state.attempts.filter((attempt) => attempt.at > snapshot.now - settings.windowMs);
  const handlingKnown = state.talkMs.length >= WARM_UP_HANDLED;
  const free = countDistribution(handlingKnown ? chancesOfFreeing(state, snapshot, measured.meanRingToAnswerMs) : []);
  const ringingChances = snapshot.ringingSince.map((since) => answerChanceAfter(window, snapshot.now - since, answerRate));
  const abandonsWith = (dialled: number) =>
    expectedAbandons(
      countDistribution([...ringingChances, ...new Array<number>(dialled).fill(answerRate)]),
      free,
      snapshot.waiting,
      snapshot.idleAgents,
    );
  let abandons = abandonsWith(0);
  const aim = aimFromBudget(measured, abandons, settings.abandonRateTarget);
  const agents = snapshot.idleAgents + snapshot.busyAgents.length;
  let dial = 0;
  while (ringing + dial < agents * MAX_RINGING_PER_AGENT) {
    const next = abandonsWith(dial + 1);
    // The next call's own chance of being abandoned, once answered.
    if ((next - abandons) / answerRate > aim) break;
    abandons = next;
    dial += 1;
  }
  return Math.max(progressive, dial);
}
