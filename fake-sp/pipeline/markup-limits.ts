// Caps on what a SAMLResponse may contain, checked on the raw text (./markup-scan.ts) before the DOM
// parser and before any signature work. Data, in one place (docs/bounds.md lists them with their codes).
//
// Sizing: the largest real login among the corpus responses (test/fixtures/corpus, test/fixtures/
// responses: Auth0, Okta, ADFS, Keycloak, OneLogin, Google, and the attack samples
// built on them) has 87 elements, 103 attributes, 9 attributes on one element, 24 namespace
// declarations, 2 comments, 0 processing instructions, 1 CDATA section, 33 distinct element names, 21
// character/entity references and depth 9; the real Auth0 captures have at most 65 elements. An
// Action may set at most 100 SAML attributes (Auth0's documented Actions limits): with one value each, about
// 240 elements and 340 attributes. Every cap is about twice the largest real value or more (most are
// 4–100×) and above that Auth0 maximum, and low enough that a 256 KiB input at every cap at once,
// both signatures included, stays within the 250 ms CPU budget (docs/benchmarks-history.md "Hostile inputs",
// `npm run bench -- --only hostile`): xml-crypto visits every element and attribute with several
// whole-document XPath queries per signature, so those two caps set most of that cost.
import type { CheckCode } from './codes.ts';
import type { MarkupCounts } from './markup-scan.ts';

export interface MarkupLimits {
  elements: number;
  attributes: number;
  attributesPerElement: number;
  namespaceDeclarations: number;
  comments: number;
  processingInstructions: number;
  cdataSections: number;
  elementNames: number;
  references: number;
}

export const MARKUP_LIMITS: Readonly<MarkupLimits> = Object.freeze({
  elements: 384,
  attributes: 512,
  attributesPerElement: 32,
  namespaceDeclarations: 64,
  comments: 64,
  processingInstructions: 8,
  cdataSections: 64,
  // xml-crypto's bundled xmldom 0.8 searches the whole text backwards once per distinct name of an
  // element that is not self-closed (sax.js fixSelfClosed), for every signature it verifies.
  elementNames: 64,
  references: 2048,
});

interface Rule {
  limit: keyof MarkupLimits;
  count: keyof MarkupCounts;
  code: CheckCode;
  what: string;
}

/** In the order they are reported: the first cap exceeded names the failure. */
const RULES: readonly Rule[] = [
  { limit: 'elements', count: 'elements', code: 'PARSE_TOO_MANY_ELEMENTS', what: 'elements' },
  { limit: 'attributes', count: 'attributes', code: 'PARSE_TOO_MANY_ATTRIBUTES', what: 'attributes' },
  { limit: 'attributesPerElement', count: 'maxAttributesPerElement', code: 'PARSE_TOO_MANY_ATTRIBUTES', what: 'attributes on one element' },
  { limit: 'namespaceDeclarations', count: 'namespaceDeclarations', code: 'PARSE_TOO_MANY_NAMESPACES', what: 'namespace declarations' },
  { limit: 'comments', count: 'comments', code: 'PARSE_TOO_MANY_COMMENTS', what: 'comments' },
  { limit: 'processingInstructions', count: 'processingInstructions', code: 'PARSE_TOO_MANY_PIS', what: 'processing instructions' },
  { limit: 'cdataSections', count: 'cdataSections', code: 'PARSE_TOO_MANY_CDATA', what: 'CDATA sections' },
  { limit: 'elementNames', count: 'elementNames', code: 'PARSE_TOO_MANY_NAMES', what: 'distinct element names' },
  { limit: 'references', count: 'references', code: 'PARSE_TOO_MANY_REFERENCES', what: 'character and entity references' },
];

export interface LimitExceeded {
  code: CheckCode;
  expected: string;
  actual: string;
  what: string;
}

/** The first cap `counts` exceeds, or undefined. `overrides` replace single caps (tests, embedders). */
export function exceededLimit(counts: MarkupCounts, overrides: Partial<MarkupLimits> = {}): LimitExceeded | undefined {
  for (const rule of RULES) {
    const limit = overrides[rule.limit] ?? MARKUP_LIMITS[rule.limit];
    const count = counts[rule.count];
    if (count > limit) return { code: rule.code, expected: `at most ${limit} ${rule.what}`, actual: `${count} ${rule.what}`, what: rule.what };
  }
  return undefined;
}
