/**
 * Optional parts of the SDK (softphone, parameter validation, preflight, telemetry uploads, the tab session, the debug
 * log, the page-lifecycle watch) are separate files loaded on first use, so the core a CRM page loads stays small. The npm builds import sibling
 * files (build.mjs maps each `chunks/<name>-chunk.js` import to `agent-sdk-<name>.js`); the script-tag build fetches
 * the same files next to its own script (script-tag.ts sets the locator). Each chunk is loaded once.
 */
import { AgentSdkError, ErrorCodes } from './errors.js';

export type ChunkName = 'softphone' | 'validation' | 'preflight' | 'telemetry' | 'tabs' | 'debug' | 'lifecycle';

let locate: ((fileName: string, baseURL: string) => string) | undefined;
const loaded = new Map<ChunkName, Promise<unknown>>();

/** Script-tag build: the URL of a chunk file, given the SDK's baseURL. */
export function setChunkLocator(locator: (fileName: string, baseURL: string) => string): void {
  locate = locator;
}

/** `fromPackage` is the chunk's `import()` for the npm builds and the sources; a page's script tag ignores it. */
export function loadChunk<M>(name: ChunkName, baseURL: string, fromPackage: () => Promise<M>): Promise<M> {
  let chunk = loaded.get(name) as Promise<M> | undefined;
  if (chunk === undefined) {
    const fileName = `agent-sdk-${name}.js`;
    const locator = locate;
    const loading =
      locator === undefined
        ? fromPackage()
        : (async () => (await import(/* webpackIgnore: true */ /* @vite-ignore */ locator(fileName, baseURL))) as M)();
    chunk = loading.catch((error: unknown) => {
      // A failed load (offline, a 404) may be retried by the next call.
      loaded.delete(name);
      throw new AgentSdkError(
        ErrorCodes.MISSING_DEP,
        `${fileName} could not be loaded (${error instanceof Error ? error.message : String(error)})`,
      );
    });
    loaded.set(name, chunk);
  }
  return chunk;
}
