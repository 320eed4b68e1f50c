/**
 * Hostile input, generated: malformed frames, wrong types and out-of-range values for every operation of OPERATIONS,
 * huge strings, deep nesting, unknown actions, junk telemetry. The gateway answers a clear error or closes the socket
 * with a reason, never runs an operation on bad input, never changes an agent's state, and keeps answering /healthz.
 * Runs are bounded; FUZZ_SEED=<n> replays one.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { MAX_FRAME_BYTES, OPERATIONS, OPERATION_NAMES, isOperationName, validateParams, type OperationName } from '@agentsdk/protocol';
import { openSignedInRawSocket, type RawSocket } from './helpers/raw-socket.js';
import { RELAXED_RATE_LIMITS, startTestGateway, type TestGateway } from './helpers/test-gateway.js';

const SEED = Number(process.env.FUZZ_SEED ?? 4242);
const settings = (numRuns: number) => ({ seed: SEED, numRuns });

let gateway: TestGateway;
let supervisor: RawSocket;
let versionsBefore: (number | undefined)[];

const agentVersions = async () =>
  Promise.all(['1001', '1008'].map(async (agentNo) => (await gateway.services.store.agents.get('demo', agentNo))?.version));

beforeAll(async () => {
  gateway = await startTestGateway({ rateLimits: RELAXED_RATE_LIMITS });
  await openSignedInRawSocket(gateway, '1001');
  supervisor = await openSignedInRawSocket(gateway, '1008', { qids: 'demo:0,demo:1,demo:2' });
  versionsBefore = await agentVersions();
});
afterAll(async () => {
  // Nothing that was sent changed an agent, and the gateway still serves.
  expect(await agentVersions()).toEqual(versionsBefore);
  expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
  await gateway.close();
});

/** Values of every JSON type, at the edges that break naive checks. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, 0, 0.5, 1e12, -1e12, Number.MAX_SAFE_INTEGER + 2, 65536),
  fc.string({ maxLength: 40 }),
  fc.string({ minLength: 300, maxLength: 2_000 }),
  fc.constantFrom('', ' ', '\u0000', '\ud800', '<script>alert(1)</script>', "'; DROP TABLE calls;--", '../../etc/passwd', '1'.repeat(300)),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 8 }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
);

/** The parameter names an operation's schema knows, so generated objects hit real fields, not only unknown ones. */
function fieldsOf(schema: any): string[] {
  if (schema?.entries) return Object.keys(schema.entries);
  if (schema?.pipe) return fieldsOf(schema.pipe[0]);
  if (schema?.wrapped) return fieldsOf(schema.wrapped);
  if (schema?.options) return [...new Set<string>(schema.options.flatMap(fieldsOf))];
  return [];
}

function paramsFor(action: OperationName): fc.Arbitrary<unknown> {
  const fields = fieldsOf(OPERATIONS[action].schema);
  const named = fc.dictionary(fc.constantFrom(...fields, 'unknownField'), hostile, { maxKeys: fields.length + 1 });
  return fc.oneof(named, hostile, fc.constant(undefined));
}

/** The first frame the gateway sends, or how it closed the socket, after `frame` on a fresh unauthenticated socket. */
async function answerTo(frame: string | Buffer): Promise<{ frame?: any; close?: { code: number; reason: string } }> {
  const socket = new WebSocket(`${gateway.url.replace(/^http/, 'ws')}/ws?v=1`);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const answer = new Promise<{ frame?: any; close?: { code: number; reason: string } }>((resolve) => {
    socket.once('message', (data) => resolve({ frame: JSON.parse(data.toString()) }));
    socket.once('close', (code, reason) => resolve({ close: { code, reason: reason.toString() } }));
  });
  socket.send(frame);
  const result = await answer;
  socket.terminate();
  return result;
}

