/**
 * File work on many tasks waits mostly on the disk, one operation at a time when written as
 * a plain loop. `inParallel` keeps a few operations in flight (like the libuv thread pool,
 * 4 by default) and still returns the results in input order.
 */
export async function inParallel<T, R>(items: readonly T[], work: (item: T, index: number) => Promise<R>, limit = 8): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
