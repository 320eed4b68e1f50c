/** Loads the softphone module (JsSIP and the WebRTC call handling) only when an agent signs in with a softphone. */
import { loadChunk } from '../chunk-loader.js';
import type { SoftphoneModule } from './softphone-contract.js';

export function loadSoftphoneModule(baseURL: string): Promise<SoftphoneModule> {
  return loadChunk('softphone', baseURL, () => import('../softphone-module/softphone-module.js'));
}
