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
    // Each file starts its own gateways on loopback ports; two cores, so keep it modest.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 20_000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
