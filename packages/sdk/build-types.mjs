// Bundles the declarations `tsc -b` emitted into dist/types into one self-contained file per module format, with
// rollup-plugin-dts: the protocol's types and the few valibot types they use are inlined, so the package's types
// import nothing. `.d.ts` serves `import`, `.d.cts` serves `require` (each format declares its own module kind).
import { copyFile, mkdir } from 'node:fs/promises';
import { rollup } from 'rollup';
import { dts } from 'rollup-plugin-dts';
import ts from 'typescript';

const packageDir = new URL('.', import.meta.url);

const bundle = await rollup({
  input: new URL('dist/types/index.d.ts', packageDir).pathname,
  // NodeNext, as the packages are built: `@agentsdk/protocol/contract` resolves through the protocol's `exports`.
  plugins: [dts({ respectExternal: true, compilerOptions: { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext } })],
  onwarn(warning, warn) {
    if (warning.code !== 'CIRCULAR_DEPENDENCY') warn(warning);
  },
});
const esmTypes = new URL('dist/esm/agent-sdk.d.ts', packageDir).pathname;
await bundle.write({ file: esmTypes, format: 'es' });
await bundle.close();
await mkdir(new URL('dist/cjs/', packageDir), { recursive: true });
await copyFile(esmTypes, new URL('dist/cjs/agent-sdk.d.cts', packageDir));
