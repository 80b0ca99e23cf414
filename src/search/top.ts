/**
 * @module
 * The first `k` items of a list in a comparator's order, without sorting the whole list: a search for a common word
 * matches thousands of quotes and shows twenty.
 */

/**
 * The first `k` of `items` by `compare`, in order; items that compare equal keep their list order (as a stable sort
 * would). When `k` is a large share of the list, a copy is sorted instead.
 */
export function topK<T>(items: readonly T[], k: number, compare: (a: T, b: T) => number): T[] {
  if (k <= 0) return []
  if (k * 8 >= items.length) return [...items].sort(compare).slice(0, k)
  const best: T[] = []
  for (const item of items) {
    if (best.length === k && compare(item, best[k - 1] as T) >= 0) continue
    // After every item it does not beat: equal items keep their order.
    let lo = 0
    let hi = best.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (compare(item, best[mid] as T) < 0) hi = mid
      else lo = mid + 1
    }
    best.splice(lo, 0, item)
    if (best.length > k) best.pop()
  }
  return best
}
