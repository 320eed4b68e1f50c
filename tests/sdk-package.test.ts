/**
 * `@agentsdk/sdk` as a CRM team gets it: `npm pack`, installed into an empty project with no other package of ours,
 * imported as ESM and as CommonJS, and its bundled types checked strictly (skipLibCheck off). Needs `npm run build`.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const sdkPackage = fileURLToPath(new URL('../packages/sdk/', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/sdk-package/', import.meta.url));
const bin = (name: string) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));

let project: string;
let tarball: string;

function run(command: string, args: string[], cwd = project): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'agentsdk-package-'));
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', project], sdkPackage)) as { filename: string }[];
  tarball = join(project, packed!.filename);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'crm-page', version: '1.0.0', private: true }));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball]);
  cpSync(fixtures, project, { recursive: true });
}, 120_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('the packed @agentsdk/sdk', () => {
  it('depends on no other package of ours and ships no intermediate build output', () => {
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules/@agentsdk/sdk/package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies ?? {})).toEqual(['ws']);
    expect(readdirSync(join(project, 'node_modules/@agentsdk'))).toEqual(['sdk']);
    expect(readdirSync(join(project, 'node_modules/@agentsdk/sdk/dist')).sort()).toEqual(['browser', 'cjs', 'esm']);
  });

  it('has self-contained types: no import of another module', () => {
    for (const file of ['dist/esm/agent-sdk.d.ts', 'dist/cjs/agent-sdk.d.cts']) {
      const types = readFileSync(join(project, 'node_modules/@agentsdk/sdk', file), 'utf8');
      expect(types).not.toMatch(/from ['"]|import\(['"]|require\(['"]/);
    }
  });

  it('loads as ESM and as CommonJS, with one AgentSDK shared by both builds', () => {
    const result = JSON.parse(run('node', ['esm-and-cjs.mjs']));
    expect(result).toEqual({
      esmEventType: 'agentStatus',
      cjsEventType: 'agentStatus',
      cjsErrorCode: 'WS_NOT_CONNECTED',
      esmErrorCode: 'NOT_INITIALIZED',
      oneSingleton: true,
      refusal: 'WS_NOT_CONNECTED',
    });
  });

  it('type-checks a strict TypeScript project, ESM and CommonJS, with skipLibCheck off', () => {
    expect(() => run('node', [tsc, '-p', 'tsconfig.json'])).not.toThrow();
  }, 60_000);

  it('passes publint without errors or warnings', () => {
    const report = run(bin('publint'), ['--strict'], sdkPackage);
    expect(report).not.toMatch(/Errors:|Warnings:/);
  }, 60_000);

  it('passes arethetypeswrong for node10, node16 (ESM and CJS) and bundlers', () => {
    // `./browser` is the script-tag bundle (it sets window.AgentSDK), not a module to type.
    expect(() => run(bin('attw'), [tarball, '--exclude-entrypoints', './browser', '--format', 'ascii'])).not.toThrow();
  }, 60_000);

  it('offers the script-tag bundle as `@agentsdk/sdk/browser`', () => {
    const resolved = run('node', ['-e', "console.log(require.resolve('@agentsdk/sdk/browser'))"]).trim();
    expect(resolved.endsWith('dist/browser/agent-sdk.js')).toBe(true);
  });
});
