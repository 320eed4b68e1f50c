/**
 * Waiting in tests. Wait for a condition (`vi.waitFor`, `expect.poll`) rather than for a fixed time; the one place a
 * bounded wait is right is to show that something does NOT happen, where there is no event to wait for.
 */

/**
 * Checks for `within` ms that something did not happen: `check` throws once it did. Runs `check` every few ms (so a
 * failure shows at once) and a last time at the end. Use only where no later event can serve as a barrier.
 */
export async function expectNothingWithin(within: number, check: () => void | Promise<void>): Promise<void> {
  const deadline = Date.now() + within;
  for (;;) {
    await check();
    const left = deadline - Date.now();
    if (left <= 0) return;
    await new Promise((resolve) => setTimeout(resolve, Math.min(left, 25)));
  }
}
