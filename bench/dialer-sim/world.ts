/**
 * A simulated outbound campaign on a virtual clock: customers who answer (or not) after a ring time, agents who talk
 * and wrap up for times drawn from log-normal distributions, and a dialer that is either progressive (one call per
 * free agent, the agent's phone first) or predictive (the pure pacing module of the gateway,
 * packages/gateway/src/domain/dialer-pacing.ts, deciding every second and at every change).
 */
import {
  ABANDON_AFTER_MS,
  callsToDial,
  DEFAULT_PACING_WINDOW_MS,
  measure,
  NEW_PACING_STATE,
  recordAttempt,
  recordHandling,
  type PacingSettings,
  type PacingState,
} from '../../packages/gateway/src/domain/dialer-pacing.js';
import { EventQueue } from './event-queue.js';
import { seededRandom, type Random } from './random.js';

export interface WorldProfile {
  /** Share of dialled customers who answer. */
  answerRate: number;
  /** Share of dialled numbers that fail before ringing (busy, invalid). */
  failFastRate: number;
  failFastMs: number;
  ringToAnswer: { median: number; sigma: number };
  /** The carrier gives up ringing after this long (no answer). */
  noAnswerTimeoutMs: number;
  talk: { median: number; sigma: number };
  wrapup: { median: number; sigma: number };
  /** Progressive: the agent's phone rings first, for this long. */
  agentAnswerMs: number;
}

/** Typical of B2C outbound: about 1 in 4 dials reaches a person; calls of 2 minutes or so; a short wrap-up. */
export const TYPICAL_OUTBOUND: WorldProfile = {
  answerRate: 0.2,
  failFastRate: 0.1,
  failFastMs: 3_000,
  ringToAnswer: { median: 9_000, sigma: 0.45 },
  noAnswerTimeoutMs: 25_000,
  talk: { median: 100_000, sigma: 0.6 },
  wrapup: { median: 15_000, sigma: 0.5 },
  agentAnswerMs: 2_000,
};

export interface SimulationOptions {
  mode: 'progressive' | 'predictive';
  numbers: number;
  agents: number;
  seed: number;
  profile: WorldProfile;
  abandonRateTarget: number;
  /** Attempts per number when a customer was abandoned (the retry policy). */
  abandonedAttempts?: number;
}

export interface SimulationResult {
  mode: SimulationOptions['mode'];
  agents: number;
  numbers: number;
  dials: number;
  answered: number;
  connected: number;
  abandoned: number;
  /** Abandoned ÷ answered over the whole run. */
  abandonRate: number;
  /** The highest abandon rate of the pacing's 30-minute sliding window, once a full window has passed. */
  worstWindowAbandonRate: number;
  /** (talk + wrap-up) ÷ staffed time, until the list ran out. */
  occupancy: number;
  /** Talk ÷ staffed time. */
  talkShare: number;
  connectedPerAgentHour: number;
  staffedHours: number;
}

type AgentState = 'idle' | 'reserved' | 'talking' | 'wrapup';
interface Agent {
  state: AgentState;
  since: number;
  talkMs: number;
}
interface Customer {
  number: number;
  dialledAt: number;
  attempt: number;
}
type WorldEvent =
  | { type: 'tick' }
  | { type: 'agentAnswers'; agent: number; customer: Customer }
  | { type: 'answer'; customer: Customer; agent?: number }
  | { type: 'unanswered'; customer: Customer; agent?: number }
  | { type: 'abandonCheck'; customer: Customer }
  | { type: 'talkEnds'; agent: number }
  | { type: 'wrapupEnds'; agent: number };

const TICK_MS = 1_000;

