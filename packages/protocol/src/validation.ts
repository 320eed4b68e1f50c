/** Validates operation parameters with the shared schemas and names the failing field in the message. */
import * as v from 'valibot';
import { OPERATIONS, type OperationName, type ValidatedParams } from './operations.js';

export type ParamsValidation<K extends OperationName> =
  | { ok: true; value: ValidatedParams<K> }
  | { ok: false; field: string; message: string };

export function validateParams<K extends OperationName>(operation: K, params: unknown): ParamsValidation<K> {
  const result = v.safeParse(OPERATIONS[operation].schema, params);
  if (result.success) return { ok: true, value: result.output as ValidatedParams<K> };
  return describeIssue(result.issues[0]);
}

function describeIssue(issue: v.BaseIssue<unknown>): { ok: false; field: string; message: string } {
  const field = issue.path?.map((item) => String(item.key)).join('.') ?? 'params';
  if (issue.kind === 'schema' && issue.expected === 'never') {
    return { ok: false, field, message: `${field} is not a known parameter` };
  }
  if (issue.input === undefined && issue.kind === 'schema') {
    return { ok: false, field, message: `${field} is required` };
  }
  if (field === 'params') {
    return { ok: false, field, message: 'params must be an object' };
  }
  return { ok: false, field, message: `${field} ${issue.message}` };
}
