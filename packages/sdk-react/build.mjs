// Bundles the hooks as ESM and CJS; React and the SDK stay external (peer dependencies: one copy of each on the page).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const shared = {
  absWorkingDir: fileURLToPath(new URL('.', import.meta.url)),
  entryPoints: ['src/index.ts'],
  bundle: true,
  external: ['react', '@agentsdk/sdk'],
  target: 'es2020',
  platform: 'neutral',
  logLevel: 'warning',
};

await Promise.all([
  build({ ...shared, format: 'esm', outfile: 'dist/esm/sdk-react.js' }),
  build({ ...shared, format: 'cjs', outfile: 'dist/cjs/sdk-react.cjs' }),
]);
