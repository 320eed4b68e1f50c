/** Chunk `validation`: the operation parameter schemas (valibot), loaded by the first operation call. */
export { validateParams } from '@agentsdk/protocol';
