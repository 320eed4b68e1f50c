// Bundles the SDK after the root `tsc -b` has emitted its types: ESM and CJS for npm, an IIFE for a script tag.
// The protocol and valibot are inlined; `ws` stays external (Node only, loaded when there is no global WebSocket).
// Optional parts are separate ESM files the core imports on first use (src/chunk-loader.ts): the softphone (JsSIP,
// WebRTC) when an agent signs in with a softphone, the parameter schemas (valibot) at setup, preflight when called,
// the debug log at setup with `debug` or `debugHook`, the page-lifecycle watch at the first login; next to the ESM
// bundle for npm, next to the script-tag bundle for pages.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const packageDir = fileURLToPath(new URL('.', import.meta.url));

const shared = {
  absWorkingDir: packageDir,
  bundle: true,
  external: ['ws'],
  // Browsers from 2021 on (class private fields without helpers) and Node 20; docs/02-Quick-Start.md says so.
  target: ['chrome91', 'edge91', 'firefox90', 'safari15', 'node20'],
  logLevel: 'warning',
};

/** Bundles the protocol (`@agentsdk/protocol`, `@agentsdk/protocol/contract`) from its sources so a stale packages/protocol/dist cannot leak in. */
const protocolFromSources = {
  name: 'protocol-from-sources',
  setup(build) {
    build.onResolve({ filter: /^@agentsdk\/protocol(\/contract)?$/ }, ({ path }) => ({
      path: fileURLToPath(new URL(`../protocol/src/${path.endsWith('/contract') ? 'contract' : 'index'}.ts`, import.meta.url)),
      // As its package.json says: importing it runs nothing, so what a bundle does not use is left out.
      sideEffects: false,
    }));
  },
};

/**
 * The optional chunks (src/chunk-loader.ts): each `import()` of one becomes an import of its sibling file
 * `agent-sdk-<name>.js`, found in `directory` (relative to the importing bundle).
 */
const CHUNKS = {
  softphone: {
    entry: 'src/softphone-module/softphone-module.ts',
    platform: 'browser',
    imported: /softphone-module\/softphone-module\.js$/,
  },
  validation: { entry: 'src/chunks/validation-chunk.ts', platform: 'neutral', imported: /chunks\/validation-chunk\.js$/ },
  preflight: { entry: 'src/chunks/preflight-chunk.ts', platform: 'neutral', imported: /chunks\/preflight-chunk\.js$/ },
  tabs: { entry: 'src/chunks/tabs-chunk.ts', platform: 'neutral', imported: /chunks\/tabs-chunk\.js$/ },
  telemetry: { entry: 'src/chunks/telemetry-chunk.ts', platform: 'neutral', imported: /chunks\/telemetry-chunk\.js$/ },
  debug: { entry: 'src/chunks/debug-chunk.ts', platform: 'neutral', imported: /chunks\/debug-chunk\.js$/ },
  lifecycle: { entry: 'src/chunks/lifecycle-chunk.ts', platform: 'neutral', imported: /chunks\/lifecycle-chunk\.js$/ },
};

/** The script-tag build and its chunks run in pages only: the WebSocket is the browser's, with no `ws` to fall back on. */
const browserWebSocket = {
  name: 'browser-websocket',
  setup(build) {
    build.onResolve({ filter: /\/websocket-factory\.js$/ }, ({ resolveDir }) => ({
      path: fileURLToPath(new URL('websocket-factory-browser.ts', `file://${resolveDir}/`)),
    }));
  },
};

function chunksIn(directory) {
  return {
    name: 'lazy-chunks',
    setup(build) {
      for (const [name, { imported }] of Object.entries(CHUNKS)) {
        build.onResolve({ filter: imported }, () => ({ path: `${directory}/agent-sdk-${name}.js`, external: true }));
      }
    },
  };
}

const chunkBundles = Object.entries(CHUNKS).flatMap(([name, { entry, platform }]) => [
  { entryPoints: [entry], format: 'esm', platform, outfile: `dist/esm/agent-sdk-${name}.js`, plugins: [chunksIn('.')] },
  {
    entryPoints: [entry],
    format: 'esm',
    platform: 'browser',
    minify: true,
    sourcemap: true,
    outfile: `dist/browser/agent-sdk-${name}.js`,
    plugins: [chunksIn('.'), browserWebSocket],
  },
]);

const bundles = [
  { entryPoints: ['src/index.ts'], format: 'esm', platform: 'neutral', outfile: 'dist/esm/agent-sdk.js', plugins: [chunksIn('.')] },
  { entryPoints: ['src/index.ts'], format: 'cjs', platform: 'neutral', outfile: 'dist/cjs/agent-sdk.cjs', plugins: [chunksIn('../esm')] },
  // Its chunk imports are unused: script-tag.ts locates the chunks next to its own script. Built as ESM wrapped in a
  // function by hand: the entry exports nothing and imports only with import(), so the output is a classic script,
  // without the CommonJS interop helpers esbuild's `iife` format adds (unused) for every external import().
  {
    entryPoints: ['src/script-tag.ts'],
    format: 'esm',
    banner: { js: '"use strict";(()=>{' },
    footer: { js: '})();' },
    platform: 'browser',
    minify: true,
    sourcemap: true,
    outfile: 'dist/browser/agent-sdk.js',
    plugins: [chunksIn('.'), browserWebSocket],
  },
  ...chunkBundles,
];

await Promise.all(bundles.map((options) => build({ ...shared, ...options, plugins: [protocolFromSources, ...(options.plugins ?? [])] })));

for (const { outfile } of bundles) {
  const code = await readFile(new URL(outfile, `file://${packageDir}/`));
  console.log(`${outfile.padEnd(38)} ${kib(code.length)} (gzip ${kib(gzipSync(code, { level: 9 }).length)})`);
}

function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
