// "Did you mean …?" for role and attribute names: the closest candidate within a small edit distance.

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
    }
    prev = cur;
  }
  return prev[b.length] as number;
}

/** The closest candidate (case-insensitive) within `maxDistance` edits, or undefined. */
export function didYouMean(input: string, candidates: readonly string[], maxDistance = 2): string | undefined {
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    // The length difference is a lower bound of the distance: such a candidate cannot be closer, so
    // the edit matrix (long namespaced claim URIs against a role name) is not computed for it.
    if (Math.abs(lower.length - needle.length) >= bestDistance) continue;
    const d = levenshtein(needle, lower);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
