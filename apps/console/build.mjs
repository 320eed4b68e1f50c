// Bundles the console (Preact + TypeScript) into public/app.js and public/app.css, which the gateway serves at `/`.
// The SDK is not bundled: index.html loads the gateway's script-tag build (/sdk/agent-sdk.js), as a customer page does.
import { build, context } from 'esbuild';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const consoleDir = fileURLToPath(new URL('.', import.meta.url));

const options = {
  absWorkingDir: consoleDir,
  entryPoints: ['src/main.tsx'],
  outfile: 'public/app.js',
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  loader: { '.woff2': 'file' },
  assetNames: 'fonts/[name]-[hash]',
  minify: true,
  sourcemap: true,
  logLevel: 'warning',
};

await rm(new URL('public/fonts', `file://${consoleDir}`), { recursive: true, force: true });

if (process.argv.includes('--watch')) {
  const watcher = await context({ ...options, logLevel: 'info' });
  await watcher.watch();
  console.log('watching apps/console/src for changes');
} else {
  const result = await build({ ...options, metafile: true });
  for (const [file, { bytes }] of Object.entries(result.metafile.outputs)) {
    if (!file.endsWith('.map') && !file.endsWith('.woff2')) console.log(`${file.padEnd(24)} ${(bytes / 1024).toFixed(1)} KiB`);
  }
}
