/**
 * A real Chromium (Debian's `chromium` package) driven by playwright-core, for the console's browser tests. Pages are
 * served by the test gateway, which serves the console (apps/console/public) and the SDK's script-tag build.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { onTestFailed } from 'vitest';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
];

const REPOSITORY_ROOT = new URL('../../', import.meta.url);
const BUILT_ASSETS = ['apps/console/public/app.js', 'apps/console/public/app.css', 'packages/sdk/dist/browser/agent-sdk.js'];
export const SCREENSHOT_DIR = fileURLToPath(new URL('docs/screenshots/', REPOSITORY_ROOT));

/** Fails early, with the command to run, when the console or the SDK bundle is not built. */
export function assertConsoleBuilt(): void {
  const missing = BUILT_ASSETS.filter((path) => !existsSync(new URL(path, REPOSITORY_ROOT)));
  if (missing.length > 0) {
    throw new Error(`not built: ${missing.join(', ')}. Run: npm run build && npm run build --workspace @agentsdk/console`);
  }
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`no Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface ConsolePage {
  page: Page;
  /** Console errors, uncaught exceptions and failed requests the page reported. */
  problems: string[];
}

/** The last lines of a page's browser console a failed test prints. */
const TRANSCRIPT_LINES = 150;

/**
 * Opens the console (1280×720 unless told) with `?debug` and records every error the page reports. When the test
 * fails, the end of the page's console (the SDK's frames and connection notes included) is printed with it.
 */
export async function openConsole(browser: Browser, url: string, viewport = { width: 1280, height: 720 }): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const problems: string[] = [];
  const transcript = recordTranscript(page);
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  printWhenTheTestFails(() => `browser console of ${url} (${viewport.width} px), last lines:\n${transcript.join('\n')}`);
  await page.goto(withDebug(url));
  return { page, problems };
}

/** Outside a test (a `beforeAll` opening a page) there is no test to fail: nothing is printed. */
function printWhenTheTestFails(report: () => string): void {
  try {
    onTestFailed(() => console.error(report()));
  } catch {
    // not inside a test
  }
}

function withDebug(url: string): string {
  if (!url.startsWith('http')) return url;
  const address = new URL(url);
  address.searchParams.set('debug', '');
  return address.href;
}

function recordTranscript(page: Page): string[] {
  const lines: string[] = [];
  const started = Date.now();
  const add = (line: string) => {
    lines.push(`${String(Date.now() - started).padStart(6)} ms ${line}`);
    if (lines.length > TRANSCRIPT_LINES) lines.shift();
  };
  page.on('console', (message) => add(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => add(`page error: ${error.message}`));
  page.on('requestfailed', (request) => add(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('close', () => add('page closed'));
  return lines;
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = `${SCREENSHOT_DIR}${name}`;
  await page.screenshot({ path });
  return path;
}

/** The State column of an agent's row on the wallboard ("Available", "Busy · LUNCH", "Offline"…). */
export function wallboardAgentState(wallboard: Page, name: string): Promise<string | null> {
  return wallboard
    .getByRole('region', { name: 'Agents' })
    .getByRole('row', { name: new RegExp(name) })
    .locator('td')
    .nth(1)
    .textContent();
}

/** Demo sign-in from the sign-in screen, as a visitor does it. */
export async function demoSignIn(page: Page, agentNo: string): Promise<void> {
  await page.getByLabel('Agent', { exact: true }).selectOption(agentNo);
  await page.getByRole('button', { name: 'Demo sign-in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/**
 * The text of the first element matching `selector` that contains `text`, read the moment it appears: for what shows
 * only briefly (a banner while a phone rings for 300 ms). Start it before the action that makes it appear.
 */
export async function textWhenShown(page: Page, selector: string, text: string, timeoutMs = 10_000): Promise<string> {
  const found = await page.waitForFunction(
    ([selector, text]) =>
      Array.from(document.querySelectorAll(selector))
        .map((element) => element.textContent ?? '')
        .find((content) => content.includes(text)),
    [selector, text] as const,
    { timeout: timeoutMs },
  );
  return (await found.jsonValue()) as string;
}
