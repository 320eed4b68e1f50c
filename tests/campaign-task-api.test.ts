/** `/api/v1/tenants/{tenantId}/tasks`: outbound campaigns over the server API with the tenant API key. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY, startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.close());

const tasks = '/api/v1/tenants/demo/tasks';

async function postCsv(path: string, csv: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${DEMO_API_KEY}`, 'content-type': 'text/csv' },
    body: csv,
  });
  return { status: response.status, body: await response.json() };
}

describe('tasks', () => {
  it("seeds the tenant file's tasks with their numbers", async () => {
    const { status, body } = await gateway.api('GET', tasks);
    expect(status).toBe(200);
    expect(body.tasks.map((task: any) => [task.taskId, task.mode, task.progress.total])).toEqual([
      ['11', 'progressive', 3],
      ['12', 'preview', 2],
    ]);
  });

  it('creates a task with defaults, refuses a taken id, and changes its settings', async () => {
    const created = await gateway.api('POST', tasks, {
      taskId: 'renewals-q3',
      name: 'Renewals Q3',
      mode: 'predictive',
      callerId: '02188880000',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      taskId: 'renewals-q3',
      name: 'Renewals Q3',
      mode: 'predictive',
      callerId: '02188880000',
      maxAttempts: 3,
      abandonRateTarget: 0.03,
      doNotCall: [],
      paused: false,
      retryDelaySeconds: { busy: 300, noAnswer: 1800 },
      progress: { total: 0, dialled: 0, remaining: 0, outcomes: {} },
    });
    expect(Date.parse(created.body.createdAt)).toBeGreaterThan(0);
    expect((await gateway.api('POST', tasks, { taskId: 'renewals-q3', name: 'Again', mode: 'preview' })).status).toBe(409);

    const patched = await gateway.api('PATCH', `${tasks}/renewals-q3`, {
      mode: 'progressive',
      callingHours: { start: '09:00', end: '18:30' },
      maxAttempts: 5,
      retryDelaySeconds: { busy: 60 },
      doNotCall: ['13900009999'],
      paused: true,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      mode: 'progressive',
      name: 'Renewals Q3',
      callingHours: { start: '09:00', end: '18:30' },
      maxAttempts: 5,
      retryDelaySeconds: { busy: 60 },
      paused: true,
    });
    expect((await gateway.api('GET', `${tasks}/renewals-q3`)).body).toMatchObject({ mode: 'progressive', maxAttempts: 5 });
    const cleared = await gateway.api('PATCH', `${tasks}/renewals-q3`, { callingHours: null, callerId: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.callingHours).toBeUndefined();
    expect(cleared.body.callerId).toBeUndefined();
    expect(cleared.body).toMatchObject({ mode: 'progressive', maxAttempts: 5 });
  });

  it('generates a task id when none is given', async () => {
    const created = await gateway.api('POST', tasks, { name: 'Unnamed', mode: 'preview' });
    expect(created.status).toBe(201);
    expect(created.body.taskId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses bad task settings with the field named', async () => {
    const cases: [unknown, string][] = [
      [{ name: 'x', mode: 'robocall' }, 'mode'],
      [{ mode: 'preview' }, 'name is required'],
      [{ name: 'x', mode: 'preview', callerId: '02199990000' }, 'callerId 02199990000 is not a caller ID of the tenant'],
      [{ name: 'x', mode: 'preview', abandonRateTarget: 0.5 }, 'abandonRateTarget'],
      [{ name: 'x', mode: 'preview', callingHours: { start: '9am', end: '18:00' } }, 'callingHours.start'],
      [{ name: 'x', mode: 'preview', retryDelaySeconds: { answered: 10 } }, 'retryDelaySeconds.answered is not a known field'],
      [{ name: 'x', mode: 'preview', colour: 'red' }, 'colour is not a known field'],
      [{ taskId: 'has space', name: 'x', mode: 'preview' }, 'taskId'],
    ];
    for (const [body, message] of cases) {
      const refused = await gateway.api('POST', tasks, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error.message).toContain(message);
    }
    expect((await gateway.api('PATCH', `${tasks}/nope`, { paused: true })).status).toBe(404);
    const empty = await gateway.api('PATCH', `${tasks}/renewals-q3`, {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain('names no setting to change');
    expect((await gateway.api('GET', `${tasks}/nope`)).status).toBe(404);
  });

  it("answers only the tenant's API key", async () => {
    expect((await gateway.api('GET', tasks, undefined, 'wrong-key')).status).toBe(401);
    expect((await gateway.api('POST', tasks, { name: 'x', mode: 'preview' }, 'wrong-key')).status).toBe(401);
  });
});

describe('numbers', () => {
  beforeAll(async () => {
    await gateway.api('POST', tasks, { taskId: 'upload', name: 'Upload', mode: 'preview', doNotCall: ['13900000666'] });
  });

  it('adds JSON numbers with variables and reports each refused line with its reason', async () => {
    const { status, body } = await gateway.api('POST', `${tasks}/upload/numbers`, {
      numbers: [
        { number: '139 0000 0001', variables: { customerName: 'Ada', policy: 'P-1' } },
        { number: '13900000002' },
        { number: 'call me' },
        { number: '13900000001' },
        { number: '13900000666' },
        { variables: { customerName: 'nobody' } },
        { number: '13900000003', variables: { 'bad name': 'x' } },
        'not an object',
      ],
    });
    expect(status).toBe(200);
    expect(body).toEqual({
      accepted: 2,
      rejected: [
        { line: 3, number: 'call me', reason: 'not a phone number' },
        { line: 4, number: '13900000001', reason: 'repeated in this upload' },
        { line: 5, number: '13900000666', reason: "on the task's do-not-call list" },
        { line: 6, reason: 'number is required' },
        { line: 7, number: '13900000003', reason: expect.stringContaining('variables') },
        { line: 8, reason: expect.any(String) },
      ],
    });
    const again = await gateway.api('POST', `${tasks}/upload/numbers`, { numbers: [{ number: '13900000002' }] });
    expect(again.body).toEqual({ accepted: 0, rejected: [{ line: 1, number: '13900000002', reason: 'already in the task' }] });
    expect((await gateway.api('GET', `${tasks}/upload`)).body.progress).toEqual({ total: 2, dialled: 0, remaining: 2, outcomes: {} });
  });

  it('adds CSV numbers, the header naming the variables, reporting lines by their line number', async () => {
    const csv = [
      'number,customerName,policy',
      '13900000010,"Lovelace, Ada",P-10',
      '13900000011,Grace,',
      'oops,x,y',
      '13900000012,a,b,c',
      '',
    ].join('\n');
    const { status, body } = await postCsv(`${tasks}/upload/numbers`, csv);
    expect(status).toBe(200);
    expect(body).toEqual({
      accepted: 2,
      rejected: [
        { line: 4, number: 'oops', reason: 'not a phone number' },
        { line: 5, reason: '4 columns, the header has 3' },
      ],
    });
    const results = await fetch(`${gateway.url}${tasks}/upload/results`, { headers: { authorization: `Bearer ${DEMO_API_KEY}` } });
    expect(results.headers.get('content-type')).toContain('text/csv');
    const lines = (await results.text()).trim().split('\r\n');
    expect(lines[0]).toBe('number,state,attempts,lastOutcome,lastAttemptAt,nextAttemptAt,callIds,customerName,policy');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['13900000001', '13900000002', '13900000010', '13900000011']);
    expect(lines[3]).toContain('"Lovelace, Ada",P-10');
  });

  it('refuses an unreadable upload as a whole', async () => {
    expect((await postCsv(`${tasks}/upload/numbers`, 'phone,name\n13900000020,x\n')).body.error.message).toContain(
      'must start with the column "number"',
    );
    expect((await postCsv(`${tasks}/upload/numbers`, 'number,bad name\n13900000020,x\n')).body.error.message).toContain(
      'not a variable name',
    );
    expect((await postCsv(`${tasks}/upload/numbers`, 'number\n')).body.error.message).toContain('no numbers');
    expect((await postCsv(`${tasks}/upload/numbers`, 'number,x\n"unclosed,1\n')).status).toBe(400);
    expect((await gateway.api('POST', `${tasks}/upload/numbers`, { numbers: [] })).status).toBe(400);
    expect((await gateway.api('POST', `${tasks}/upload/numbers`, { numbers: 'x' })).body.error.message).toContain('numbers');
    expect((await gateway.api('POST', `${tasks}/nope/numbers`, { numbers: [{ number: '13900000020' }] })).status).toBe(404);
  });
});
