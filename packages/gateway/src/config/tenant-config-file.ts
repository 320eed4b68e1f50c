/** Loads tenant configuration files: JSON, one tenant or an array, `${VAR}` / `${VAR:-default}` taken from the environment. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { TenantConfigSchema, type TenantConfig } from '../domain/tenant.js';

export const DEMO_TENANT_FILE = fileURLToPath(new URL('../../config/demo-tenant.json', import.meta.url));

export class TenantConfigError extends Error {
  override readonly name = 'TenantConfigError';
}

export async function loadTenantConfigFile(path: string, env: NodeJS.ProcessEnv = process.env): Promise<TenantConfig[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(substituteEnvironment(await readFile(path, 'utf8'), env));
  } catch (error) {
    throw new TenantConfigError(`cannot read tenant configuration ${path}: ${(error as Error).message}`);
  }
  // One schema or the other, not a union: a union's issue would not name the field at fault.
  const parsed = Array.isArray(raw) ? v.safeParse(v.array(TenantConfigSchema), raw) : v.safeParse(TenantConfigSchema, raw);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const where = issue.path?.map((item) => String(item.key)).join('.') ?? '(root)';
    throw new TenantConfigError(`invalid tenant configuration ${path} at ${where}: ${issue.message}`);
  }
  return Array.isArray(parsed.output) ? parsed.output : [parsed.output];
}

function substituteEnvironment(text: string, env: NodeJS.ProcessEnv): string {
  return text.replace(/\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g, (_, name: string, fallback: string | undefined) => {
    const value = env[name];
    if (value !== undefined && value !== '') return JSON.stringify(value).slice(1, -1);
    if (fallback !== undefined) return fallback;
    throw new TenantConfigError(`environment variable ${name} is not set`);
  });
}
