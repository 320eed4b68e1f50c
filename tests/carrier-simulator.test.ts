/** The carrier simulator against the TelephonyDriver contract, driven by a ManualClock; then its control API. */
import { afterEach, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import * as v from 'valibot';
import { ManualClock } from '@agentsdk/gateway';
import { CarrierSimulator } from '../packages/gateway/src/adapters/simulator/carrier-simulator.js';
import type { DialRequest, Party, TelephonyEvent } from '../packages/gateway/src/ports/telephony.js';
import { TenantDirectory } from '../packages/gateway/src/application/tenant-directory.js';
import { TenantConfigSchema } from '../packages/gateway/src/domain/tenant.js';
import { registerSimulatorRoutes } from '../packages/gateway/src/transport/simulator-routes.js';

const TENANT = 'demo';
const CUSTOMER = '13900000001';
const AGENT_PHONE = '13600000000';

/** Lets pending deliveries (setImmediate) run. */
const delivered = () => new Promise<void>((resolve) => setImmediate(resolve));

let simulator: CarrierSimulator;
afterEach(() => simulator?.close());

function start() {
  const clock = new ManualClock();
  simulator = new CarrierSimulator({ clock });
  const events: TelephonyEvent[] = [];
  simulator.subscribe((event) => events.push(event));
  const advance = async (ms: number) => {
    clock.advance(ms);
    await delivered();
  };
  return { clock, sim: simulator, events, advance, t0: clock.now() };
}

let legCounter = 0;
function dialRequest(address: string, party: Party, overrides: Partial<DialRequest> = {}): DialRequest {
  legCounter += 1;
  return {
    legId: `leg-${legCounter}`,
    callId: `call-${legCounter}`,
    tenantId: TENANT,
    destination: { kind: 'pstn', address, party },
    callerId: '4000000000',
    timeoutMs: 30_000,
    ...overrides,
  };
}

/** A customer's call into queue 0, answered by the gateway. */
async function answeredInbound(sim: CarrierSimulator) {
  const inbound = sim.placeInboundCall({ tenantId: TENANT, queueNo: '0', from: CUSTOMER });
  await sim.answer(inbound.legId);
  await delivered();
  return inbound;
}

/** An agent leg dialled into `callId` and answered (after the agent default of 300 ms). */
async function answeredAgent(sim: CarrierSimulator, advance: (ms: number) => Promise<void>, callId: string, address = AGENT_PHONE) {
  const request = dialRequest(address, 'agent', { callId });
  await sim.dial(request);
  await advance(300);
  return request.legId;
}

function legOf(sim: CarrierSimulator, callId: string, legId: string) {
  const leg = sim.getCall(TENANT, callId)?.legs.find((candidate) => candidate.legId === legId);
  if (!leg) throw new Error(`no leg ${legId} in call ${callId}`);
  return leg;
}

describe('carrier simulator: dialling', () => {
  it('rings at once and answers after the configured delay', async () => {
    const { sim, events, advance, t0 } = start();
    sim.setBehaviour(TENANT, CUSTOMER, { behavior: 'answer', answerAfterMs: 2_000 });
    const request = dialRequest(CUSTOMER, 'customer');
    await sim.dial(request);
    await delivered();
    expect(events).toEqual([{ type: 'ringing', legId: request.legId }]);
    expect(legOf(sim, request.callId, request.legId)).toMatchObject({
      state: 'ringing',
      party: 'customer',
      number: CUSTOMER,
      startedAt: t0,
    });
    await advance(1_999);
    expect(events).toHaveLength(1);
    await advance(1);
    expect(events).toEqual([
      { type: 'ringing', legId: request.legId },
      { type: 'answered', legId: request.legId },
    ]);
    expect(legOf(sim, request.callId, request.legId)).toMatchObject({ state: 'answered', answeredAt: t0 + 2_000 });
  });

  it('answers after 300 ms for an agent and 1000 ms for a customer by default; nobody hangs up by themselves', async () => {
    const { sim, events, advance } = start();
    const agent = dialRequest(AGENT_PHONE, 'agent');
    const customer = dialRequest(CUSTOMER, 'customer');
    await sim.dial(agent);
    await sim.dial(customer);
    await advance(300);
    expect(events.filter((event) => event.type === 'answered')).toEqual([{ type: 'answered', legId: agent.legId }]);
    await advance(700);
    expect(events.filter((event) => event.type === 'answered')).toHaveLength(2);
    await advance(3_600_000);
    expect(events.some((event) => event.type === 'ended')).toBe(false);
    expect(sim.behaviourOf(TENANT, 'unset')).toEqual({ behavior: 'answer', answerAfterMs: 1_000, hangupAfterMs: null });
    expect(sim.behaviourOf(TENANT, 'unset', 'agent')).toEqual({ behavior: 'answer', answerAfterMs: 300, hangupAfterMs: null });
  });

  it('ends a busy number shortly, without ringing', async () => {
    const { sim, events, advance } = start();
    sim.setBehaviour(TENANT, CUSTOMER, { behavior: 'busy' });
    const request = dialRequest(CUSTOMER, 'customer');
    await sim.dial(request);
    await advance(49);
    expect(events).toEqual([]);
    expect(legOf(sim, request.callId, request.legId).state).toBe('dialing');
    await advance(1);
    expect(events).toEqual([{ type: 'ended', legId: request.legId, cause: 'busy' }]);
  });

  it('ends an unanswered leg with noAnswer at the dial timeout, also when the phone would answer later', async () => {
    const { sim, events, advance } = start();
    sim.setBehaviour(TENANT, CUSTOMER, { behavior: 'no-answer' });
    sim.setBehaviour(TENANT, AGENT_PHONE, { behavior: 'answer', answerAfterMs: 20_000 });
    const silent = dialRequest(CUSTOMER, 'customer', { timeoutMs: 15_000 });
    const slow = dialRequest(AGENT_PHONE, 'agent', { timeoutMs: 15_000 });
    await sim.dial(silent);
    await sim.dial(slow);
    await advance(14_999);
    expect(events.map((event) => event.type)).toEqual(['ringing', 'ringing']);
    await advance(1);
    expect(events.slice(2)).toEqual([
      { type: 'ended', legId: silent.legId, cause: 'noAnswer' },
      { type: 'ended', legId: slow.legId, cause: 'noAnswer' },
    ]);
    await advance(10_000);
    expect(events).toHaveLength(4);
  });

  it('rings, then rejects after answerAfterMs', async () => {
    const { sim, events, advance } = start();
    sim.setBehaviour(TENANT, CUSTOMER, { behavior: 'reject', answerAfterMs: 4_000 });
    const request = dialRequest(CUSTOMER, 'customer');
    await sim.dial(request);
    await advance(3_999);
    expect(events).toEqual([{ type: 'ringing', legId: request.legId }]);
    await advance(1);
    expect(events[1]).toEqual({ type: 'ended', legId: request.legId, cause: 'rejected' });
  });

  it('fails an invalid number, which is not reachable', async () => {
    const { sim, events, advance } = start();
    sim.setBehaviour(TENANT, '8001', { behavior: 'invalid' });
    const destination = { kind: 'extension', address: '8001', party: 'agent' } as const;
    expect(await sim.isReachable(TENANT, destination)).toBe(false);
    expect(await sim.isReachable('other-tenant', destination)).toBe(true);
    expect(await sim.isReachable(TENANT, { ...destination, address: '8002' })).toBe(true);
    const request = dialRequest('8001', 'agent', { destination });
    await sim.dial(request);
    await advance(50);
    expect(events).toEqual([{ type: 'ended', legId: request.legId, cause: 'invalid' }]);
  });

  it('hangs up by itself hangupAfterMs after answering', async () => {
    const { sim, events, advance } = start();
    sim.setBehaviour(TENANT, CUSTOMER, { behavior: 'answer', answerAfterMs: 500, hangupAfterMs: 10_000 });
    const request = dialRequest(CUSTOMER, 'customer');
    await sim.dial(request);
    await advance(500 + 9_999);
    expect(events.map((event) => event.type)).toEqual(['ringing', 'answered']);
    await advance(1);
    expect(events[2]).toEqual({ type: 'ended', legId: request.legId, cause: 'normal' });
  });

  it('refuses a leg id that is already in use', async () => {
    const { sim } = start();
    const request = dialRequest(CUSTOMER, 'customer');
    await sim.dial(request);
    await expect(sim.dial({ ...request, callId: 'another-call' })).rejects.toThrow(/already exists/);
  });
});

describe('carrier simulator: calls into a queue', () => {
  it('announces an incoming call and answers it when the gateway answers', async () => {
    const { sim, events, t0, advance } = start();
    const { callId, legId } = sim.placeInboundCall({ tenantId: TENANT, queueNo: '0', from: CUSTOMER });
    await delivered();
    expect(events).toEqual([{ type: 'incoming', tenantId: TENANT, callId, legId, from: CUSTOMER, queueNo: '0' }]);
    expect(sim.listCalls(TENANT)).toEqual([
      {
        callId,
        legs: [
          {
            legId,
            party: 'customer',
            number: CUSTOMER,
            direction: 'inbound',
            state: 'ringing',
            held: false,
            muted: { in: false, out: false },
            hears: [],
            hearsMusic: false,
            prompts: [],
            digitsReceived: '',
            startedAt: t0,
          },
        ],
      },
    ]);
    await advance(5);
    await sim.answer(legId);
    await sim.answer(legId);
    await delivered();
    expect(events.slice(1)).toEqual([{ type: 'answered', legId }]);
    expect(legOf(sim, callId, legId)).toMatchObject({ state: 'answered', answeredAt: t0 + 5 });
  });

  it('does not let the gateway answer a leg it dialled', async () => {
    const { sim, events } = start();
    const request = dialRequest(CUSTOMER, 'customer');
    await sim.dial(request);
    await sim.answer(request.legId);
    await delivered();
    expect(events).toEqual([{ type: 'ringing', legId: request.legId }]);
  });

  it('lets the caller hang up after a set time once answered', async () => {
    const { sim, events, advance } = start();
    sim.setBehaviour(TENANT, CUSTOMER, { behavior: 'answer', hangupAfterMs: 60_000 });
    const { legId } = await answeredInbound(sim);
    await advance(60_000);
    expect(events.at(-1)).toEqual({ type: 'ended', legId, cause: 'normal' });
  });
});

describe('carrier simulator: audio paths', () => {
  it('bridges two answered legs so each hears the other', async () => {
    const { sim, advance } = start();
    const customer = await answeredInbound(sim);
    const agentLeg = await answeredAgent(sim, advance, customer.callId);
    expect(legOf(sim, customer.callId, agentLeg).hears).toEqual([]);
    await sim.connect([customer.legId, agentLeg]);
    expect(legOf(sim, customer.callId, customer.legId)).toMatchObject({ hears: [agentLeg], hearsMusic: false });
    expect(legOf(sim, customer.callId, agentLeg)).toMatchObject({ hears: [customer.legId], hearsMusic: false });
  });

  it('does not carry audio to or from a leg that is still ringing', async () => {
    const { sim } = start();
    const customer = await answeredInbound(sim);
    const ringing = dialRequest(AGENT_PHONE, 'agent', { callId: customer.callId });
    await sim.dial(ringing);
    await sim.connect([customer.legId, ringing.legId]);
    expect(legOf(sim, customer.callId, customer.legId).hears).toEqual([]);
    expect(legOf(sim, customer.callId, ringing.legId).hears).toEqual([]);
  });

  it('plays music to a held leg, which nobody hears', async () => {
    const { sim, advance } = start();
    const customer = await answeredInbound(sim);
    const agentLeg = await answeredAgent(sim, advance, customer.callId);
    await sim.connect([customer.legId, agentLeg]);
    await sim.setHold(customer.legId, true);
    expect(legOf(sim, customer.callId, customer.legId)).toMatchObject({ held: true, hears: [], hearsMusic: true });
    expect(legOf(sim, customer.callId, agentLeg)).toMatchObject({ hears: [], hearsMusic: false });
    await sim.setHold(customer.legId, false);
    expect(legOf(sim, customer.callId, customer.legId)).toMatchObject({ held: false, hears: [agentLeg], hearsMusic: false });
  });

  it('mutes in, out or both ways', async () => {
    const { sim, advance } = start();
    const customer = await answeredInbound(sim);
    const agentLeg = await answeredAgent(sim, advance, customer.callId);
    await sim.connect([customer.legId, agentLeg]);
    const hears = () => [legOf(sim, customer.callId, customer.legId).hears, legOf(sim, customer.callId, agentLeg).hears];

    await sim.setMute(agentLeg, 'out', true);
    expect(hears()).toEqual([[], [customer.legId]]);
    expect(legOf(sim, customer.callId, agentLeg).muted).toEqual({ in: false, out: true });
    await sim.setMute(agentLeg, 'out', false);
    await sim.setMute(agentLeg, 'in', true);
    expect(hears()).toEqual([[agentLeg], []]);
    await sim.setMute(agentLeg, 'all', true);
    expect(hears()).toEqual([[], []]);
    expect(legOf(sim, customer.callId, agentLeg).muted).toEqual({ in: true, out: true });
    await sim.setMute(agentLeg, 'all', false);
    expect(hears()).toEqual([[agentLeg], [customer.legId]]);
  });

  it('conferences three legs and moves a leg out of its previous conversation', async () => {
    const { sim, advance } = start();
    const customer = await answeredInbound(sim);
    const agentLeg = await answeredAgent(sim, advance, customer.callId);
    const consultLeg = await answeredAgent(sim, advance, customer.callId, '13700000000');
    await sim.connect([customer.legId, agentLeg]);
    await sim.connect([agentLeg, consultLeg]);
    expect(legOf(sim, customer.callId, customer.legId).hears).toEqual([]);
    expect(legOf(sim, customer.callId, agentLeg).hears).toEqual([consultLeg]);
    await sim.connect([customer.legId, agentLeg, consultLeg]);
    expect(legOf(sim, customer.callId, customer.legId).hears.sort()).toEqual([agentLeg, consultLeg].sort());
    expect(legOf(sim, customer.callId, consultLeg).hears.sort()).toEqual([customer.legId, agentLeg].sort());
    await sim.hangup(consultLeg, 'normal');
    expect(legOf(sim, customer.callId, customer.legId).hears).toEqual([agentLeg]);
  });
});

describe('carrier simulator: prompts, digits and hanging up', () => {
  it('records prompts played and digits sent to a leg, in order', async () => {
    const { sim } = start();
    const { callId, legId } = await answeredInbound(sim);
    await sim.play(legId, 'welcome.wav');
    await sim.play(legId, 'Please hold');
    await sim.sendDtmf(legId, '12', { durationMs: 100, gapMs: 50 });
    await sim.sendDtmf(legId, '#', { durationMs: 100, gapMs: 50 });
    expect(legOf(sim, callId, legId)).toMatchObject({ prompts: ['welcome.wav', 'Please hold'], digitsReceived: '12#' });
  });

  it('lets the customer press keys and hang up, and says false for a call it does not have', async () => {
    const { sim, events } = start();
    const { callId, legId } = await answeredInbound(sim);
    expect(sim.customerPressesDigits(TENANT, callId, '5#')).toBe(true);
    expect(sim.customerHangup(TENANT, callId)).toBe(true);
    await delivered();
    expect(events.slice(-2)).toEqual([
      { type: 'dtmf', legId, digits: '5#' },
      { type: 'ended', legId, cause: 'normal' },
    ]);
    expect(sim.customerHangup(TENANT, callId)).toBe(false);
    expect(sim.customerPressesDigits(TENANT, callId, '1')).toBe(false);
    expect(sim.customerHangup(TENANT, 'no-such-call')).toBe(false);
    expect(sim.customerPressesDigits(TENANT, 'no-such-call', '1')).toBe(false);
  });

  it("does not act on another tenant's call, nor press keys before the call is answered", async () => {
    const { sim, events } = start();
    const { callId } = sim.placeInboundCall({ tenantId: TENANT, queueNo: '0', from: CUSTOMER });
    expect(sim.customerHangup('other-tenant', callId)).toBe(false);
    expect(sim.customerPressesDigits(TENANT, callId, '1')).toBe(false);
    expect(sim.getCall('other-tenant', callId)).toBeUndefined();
    expect(sim.listCalls('other-tenant')).toEqual([]);
    await delivered();
    expect(events.map((event) => event.type)).toEqual(['incoming']);
  });

  it('reports a hang-up once, with its cause, and ignores later operations on the leg', async () => {
    const { sim, events, advance } = start();
    const request = dialRequest(CUSTOMER, 'customer');
    await sim.dial(request);
    await sim.hangup(request.legId, 'cancelled');
    await sim.hangup(request.legId, 'normal');
    await sim.setHold(request.legId, true);
    await sim.play(request.legId, 'too late');
    await advance(60_000);
    expect(events).toEqual([
      { type: 'ringing', legId: request.legId },
      { type: 'ended', legId: request.legId, cause: 'cancelled' },
    ]);
  });

  it('ignores operations on unknown legs', async () => {
    const { sim, events } = start();
    await sim.answer('nope');
    await sim.connect(['nope', 'nada']);
    await sim.setHold('nope', true);
    await sim.setMute('nope', 'all', true);
    await sim.play('nope', 'x');
    await sim.sendDtmf('nope', '1', { durationMs: 100, gapMs: 50 });
    await sim.hangup('nope', 'normal');
    await delivered();
    expect(events).toEqual([]);
  });
});

describe('carrier simulator: delivery and memory', () => {
  it('never delivers an event inside the call that caused it, and keeps the order', async () => {
    const { sim, clock, events } = start();
    const request = dialRequest(CUSTOMER, 'customer');
    await sim.dial(request);
    expect(events).toEqual([]);
    clock.advance(1_000);
    expect(events).toEqual([]);
    await sim.hangup(request.legId, 'normal');
    expect(events).toEqual([]);
    await delivered();
    expect(events.map((event) => event.type)).toEqual(['ringing', 'answered', 'ended']);
  });

  it('delivers events a handler causes after that handler returns, to every subscriber', async () => {
    const { sim, events } = start();
    const seenByHangingUp: string[] = [];
    const seenInsideHandler: string[] = [];
    let insideHandler = false;
    sim.subscribe((event) => {
      seenByHangingUp.push(event.type);
      if (event.type !== 'incoming') return;
      insideHandler = true;
      void sim.hangup(event.legId, 'rejected');
      insideHandler = false;
    });
    sim.subscribe((event) => {
      if (insideHandler) seenInsideHandler.push(event.type);
    });
    sim.placeInboundCall({ tenantId: TENANT, queueNo: '0', from: CUSTOMER });
    await delivered();
    await delivered();
    expect(seenInsideHandler).toEqual([]);
    expect(events.map((event) => event.type)).toEqual(['incoming', 'ended']);
    expect(seenByHangingUp).toEqual(['incoming', 'ended']);
  });

  it('keeps delivering to the other subscribers when one throws', async () => {
    const clock = new ManualClock();
    const errors: unknown[] = [];
    simulator = new CarrierSimulator({ clock, onHandlerError: (error) => errors.push(error) });
    const seen: string[] = [];
    simulator.subscribe(() => {
      throw new Error('handler bug');
    });
    simulator.subscribe((event) => seen.push(event.type));
    simulator.placeInboundCall({ tenantId: TENANT, queueNo: '0', from: CUSTOMER });
    await delivered();
    expect(seen).toEqual(['incoming']);
    expect(errors).toEqual([new Error('handler bug')]);
  });

  it('stops delivering to an unsubscribed handler', async () => {
    const { sim } = start();
    const seen: TelephonyEvent[] = [];
    const unsubscribe = sim.subscribe((event) => seen.push(event));
    unsubscribe();
    sim.placeInboundCall({ tenantId: TENANT, queueNo: '0', from: CUSTOMER });
    await delivered();
    expect(seen).toEqual([]);
  });

  it('keeps a call listed while a leg is live, then forgets it', async () => {
    const { sim, advance } = start();
    const customer = await answeredInbound(sim);
    const agentLeg = await answeredAgent(sim, advance, customer.callId);
    await sim.hangup(agentLeg, 'normal');
    expect(sim.listCalls(TENANT)).toHaveLength(1);
    expect(legOf(sim, customer.callId, agentLeg)).toMatchObject({ state: 'ended', endCause: 'normal', hears: [] });
    sim.customerHangup(TENANT, customer.callId);
    expect(sim.listCalls(TENANT)).toEqual([]);
    expect(sim.getCall(TENANT, customer.callId)).toBeUndefined();
  });

  it('cancels its timers and drops its handlers when closed', async () => {
    const { sim, events, advance } = start();
    await sim.dial(dialRequest(CUSTOMER, 'customer'));
    await sim.close();
    await advance(60_000);
    expect(events).toEqual([]);
    expect(sim.listCalls(TENANT)).toEqual([]);
  });
});

describe('carrier simulator control API', () => {
  const API_KEY = 'test-api-key';

  async function startApi() {
    const { sim, advance } = start();
    const tenant = v.parse(TenantConfigSchema, {
      tenantId: TENANT,
      name: 'Demo',
      apiKey: API_KEY,
      agents: [],
      queues: [{ queueNo: '0', name: 'Sales' }],
      pauseReasons: [],
      extensions: ['8001'],
    });
    const app = Fastify({ logger: false });
    registerSimulatorRoutes(app, new TenantDirectory([tenant]), sim);
    await app.ready();
    const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, apiKey = API_KEY) => {
      const response = await app.inject({ method, url, payload, headers: { authorization: `Bearer ${apiKey}` } });
      return { status: response.statusCode, body: response.body ? response.json() : undefined };
    };
    return { sim, advance, app, call };
  }

  it('places a call into a queue and lists it', async () => {
    const { app, call } = await startApi();
    const placed = await call('POST', '/api/v1/tenants/demo/sim/inbound', { queueNo: '0', from: CUSTOMER });
    expect(placed.status).toBe(201);
    const listed = await call('GET', '/api/v1/tenants/demo/sim/calls');
    expect(listed.status).toBe(200);
    expect(listed.body.calls).toMatchObject([
      { callId: placed.body.callId, legs: [{ party: 'customer', number: CUSTOMER, state: 'ringing' }] },
    ]);
    await app.close();
  });

  it('names the field of a bad body and refuses an unknown queue or key', async () => {
    const { app, call } = await startApi();
    const inbound = '/api/v1/tenants/demo/sim/inbound';
    expect(await call('POST', inbound, { queueNo: '0', from: 'abc' })).toEqual({
      status: 400,
      body: { error: { code: 'bad_request', message: 'from must be a phone number (digits, optional leading +, 3-20)' } },
    });
    expect((await call('POST', inbound, { from: CUSTOMER })).body.error.message).toBe('queueNo is required');
    expect((await call('POST', inbound, { queueNo: '0', from: CUSTOMER, extra: 1 })).body.error.message).toBe('extra is not a known field');
    expect(await call('POST', inbound, { queueNo: '9', from: CUSTOMER })).toEqual({
      status: 404,
      body: { error: { code: 'no_such_queue', message: 'no such queue: 9' } },
    });
    expect((await call('POST', inbound, { queueNo: '0', from: CUSTOMER }, 'wrong-key')).status).toBe(401);
    await app.close();
  });

  it('sets and reads a number’s behaviour, with defaults by who the number is', async () => {
    const { app, call } = await startApi();
    expect(await call('GET', '/api/v1/tenants/demo/sim/numbers/8001')).toEqual({
      status: 200,
      body: { behavior: 'answer', answerAfterMs: 300, hangupAfterMs: null },
    });
    expect((await call('GET', `/api/v1/tenants/demo/sim/numbers/${CUSTOMER}`)).body).toEqual({
      behavior: 'answer',
      answerAfterMs: 1_000,
      hangupAfterMs: null,
    });
    const put = await call('PUT', `/api/v1/tenants/demo/sim/numbers/${CUSTOMER}`, { behavior: 'reject', hangupAfterMs: 5_000 });
    expect(put).toEqual({ status: 200, body: { behavior: 'reject', answerAfterMs: 1_000, hangupAfterMs: 5_000 } });
    expect((await call('GET', `/api/v1/tenants/demo/sim/numbers/${CUSTOMER}`)).body).toEqual(put.body);
    expect((await call('PUT', `/api/v1/tenants/demo/sim/numbers/${CUSTOMER}`, { behavior: 'sleep' })).body.error.message).toMatch(
      /^behavior must be one of/,
    );
    expect(
      (await call('PUT', `/api/v1/tenants/demo/sim/numbers/${CUSTOMER}`, { behavior: 'answer', answerAfterMs: 120_001 })).body.error
        .message,
    ).toBe('answerAfterMs must be between 0 and 120000');
    await app.close();
  });

  it('hangs up and presses keys as the customer', async () => {
    const { sim, app, call } = await startApi();
    const { callId, legId } = sim.placeInboundCall({ tenantId: TENANT, queueNo: '0', from: CUSTOMER });
    expect((await call('POST', `/api/v1/tenants/demo/sim/calls/${callId}/dtmf`, { digits: '1' })).status).toBe(404);
    await sim.answer(legId);
    expect((await call('POST', `/api/v1/tenants/demo/sim/calls/${callId}/dtmf`, { digits: '12x' })).body.error.message).toBe(
      'digits must be 1-32 of 0-9, *, #, A-D',
    );
    expect(await call('POST', `/api/v1/tenants/demo/sim/calls/${callId}/dtmf`, { digits: '12#' })).toEqual({
      status: 200,
      body: { pressed: true },
    });
    expect(await call('POST', `/api/v1/tenants/demo/sim/calls/${callId}/hangup`)).toEqual({ status: 200, body: { hungUp: true } });
    expect((await call('POST', `/api/v1/tenants/demo/sim/calls/${callId}/hangup`)).body.error.code).toBe('no_such_call');
    await app.close();
  });
});
