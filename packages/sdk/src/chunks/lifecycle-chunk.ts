/** Chunk `lifecycle`: the page-lifecycle watch a signed-in client runs. */
export { watchPageLifecycle } from '../page-lifecycle.js';