export function simulate(options: SimulationOptions): SimulationResult {
  const random: Random = seededRandom(options.seed);
  const { profile } = options;
  const settings: PacingSettings = { abandonRateTarget: options.abandonRateTarget, windowMs: DEFAULT_PACING_WINDOW_MS };
  const queue = new EventQueue<WorldEvent>();
  const agents: Agent[] = Array.from({ length: options.agents }, () => ({ state: 'idle', since: 0, talkMs: 0 }));
  const toDial: { number: number; attempt: number }[] = Array.from({ length: options.numbers }, (_, number) => ({ number, attempt: 1 }));
  const waiting: Customer[] = [];
  const segments: { from: number; to: number; talking: boolean }[] = [];
  let pacing: PacingState = NEW_PACING_STATE;
  let now = 0;
  const ringing = new Set<Customer>();
  /** The list ran out (retries of abandoned numbers aside): the staffed period measured ends. */
  let endAt: number | undefined;
  let lastDecisionAt = 0;
  const counts = { dials: 0, connected: 0, abandoned: 0, worstWindow: 0 };

  const setAgent = (index: number, state: AgentState) => {
    const agent = agents[index]!;
    if (agent.state === 'talking' || agent.state === 'wrapup')
      segments.push({ from: agent.since, to: now, talking: agent.state === 'talking' });
    agent.state = state;
    agent.since = now;
  };

  const attemptEnded = (customer: Customer, answered: boolean, abandoned: boolean) => {
    pacing = recordAttempt(pacing, { at: now, answered, abandoned, ringMs: now - customer.dialledAt }, settings);
    const measured = measure(pacing, now, settings);
    if (now >= settings.windowMs) counts.worstWindow = Math.max(counts.worstWindow, measured.abandonRate);
  };

  const dial = (agent?: number) => {
    const next = toDial.shift();
    if (!next) return false;
    counts.dials += 1;
    if (toDial.length === 0 && endAt === undefined) endAt = now;
    const customer: Customer = { ...next, dialledAt: now };
    if (agent !== undefined) {
      setAgent(agent, 'reserved');
      queue.push(now + profile.agentAnswerMs, { type: 'agentAnswers', agent, customer });
      return true;
    }
    ring(customer);
    return true;
  };

  const ring = (customer: Customer, agent?: number) => {
    customer.dialledAt = now;
    ringing.add(customer);
    const roll = random.next();
    if (roll < profile.failFastRate) {
      queue.push(now + profile.failFastMs, { type: 'unanswered', customer, agent });
      return;
    }
    const answers = roll < profile.failFastRate + profile.answerRate;
    const ringMs = random.logNormal(profile.ringToAnswer.median, profile.ringToAnswer.sigma);
    if (answers && ringMs < profile.noAnswerTimeoutMs) queue.push(now + ringMs, { type: 'answer', customer, agent });
    else queue.push(now + profile.noAnswerTimeoutMs, { type: 'unanswered', customer, agent });
  };

  const connect = (agent: number) => {
    setAgent(agent, 'talking');
    counts.connected += 1;
    queue.push(now + random.logNormal(profile.talk.median, profile.talk.sigma), { type: 'talkEnds', agent });
  };

  const agentFree = (agent: number) => {
    setAgent(agent, 'idle');
    const customer = waiting.shift();
    if (customer) {
      attemptEnded(customer, true, false);
      connect(agent);
    } else if (options.mode === 'progressive') dial(agent);
  };

  const pace = () => {
    if (options.mode !== 'predictive') return;
    const busyAgents = agents.flatMap((agent) =>
      agent.state === 'talking' || agent.state === 'wrapup' ? [{ phase: agent.state, since: agent.since }] : [],
    );
    const idleAgents = agents.filter((agent) => agent.state === 'idle').length;
    const count = callsToDial(
      pacing,
      { now, idleAgents, busyAgents, ringingSince: [...ringing].map((customer) => customer.dialledAt), waiting: waiting.length },
      settings,
    );
    for (let i = 0; i < count && dial(); i++);
  };

  const handle = (event: WorldEvent) => {
    switch (event.type) {
      case 'tick':
        if (toDial.length > 0 || ringing.size > 0) queue.push(now + TICK_MS, { type: 'tick' });
        return;
      case 'agentAnswers':
        ring(event.customer, event.agent);
        return;
      case 'unanswered':
        ringing.delete(event.customer);
        attemptEnded(event.customer, false, false);
        if (event.agent !== undefined) agentFree(event.agent);
        return;
      case 'answer': {
        ringing.delete(event.customer);
        if (event.agent !== undefined) {
          attemptEnded(event.customer, true, false);
          connect(event.agent);
          return;
        }
        const idle = agents.findIndex((agent) => agent.state === 'idle');
        if (idle >= 0) {
          attemptEnded(event.customer, true, false);
          connect(idle);
          return;
        }
        waiting.push(event.customer);
        queue.push(now + ABANDON_AFTER_MS, { type: 'abandonCheck', customer: event.customer });
        return;
      }
      case 'abandonCheck': {
        const index = waiting.indexOf(event.customer);
        if (index < 0) return;
        waiting.splice(index, 1);
        counts.abandoned += 1;
        attemptEnded(event.customer, true, true);
        // The customer hears the short message; the number is retried per policy, at the end of the list.
        if (event.customer.attempt < (options.abandonedAttempts ?? 2))
          toDial.push({ number: event.customer.number, attempt: event.customer.attempt + 1 });
        return;
      }
      case 'talkEnds': {
        const agent = agents[event.agent]!;
        agent.talkMs = now - agent.since;
        setAgent(event.agent, 'wrapup');
        queue.push(now + random.logNormal(profile.wrapup.median, profile.wrapup.sigma), { type: 'wrapupEnds', agent: event.agent });
        return;
      }
      case 'wrapupEnds': {
        const agent = agents[event.agent]!;
        pacing = recordHandling(pacing, { talkMs: agent.talkMs, wrapupMs: now - agent.since });
        agentFree(event.agent);
        return;
      }
    }
  };

  queue.push(0, { type: 'tick' });
  if (options.mode === 'progressive') for (const index of agents.keys()) dial(index);
  for (let next = queue.pop(); next; next = queue.pop()) {
    now = next.at;
    handle(next.event);
    // Every change is a decision; a tick is one only when no change came for a second.
    if (next.event.type !== 'tick' || now - lastDecisionAt >= TICK_MS) {
      pace();
      lastDecisionAt = now;
    }
  }
  for (let index = 0; index < agents.length; index++) setAgent(index, 'idle');

  const end = endAt ?? now;
  const staffedMs = options.agents * end;
  const within = (segment: { from: number; to: number }) => Math.max(0, Math.min(segment.to, end) - segment.from);
  const talkMs = segments.filter((segment) => segment.talking).reduce((sum, segment) => sum + within(segment), 0);
  const handlingMs = segments.reduce((sum, segment) => sum + within(segment), 0);
  const answered = counts.connected + counts.abandoned;
  return {
    mode: options.mode,
    agents: options.agents,
    numbers: options.numbers,
    dials: counts.dials,
    answered,
    connected: counts.connected,
    abandoned: counts.abandoned,
    abandonRate: answered === 0 ? 0 : counts.abandoned / answered,
    worstWindowAbandonRate: counts.worstWindow,
    occupancy: handlingMs / staffedMs,
    talkShare: talkMs / staffedMs,
    connectedPerAgentHour: counts.connected / (staffedMs / 3_600_000),
    staffedHours: staffedMs / 3_600_000,
  };
}
