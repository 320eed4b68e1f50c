/** Chunk `debug`: the log of `debug` and `debugHook`. */
export { createDebugLog } from '../debug-log.js';
