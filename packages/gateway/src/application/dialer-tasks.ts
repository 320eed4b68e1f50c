/**
 * Outbound campaigns as the server API manages them: create, change, add numbers (each line accepted or refused with
 * its reason), inspect progress, download results. The tenant file's autoDialTasks are seeded once as tasks.
 */
import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import { DIALER_TASK_LIMITS, DialerNumberInputSchema } from '@agentsdk/protocol/dialer-tasks';
import type {
  AddDialerNumbersResult,
  CreateDialerTask,
  DialerTaskChange,
  DialerTaskView,
  PatchDialerTask,
  RejectedNumber,
} from '@agentsdk/protocol';
import { isDoNotCall, withTaskDefaults, type DialerNumberRecord, type DialerTaskRecord } from '../domain/dialer-campaign.js';
import { isRestricted, normalizeNumber } from '../domain/outbound-rules.js';
import type { TenantConfig } from '../domain/tenant.js';
import type { Clock } from '../ports/clock.js';
import type { DialerStore } from '../ports/store.js';

export type TaskRefusal = { ok: false; status: 400 | 404 | 409; code: string; message: string };
export type TaskResult<T> = { ok: true; value: T } | TaskRefusal;

/** One number as uploaded: its line (1-based index in a JSON list, or line number in a CSV body). */
export interface NumberLine {
  line: number;
  input: unknown;
  /** Why the line is refused before its fields are read (a CSV row with more columns than its header). */
  refusal?: string;
}

const notFound = (taskId: string): TaskRefusal => ({ ok: false, status: 404, code: 'not_found', message: `no task ${taskId}` });
const badRequest = (message: string): TaskRefusal => ({ ok: false, status: 400, code: 'bad_request', message });
const iso = (ms: number) => new Date(ms).toISOString();

/** A task's callerId must be one of the tenant's. */
function checkCallerId(tenant: TenantConfig, callerId: string | undefined): TaskRefusal | undefined {
  if (callerId === undefined || tenant.callerIds.some((id) => id.number === callerId)) return undefined;
  return badRequest(`callerId ${callerId} is not a caller ID of the tenant`);
}

export class DialerTasks {
  constructor(
    private readonly store: DialerStore,
    private readonly clock: Clock,
    /** Told after a task is created or changed (events, the dialer). */
    private readonly onChanged: (task: DialerTaskRecord, change: DialerTaskChange) => void = () => undefined,
  ) {}

  async create(tenant: TenantConfig, input: CreateDialerTask): Promise<TaskResult<DialerTaskView>> {
    const refusal = checkCallerId(tenant, input.callerId);
    if (refusal) return refusal;
    const now = this.clock.now();
    const task: DialerTaskRecord = {
      ...withTaskDefaults({ ...input, taskId: input.taskId ?? randomUUID() }),
      tenantId: tenant.tenantId,
      createdAt: now,
      updatedAt: now,
    };
    if (!(await this.store.createTask(task))) return { ok: false, status: 409, code: 'conflict', message: `task ${task.taskId} exists` };
    this.onChanged(task, 'changed');
    return { ok: true, value: await this.view(task) };
  }

  async patch(tenant: TenantConfig, taskId: string, patch: PatchDialerTask): Promise<TaskResult<DialerTaskView>> {
    const refusal = checkCallerId(tenant, patch.callerId ?? undefined);
    if (refusal) return refusal;
    const stored = await this.store.getTask(tenant.tenantId, taskId);
    if (!stored) return notFound(taskId);
    const task: DialerTaskRecord = { ...stored, updatedAt: this.clock.now() };
    for (const [field, value] of Object.entries(patch)) {
      if (value === null) delete (task as unknown as Record<string, unknown>)[field];
      else if (value !== undefined) (task as unknown as Record<string, unknown>)[field] = value;
    }
    if (!(await this.store.updateTask(task))) return notFound(taskId);
    this.onChanged(task, task.paused === stored.paused ? 'changed' : task.paused ? 'paused' : 'resumed');
    return { ok: true, value: await this.view(task) };
  }

  async get(tenant: TenantConfig, taskId: string): Promise<TaskResult<DialerTaskView>> {
    const task = await this.store.getTask(tenant.tenantId, taskId);
    return task ? { ok: true, value: await this.view(task) } : notFound(taskId);
  }

  async list(tenant: TenantConfig): Promise<DialerTaskView[]> {
    return Promise.all((await this.store.listTasks(tenant.tenantId)).map((task) => this.view(task)));
  }

