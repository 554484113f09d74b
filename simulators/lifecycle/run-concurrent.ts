/**
 * Runs `fn` over every item with at most `limit` in flight and collects failures instead of stopping: an
 * IdP carries on with the next object when one fails. The engine's limiter caps the wire; this caps memory.
 */
export async function runConcurrent<T>(items: T[], limit: number, fn: (item: T, index: number) => Promise<void>, onDone?: () => void): Promise<unknown[]> {
  const failures: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        await fn(items[index]!, index);
      } catch (err) {
        failures.push(err);
      }
      onDone?.();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return failures;
}
