// Bundles the SDK after the root `tsc -b` has emitted its types: ESM and CJS for npm, an IIFE for a script tag.
// The protocol and valibot are inlined; `ws` stays external (Node only, loaded when there is no global WebSocket).
// The softphone (JsSIP, WebRTC) is a separate ESM file, `agent-sdk-softphone.js`, that the core imports only when an
// agent signs in with a softphone: next to the ESM bundle for npm, next to the script-tag bundle for pages.
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
  logLevel: 'warning',
};

/** Bundles the protocol (`@agentsdk/protocol`, `@agentsdk/protocol/contract`) from its sources so a stale packages/protocol/dist cannot leak in. */
const protocolFromSources = {
  name: 'protocol-from-sources',
  setup(build) {
    build.onResolve({ filter: /^@agentsdk\/protocol(\/contract)?$/ }, ({ path }) => ({
      path: fileURLToPath(new URL(`../protocol/src/${path.endsWith('/contract') ? 'contract' : 'index'}.ts`, import.meta.url)),
    }));
  },
};

/** The core's dynamic import of the softphone module becomes an import of the sibling softphone bundle. */
function softphoneModuleAt(path) {
  return {
    name: 'softphone-module',
    setup(build) {
      build.onResolve({ filter: /softphone-module\/softphone-module\.js$/ }, () => ({ path, external: true }));
    },
  };
}

const softphoneEntry = ['src/softphone-module/softphone-module.ts'];

const bundles = [
  { entryPoints: ['src/index.ts'], format: 'esm', platform: 'neutral', outfile: 'dist/esm/agent-sdk.js', plugins: [softphoneModuleAt('./agent-sdk-softphone.js')] },
  { entryPoints: ['src/index.ts'], format: 'cjs', platform: 'neutral', outfile: 'dist/cjs/agent-sdk.cjs', plugins: [softphoneModuleAt('../esm/agent-sdk-softphone.js')] },
  {
    entryPoints: ['src/script-tag.ts'],
    format: 'iife',
    platform: 'browser',
    minify: true,
    sourcemap: true,
    outfile: 'dist/browser/agent-sdk.js',
    // Unused there: script-tag.ts locates the softphone bundle next to its own script.
    plugins: [softphoneModuleAt('./agent-sdk-softphone.js')],
  },
  { entryPoints: softphoneEntry, format: 'esm', platform: 'browser', outfile: 'dist/esm/agent-sdk-softphone.js' },
  { entryPoints: softphoneEntry, format: 'esm', platform: 'browser', minify: true, sourcemap: true, outfile: 'dist/browser/agent-sdk-softphone.js' },
];

await Promise.all(bundles.map((options) => build({ ...shared, ...options, plugins: [protocolFromSources, ...(options.plugins ?? [])] })));

for (const { outfile } of bundles) {
  const code = await readFile(new URL(outfile, `file://${packageDir}/`));
  console.log(`${outfile.padEnd(38)} ${kib(code.length)} (gzip ${kib(gzipSync(code, { level: 9 }).length)})`);
}

function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