  /** Adds the lines that are phone numbers the task may dial and does not have yet; says why each other line was refused. */
  async addNumbers(tenant: TenantConfig, taskId: string, lines: NumberLine[]): Promise<TaskResult<AddDialerNumbersResult>> {
    const task = await this.store.getTask(tenant.tenantId, taskId);
    if (!task) return notFound(taskId);
    if (lines.length > DIALER_TASK_LIMITS.numbersPerUpload)
      return badRequest(`at most ${DIALER_TASK_LIMITS.numbersPerUpload} numbers per upload`);
    const rejected: RejectedNumber[] = [];
    const candidates: { line: number; number: string; variables: Record<string, string> }[] = [];
    const seen = new Set<string>();
    for (const { line, input, refusal } of lines) {
      const checked = refusal === undefined ? this.checkLine(tenant, task, input, seen) : { ok: false as const, reason: refusal };
      if (checked.ok) {
        seen.add(checked.number);
        candidates.push({ line, ...checked });
      } else rejected.push({ line, ...(checked.number === undefined ? {} : { number: checked.number }), reason: checked.reason });
    }
    const added = await this.store.addNumbers(tenant.tenantId, taskId, candidates, this.clock.now());
    candidates.forEach((candidate, i) => {
      if (!added[i]) rejected.push({ line: candidate.line, number: candidate.number, reason: 'already in the task' });
    });
    rejected.sort((a, b) => a.line - b.line);
    if (added.some(Boolean)) this.onChanged(task, 'changed');
    return { ok: true, value: { accepted: added.filter(Boolean).length, rejected } };
  }

  /** Every number's life as CSV: number, state, attempts, last outcome and times, then the variables. */
  async results(tenant: TenantConfig, taskId: string): Promise<TaskResult<string>> {
    const task = await this.store.getTask(tenant.tenantId, taskId);
    if (!task) return notFound(taskId);
    const numbers = await this.store.listNumbers(tenant.tenantId, taskId);
    const variableNames = [...new Set(numbers.flatMap((number) => Object.keys(number.variables)))];
    const header = ['number', 'state', 'attempts', 'lastOutcome', 'lastAttemptAt', 'nextAttemptAt', 'callIds', ...variableNames];
    const rows = numbers.map((number) => [
      number.number,
      number.state,
      String(number.attempts),
      number.lastOutcome ?? '',
      lastAttemptAt(number),
      number.state === 'due' ? iso(number.nextAttemptAt) : '',
      number.history.flatMap((attempt) => (attempt.callId ? [attempt.callId] : [])).join(' '),
      ...variableNames.map((name) => number.variables[name] ?? ''),
    ]);
    return { ok: true, value: `${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n` };
  }

  /** The tenant file's tasks, created once with their numbers; a task the store already has is left as it is. */
  async seed(tenant: TenantConfig): Promise<void> {
    for (const seeded of tenant.autoDialTasks) {
      const now = this.clock.now();
      const { numbers, ...settings } = seeded;
      const task: DialerTaskRecord = { ...withTaskDefaults(settings), tenantId: tenant.tenantId, createdAt: now, updatedAt: now };
      if (!(await this.store.createTask(task))) continue;
      await this.store.addNumbers(
        tenant.tenantId,
        task.taskId,
        [...new Set(numbers)].map((number) => ({ number, variables: {} })),
        now,
      );
    }
  }

  private checkLine(
    tenant: TenantConfig,
    task: DialerTaskRecord,
    input: unknown,
    seen: Set<string>,
  ): { ok: true; number: string; variables: Record<string, string> } | { ok: false; number?: string; reason: string } {
    const parsed = v.safeParse(DialerNumberInputSchema, input);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const field = issue.path?.map((item) => String(item.key)).join('.') ?? 'the line';
      const raw = typeof (input as { number?: unknown } | null)?.number === 'string' ? (input as { number: string }).number : undefined;
      return {
        ok: false,
        ...(raw === undefined ? {} : { number: raw }),
        reason: issue.input === undefined ? `${field} is required` : `${field}: ${issue.message.split(':')[0]}`,
      };
    }
    const { number: raw, variables = {} } = parsed.output;
    if (Object.keys(variables).length > DIALER_TASK_LIMITS.variablesPerNumber) {
      return { ok: false, number: raw, reason: `at most ${DIALER_TASK_LIMITS.variablesPerNumber} variables` };
    }
    const normalized = normalizeNumber('number', raw);
    if (!normalized.ok) return { ok: false, number: raw, reason: 'not a phone number' };
    const number = normalized.value;
    if (seen.has(number)) return { ok: false, number, reason: 'repeated in this upload' };
    if (isDoNotCall(task, number)) return { ok: false, number, reason: "on the task's do-not-call list" };
    if (isRestricted(tenant, number)) return { ok: false, number, reason: "restricted by the tenant's number lists" };
    return { ok: true, number, variables };
  }

  private async view(task: DialerTaskRecord): Promise<DialerTaskView> {
    const { tenantId: _tenantId, createdAt, updatedAt, ...settings } = task;
    return {
      ...settings,
      createdAt: iso(createdAt),
      updatedAt: iso(updatedAt),
      progress: await this.store.progress(task.tenantId, task.taskId),
    };
  }
}

function lastAttemptAt(number: DialerNumberRecord): string {
  const last = number.history.at(-1);
  return last ? iso(last.at) : '';
}

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
