/** Polls `fn` until it returns a truthy value or the time runs out. */
export async function waitFor<T>(
  fn: () => Promise<T> | T,
  { timeoutMs = 15_000, intervalMs = 50, what = "condition" } = {}
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  let last: T | undefined
  while (Date.now() < deadline) {
    last = await fn()
    if (last) {
      return last as NonNullable<T>
    }
    await new Promise((r) => setTimeout(r, intervalMs))
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`)
}
