/**
 * Loads the softphone module (JsSIP and the WebRTC call handling) only when an agent signs in with a softphone, so the
 * core bundle stays small. The npm builds import the sibling file `agent-sdk-softphone.js` (build.mjs maps the path
 * below to it); the script-tag build fetches the same file next to its own script (script-tag.ts sets the locator).
 */
import type { SoftphoneModule } from './softphone-contract.js';

let locate: ((baseURL: string) => string) | undefined;

/** Script-tag build: where the softphone module is, given the SDK's baseURL. */
export function setSoftphoneModuleLocator(locator: (baseURL: string) => string): void {
  locate = locator;
}

export async function loadSoftphoneModule(baseURL: string): Promise<SoftphoneModule> {
  if (locate !== undefined) return (await import(/* webpackIgnore: true */ /* @vite-ignore */ locate(baseURL))) as SoftphoneModule;
  return import('../softphone-module/softphone-module.js');
}
