/** Chunk `tabs`: one session across the tabs of a browser, loaded at the first login where it can work. */
export { joinTabSession } from '../tabs/tab-session.js';
