/**
 * Edit distance between two names, stopping as soon as it must exceed a limit. It is the optimal
 * string alignment distance (Levenshtein plus the swap of two adjacent letters as one edit): `metamaks`
 * is one edit from `metamask`, where plain Levenshtein (eth-phishing-detect's) counts two — so a lower
 * tolerance catches the same typos and lets fewer unrelated names through.
 */

// Rows reused across calls: a lookup allocates nothing. Grown on demand.
let beforePrevious = new Int32Array(64);
let previous = new Int32Array(64);
let current = new Int32Array(64);

/**
 * The distance between `a` and `b` when it is at most `limit`, else `limit + 1`. Only the diagonal band
 * of width 2·limit+1 is computed (a cell further from the diagonal already costs more than the limit),
 * so a comparison costs O(length · limit), not O(length²).
 */
export function boundedEditDistance(a: string, b: string, limit: number): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  const over = limit + 1;
  if (Math.abs(n - m) > limit) return over;
  if (n === 0 || m === 0) return Math.max(n, m);
  if (previous.length <= m + 1) {
    beforePrevious = new Int32Array(m + 2);
    previous = new Int32Array(m + 2);
    current = new Int32Array(m + 2);
  }
  for (let j = 0; j <= m; j++) previous[j] = j <= limit ? j : over;
  for (let i = 1; i <= n; i++) {
    const low = Math.max(1, i - limit);
    const high = Math.min(m, i + limit);
    // The cells left of and right of the band read as "over the limit" in this row and the next.
    current[low - 1] = low === 1 ? (i <= limit ? i : over) : over;
    if (high < m) current[high + 1] = over;
    let rowMinimum = current[low - 1] as number;
    const ai = a.charCodeAt(i - 1);
    for (let j = low; j <= high; j++) {
      const bj = b.charCodeAt(j - 1);
      let best = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (ai === bj ? 0 : 1),
      );
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        best = Math.min(best, (beforePrevious[j - 2] as number) + 1);
      }
      current[j] = best;
      if (best < rowMinimum) rowMinimum = best;
    }
    // Every later row is at least this row's minimum: past the limit, the answer is already known.
    if (rowMinimum > limit) return over;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  const distance = previous[m] as number;
  return distance <= limit ? distance : over;
}

/**
 * The characters of `text` as a 32-bit set (char code mod 32). One edit adds or removes at most one
 * member on each side, so `letterSetBound` of two masks never exceeds their edit distance: a
 * comparison with a brand that shares too few letters is skipped without running the distance.
 */
export function letterMask(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) mask |= 1 << (text.charCodeAt(i) & 31);
  return mask;
}

/** A lower bound on the edit distance of two texts, from their letterMasks. */
export function letterSetBound(a: number, b: number): number {
  let x = a ^ b;
  let count = 0;
  while (x !== 0) {
    x &= x - 1;
    count++;
  }
  return (count + 1) >> 1;
}
