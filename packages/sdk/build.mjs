// Bundles the SDK after the root `tsc -b` has emitted its types: ESM and CJS for npm, an IIFE for a script tag.
// The protocol and valibot are inlined; `ws` stays external (Node only, loaded when there is no global WebSocket).
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const packageDir = fileURLToPath(new URL('.', import.meta.url));

const shared = {
  absWorkingDir: packageDir,
  bundle: true,
  external: ['ws'],
  target: 'es2020',
  // Bundle the protocol from its sources so a stale packages/protocol/dist cannot leak in.
  alias: { '@agentsdk/protocol': fileURLToPath(new URL('../protocol/src/index.ts', import.meta.url)) },
  logLevel: 'warning',
};

const bundles = [
  { entryPoints: ['src/index.ts'], format: 'esm', platform: 'neutral', outfile: 'dist/esm/agent-sdk.js' },
  { entryPoints: ['src/index.ts'], format: 'cjs', platform: 'neutral', outfile: 'dist/cjs/agent-sdk.cjs' },
  {
    entryPoints: ['src/script-tag.ts'],
    format: 'iife',
    platform: 'browser',
    minify: true,
    sourcemap: true,
    outfile: 'dist/browser/agent-sdk.js',
  },
];

await Promise.all(bundles.map((options) => build({ ...shared, ...options })));

for (const { outfile } of bundles) {
  const code = await readFile(new URL(outfile, `file://${packageDir}/`));
  console.log(`${outfile.padEnd(28)} ${kib(code.length)} (gzip ${kib(gzipSync(code, { level: 9 }).length)})`);
}

function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
