// Runs jobs with at most `limit` of them in flight, as a switchboard with that many lines would:
// the pbx tier shares one Asterisk on two cores, and a test that starts every call at once measures
// its own overload instead of the behaviour it means to check.
export async function inPool<T, R>(items: readonly T[], limit: number, job: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) results[index] = await job(items[index] as T, index);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
