// Tests wait for a condition, never for a guessed number of milliseconds: a sleep is too short
// on a loaded machine and too long on an idle one.

export interface WaitForOptions {
  /** give up after this long (default 10 s) */
  timeoutMs?: number;
  /** how often to ask again (default 20 ms) */
  intervalMs?: number;
  /** what is awaited, for the timeout's message */
  what?: string | (() => string);
}

/**
 * Asks `condition` until it returns something truthy, and returns that; a throw (a failed
 * `expect`) counts as "not yet". On timeout, rejects naming `what` and the last error thrown.
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 20, what = 'a condition' }: WaitForOptions = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const named = typeof what === 'function' ? what() : what;
      const cause = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${named}${cause}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
