/** Chunk `preflight`: the checks of `AgentSDK.preflight()`. */
export { runPreflight } from '../preflight.js';