describe('malformed frames', () => {
  const frames = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? 'null'),
    fc
      .record(
        { type: fc.constantFrom('req', 'ping', 'res', 'evt', 'REQ', ''), id: hostile, action: hostile, params: hostile, ts: hostile },
        { requiredKeys: [] },
      )
      .map((value) => JSON.stringify(value)),
  );

  it('are answered with an error or closed with 4100 and a reason', async () => {
    await fc.assert(
      fc.asyncProperty(frames, async (text) => {
        const { frame, close } = await answerTo(text);
        if (close) {
          expect(close.code).toBe(4100);
          expect(close.reason).toMatch(/^bad frame: /);
        } else if (frame.type === 'res') {
          expect(frame).toMatchObject({ code: -1 });
          expect([20000, 30001, 30007]).toContain(frame.errorCode);
        } else {
          expect(frame.type).toBe('pong');
        }
      }),
      settings(150),
    );
  });

  it('closes on a binary frame', async () => {
    expect((await answerTo(Buffer.from([0x7b, 0x7d]))).close).toEqual({
      code: 4100,
      reason: 'bad frame: binary frames are not part of the protocol',
    });
  });
});

describe('bad parameters for every operation', () => {
  it.each(OPERATION_NAMES)('%s: refused with 20000 naming the problem, never run', async (action) => {
    await fc.assert(
      fc.asyncProperty(paramsFor(action), async (params) => {
        fc.pre(!validateParams(action, params).ok);
        const response = await supervisor.request(action, params);
        expect(response).toMatchObject({ type: 'res', code: -1, errorCode: 20000 });
        expect(response.message).toMatch(/^bad param: \S/);
      }),
      settings(20),
    );
  });
});

describe('unknown actions', () => {
  it('are answered with 30007', async () => {
    const unknown = fc.string({ minLength: 1, maxLength: 64 }).filter((action) => !isOperationName(action) && action !== 'resume');
    await fc.assert(
      fc.asyncProperty(unknown, hostile, async (action, params) => {
        expect(await supervisor.request(action, params)).toMatchObject({ code: -1, errorCode: 30007, action: `${action}Resp` });
      }),
      settings(60),
    );
  });
});

describe('size and depth limits', () => {
  const pause = (description: string) =>
    JSON.stringify({ type: 'req', id: 'big', action: 'pause', params: { pauseType: 1, pauseDescription: description } });

  it('answers a frame just under 64 KiB by validating it', async () => {
    const frame = pause('x'.repeat(MAX_FRAME_BYTES - pause('').length));
    expect(Buffer.byteLength(frame)).toBe(MAX_FRAME_BYTES);
    expect((await answerTo(frame)).frame).toMatchObject({ id: 'big', code: -1, errorCode: 20000 });
  });

  it('closes on a frame over 64 KiB, counted in bytes', async () => {
    expect((await answerTo(pause('x'.repeat(MAX_FRAME_BYTES)))).close?.code).toBe(1009);
    expect((await answerTo(pause('é'.repeat(MAX_FRAME_BYTES / 2)))).close?.code).toBe(1009);
  });

  const nested = (depth: number) =>
    `{"type":"req","id":"d","action":"pause","params":{"pauseType":1,"x":${'['.repeat(depth - 2)}${']'.repeat(depth - 2)}}}`;

  it('closes on JSON nested deeper than 32 levels before handling it', async () => {
    expect((await answerTo(nested(32))).frame).toMatchObject({ id: 'd', errorCode: 20000 });
    expect((await answerTo(nested(33))).close).toEqual({ code: 4100, reason: 'bad frame: nested deeper than 32 levels' });
    expect((await answerTo(nested(30_000))).close?.code).toBe(4100);
  });

  it('does not count brackets inside strings', async () => {
    expect((await answerTo(pause('['.repeat(100)))).frame).toMatchObject({ id: 'big', code: -1, errorCode: 20000 });
  });
});

describe('junk telemetry uploads', () => {
  it('are refused with 400 or 401, never a server error', async () => {
    const bodies = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? 'null'),
      fc.record({ sessionId: hostile, sessionKey: hostile, events: hostile }, { requiredKeys: [] }).map((value) => JSON.stringify(value)),
    );
    await fc.assert(
      fc.asyncProperty(bodies, fc.constantFrom('text/plain', 'application/json'), async (body, type) => {
        const response = await fetch(`${gateway.url}/api/v1/observability/events`, {
          method: 'POST',
          body,
          headers: { 'content-type': type },
        });
        expect([400, 401]).toContain(response.status);
        expect(await response.json()).toHaveProperty('error.code');
      }),
      settings(60),
    );
  });
});
