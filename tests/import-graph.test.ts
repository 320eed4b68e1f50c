/**
 * The house rules of docs/architecture.md, read off the import statements: no import cycles (type imports included)
 * in any package or the console, and the gateway's rooms import one way (domain and ports know nothing of the
 * application, adapters or transport; adapters know nothing of the application or transport; the application knows
 * nothing of adapters or transport).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCE_DIRS = ['packages/protocol/src', 'packages/sdk/src', 'packages/sdk-react/src', 'packages/gateway/src', 'apps/console/src'];
const RELATIVE_IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier).replace(/\.js$/, '');
  for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}

/** File → the files it imports (relative imports, type-only ones included), paths relative to the repository. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of SOURCE_DIRS.flatMap((dir) => sourceFiles(join(ROOT, dir)))) {
    const text = readFileSync(file, 'utf8');
    const imports = [...text.matchAll(RELATIVE_IMPORT)]
      .map((match) => resolveImport(file, match[1]))
      .filter((target): target is string => target !== undefined)
      .map((target) => relative(ROOT, target));
    graph.set(relative(ROOT, file), imports);
  }
  return graph;
}

/** Strongly connected groups of more than one file (Tarjan): each is a cycle. */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string): void => {
    order.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!order.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file)!, order.get(next)!));
      }
    }
    if (low.get(file) !== order.get(file)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    if (group.length > 1) found.push(group.sort());
  };
  for (const file of graph.keys()) if (!order.has(file)) visit(file);
  return found;
}

const GATEWAY = 'packages/gateway/src/';
const roomOf = (file: string) => (file.startsWith(GATEWAY) ? file.slice(GATEWAY.length).split('/')[0] : undefined);

/** What each room of the gateway may import besides itself. */
const MAY_IMPORT: Record<string, string[]> = {
  domain: ['ports'],
  ports: ['domain'],
  adapters: ['domain', 'ports'],
  application: ['domain', 'ports'],
};

describe('import graph', () => {
  const graph = importGraph();

  it('has no import cycles', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("keeps the gateway's imports one way: transport → application → domain → ports, adapters → domain and ports", () => {
    const wrongWay: string[] = [];
    for (const [file, imports] of graph) {
      const room = roomOf(file);
      const allowed = room === undefined ? undefined : MAY_IMPORT[room];
      if (!allowed) continue;
      for (const target of imports) {
        const targetRoom = roomOf(target);
        if (targetRoom !== undefined && targetRoom !== room && !allowed.includes(targetRoom)) wrongWay.push(`${file} → ${target}`);
      }
    }
    expect(wrongWay).toEqual([]);
  });

  it('sees the files it checks', () => {
    expect(graph.size).toBeGreaterThan(200);
    expect(graph.get(`${GATEWAY}domain/call-state.ts`)).toContain(`${GATEWAY}domain/call.ts`);
  });
});
