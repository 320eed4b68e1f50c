/** The task API as dialer tests use it: create a task with numbers, read its progress and its results. */
import { expect } from 'vitest';
import type { GatewayApi } from './test-gateway.js';

export interface TaskApi {
  create(task: Record<string, unknown>, numbers?: (string | { number: string; variables?: Record<string, string> })[]): Promise<any>;
  patch(taskId: string, changes: Record<string, unknown>): Promise<any>;
  addNumbers(taskId: string, numbers: (string | { number: string; variables?: Record<string, string> })[]): Promise<any>;
  get(taskId: string): Promise<any>;
  /** The results CSV as rows of named fields. */
  results(taskId: string): Promise<Record<string, string>[]>;
}

export function taskApi(gateway: GatewayApi, tenantId = 'demo'): TaskApi {
  const base = `/api/v1/tenants/${tenantId}/tasks`;
  const ok = (what: string, response: { status: number; body: any }) => {
    if (response.status >= 300) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const api: TaskApi = {
    async create(task, numbers = []) {
      const created = ok('create task', await gateway.api('POST', base, task));
      if (numbers.length > 0) await api.addNumbers(created.taskId, numbers);
      return created;
    },
    async patch(taskId, changes) {
      return ok('patch task', await gateway.api('PATCH', `${base}/${taskId}`, changes));
    },
    async addNumbers(taskId, numbers) {
      const added = ok(
        'add numbers',
        await gateway.api('POST', `${base}/${taskId}/numbers`, {
          numbers: numbers.map((n) => (typeof n === 'string' ? { number: n } : n)),
        }),
      );
      expect(added.rejected).toEqual([]);
      return added;
    },
    async get(taskId) {
      return ok('get task', await gateway.api('GET', `${base}/${taskId}`));
    },
    async results(taskId) {
      const response = await fetch(`${gateway.url}${base}/${taskId}/results`, { headers: { authorization: 'Bearer demo-api-key' } });
      const [header, ...rows] = (await response.text())
        .trim()
        .split('\r\n')
        .map((line) => line.split(','));
      return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i] ?? ''])));
    },
  };
  return api;
}

/** A calling-hours window around (or, with `offsetHours`, away from) the current UTC time. */
export function callingHoursAround(now: number, offsetHours = 0): { start: string; end: string } {
  const hour = (new Date(now).getUTCHours() + offsetHours + 24) % 24;
  const hhmm = (h: number) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
  return { start: hhmm(hour - 1), end: hhmm(hour + 2) };
}
