/**
 * The system check on the sign-in screen runs `AgentSDK.preflight()` and lists every check of its report with pass,
 * warn or fail and what was seen: the gateway, the live connection and the clock; for the softphone the microphone
 * and audio devices too; and any check a later SDK adds, under a name made from its key.
 */
import { describe, expect, it } from 'vitest';
import { openConsole } from './helpers/browser.js';
import { consoleTestBed } from './helpers/console-test-bed.js';

const UI_TIMEOUT = { timeout: 10_000 };

const bed = consoleTestBed();

describe('system check before sign-in', () => {
  it('lists each check of the preflight report, also ones this console does not know', async () => {
    const { page, problems } = await openConsole(bed.browser, bed.gateway.url, { width: 360, height: 800 });
    const check = page.getByRole('region', { name: 'System check' });
    const items = check.getByRole('list', { name: 'Checks' }).getByRole('listitem');
    await expect.poll(() => items.count(), UI_TIMEOUT).toBe(3);
    const texts = await items.allTextContents();
    expect(texts[0]).toMatch(/^OKGateway.*\/healthz answered in \d+ ms$/);
    expect(texts[1]).toMatch(/^OKLive connection.*ping answered in \d+ ms$/);
    expect(texts[2]).toMatch(/^OKClock.*ms (ahead of|behind) this page's$/);
    expect(await check.getByRole('status').textContent()).toBe('This computer is ready.');

    // The softphone also needs a microphone, ICE and audio across a peer connection: the check runs again with them.
    await page.getByRole('radio', { name: 'Softphone' }).check();
    await expect.poll(() => items.count(), UI_TIMEOUT).toBe(7);
    expect((await items.allTextContents()).slice(3)).toEqual([
      expect.stringMatching(/Microphone/),
      expect.stringMatching(/^OKAudio devices\d+ microphone/),
      expect.stringMatching(/Network path \(ICE\)/),
      expect.stringMatching(/Audio round trip/),
    ]);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('shows a check it does not know by name, and a warning, as the report gives them', async () => {
    const { page, problems } = await openConsole(bed.browser, 'about:blank');
    // A later SDK's report: one more check, named by its key.
    await page.addInitScript(() => {
      let sdk: any;
      Object.defineProperty(window, 'AgentSDK', {
        configurable: true,
        get: () => sdk,
        set: (value) => {
          // The system check runs on a client of its own, made with createAgentSdk.
          const createAgentSdk = value.createAgentSdk;
          value.createAgentSdk = (config: unknown) => {
            const client = createAgentSdk(config);
            const preflight = client.preflight.bind(client);
            client.preflight = async (options: unknown) => ({
              ...(await preflight(options)),
              status: 'warn',
              turnRelay: { status: 'warn', detail: 'no TURN server: calls from strict networks may have no audio' },
            });
            return client;
          };
          sdk = value;
        },
      });
    });
    await page.goto(bed.gateway.url);
    const check = page.getByRole('region', { name: 'System check' });
    const items = check.getByRole('list', { name: 'Checks' }).getByRole('listitem');
    await expect.poll(() => items.count(), UI_TIMEOUT).toBe(4);
    expect((await items.allTextContents())[3]).toBe('CheckTurn relayno TURN server: calls from strict networks may have no audio');
    expect(await check.getByRole('status').textContent()).toBe('This computer can sign in; some checks need a look.');
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);
});
