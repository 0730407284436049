// The part of `parse` that runs before the DOM parser: counts the markup on the raw text and refuses
// a document over a cap (./../markup-limits.ts), so neither the parser nor xml-crypto ever sees one.
import { DEFAULTS } from '../context.ts';
import { exceededLimit } from '../markup-limits.ts';
import { scanMarkup } from '../markup-scan.ts';
import { failed } from '../result.ts';
import type { CheckResult, SpPolicy } from '../types.ts';

const HINT =
  'A login response from Auth0 has under a hundred elements and no comments or processing instructions; this one is built to exhaust the validator (or is not a login response). Nothing in it was parsed or verified.';

/** A failed `parse` result when `xml` exceeds a cap, else undefined. */
export function overBudget(xml: string, exp: SpPolicy): CheckResult | undefined {
  const maxDepth = exp.maxDepth ?? DEFAULTS.maxDepth;
  const counts = scanMarkup(xml);
  if (counts.depth > maxDepth) {
    return failed('parse', 'PARSE_DEPTH', {
      expected: `element depth ≤ ${maxDepth}`,
      actual: `depth ${counts.depth}`,
      detail: 'The document nests elements deeper than the limit.',
      hint: 'A SAML response is about 8 levels deep; this one is built to exhaust the parser.',
    });
  }
  const over = exceededLimit(counts, exp.markupLimits);
  if (over === undefined) return undefined;
  return failed('parse', over.code, {
    expected: over.expected,
    actual: over.actual,
    detail: `The document has more ${over.what} than the limit; it was refused before parsing.`,
    hint: HINT,
  });
}
