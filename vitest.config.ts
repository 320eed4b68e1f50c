import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

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
    include: ['tests/**/*.test.ts'],
    // Each file starts its own gateways, phones, browsers or clusters on loopback ports, and many measure what happens
    // within a bound (a resume in 2 s, audio in a second): one file at a time gives each all of this two-core machine,
    // so a file's bounds are not broken by another file's load. The suite takes about half again as long.
    maxWorkers: 1,
    testTimeout: 20_000,
    hookTimeout: 20_000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
