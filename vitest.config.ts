import { configDefaults, defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const BROWSER_TESTS = [
  'tests/console-*.test.ts',
  'tests/sdk-tabs.test.ts',
  'tests/sdk-preflight.test.ts',
  'tests/softphone-*.test.ts',
  'tests/sip-softphone-*.test.ts',
  'tests/cluster-phones.test.ts',
];

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@agentsdk/protocol/dialer-tasks': source('./packages/protocol/src/dialer-tasks.ts'),
      '@agentsdk/protocol/contract': source('./packages/protocol/src/contract.ts'),
      '@agentsdk/protocol': source('./packages/protocol/src/index.ts'),
      '@agentsdk/sdk-react': source('./packages/sdk-react/src/index.ts'),
      '@agentsdk/sdk': source('./packages/sdk/src/index.ts'),
      '@agentsdk/gateway': source('./packages/gateway/src/index.ts'),
    },
  },
  test: {
    projects: [
      // Files that drive Chromium (the console, the SDK's tabs and preflight, softphones): a test that fails is run once
      // more before it counts, since a headless browser on two cores misses a 10 s UI bound now and then. Each failed
      // try still prints its browser console (tests/helpers/browser.ts), so a flaky test shows in the log.
      { extends: true, test: { name: 'browser', include: BROWSER_TESTS, retry: 1 } },
      { extends: true, test: { name: 'node', include: ['tests/**/*.test.ts'], exclude: [...configDefaults.exclude, ...BROWSER_TESTS] } },
    ],
    // Each file starts its own gateways, phones, browsers or clusters on loopback ports, and many measure what happens
    // within a bound (a resume in 2 s, audio in a second): one file at a time gives each all of this two-core machine,
    // so a file's bounds are not broken by another file's load. The suite takes about half again as long.
    maxWorkers: 1,
    testTimeout: 20_000,
    hookTimeout: 20_000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
