// What a signature may use, checked on the SignedInfo before any crypto runs. Allow-lists, not
// deny-lists: anything not named here (HMAC, MD5, DSA, XPath/XSLT transforms, …) is refused.
import type { CheckCode } from './codes.ts';
import type { Element } from '@xmldom/xmldom';
import { NS, attr, child, children } from './xml.ts';

// RSA-SHA1/SHA-1 are accepted with a warning, as Flex accepts them: Twilio's Auth0 guide (seeds
// twilio-configure-auth0-idp.txt) sets no signatureAlgorithm, and Auth0 then signs RSA-SHA1/SHA-1
// (addon docs' defaults; every real Auth0 capture), so every tenant set up by that guide signs SHA-1.
export const SIGNATURE_METHODS: Record<string, 'ok' | 'sha1'> = {
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': 'ok',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': 'ok',
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1': 'sha1',
};
export const DIGEST_METHODS: Record<string, 'ok' | 'sha1'> = {
  'http://www.w3.org/2001/04/xmlenc#sha256': 'ok',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'ok',
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1',
};
export const CANONICALIZATIONS = new Set([
  'http://www.w3.org/2001/10/xml-exc-c14n#',
  'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
]);
export const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
export const TRANSFORMS = new Set([...CANONICALIZATIONS, ENVELOPED]);
/**
 * The one transform chain a SAML signature may use: the enveloped-signature transform, then one
 * canonicalization. SAML 2.0 Core 5.4.1 (enveloped signatures) and 5.4.4 ("SHOULD NOT contain
 * transforms other than the enveloped signature transform … or the exclusive canonicalization
 * transforms"; verifiers "MAY reject" others); what Auth0 emits: auth0/node-saml lib/xml/sign.js and
 * auth0/node-samlp lib/samlp.js `addReference(…, [enveloped-signature, xml-exc-c14n#])`. Checked
 * before xml-crypto runs: it re-parses and re-canonicalizes the whole document once per transform,
 * so a chain of N transforms cost N × the document (1,200 of them took 18 s).
 */
export const TRANSFORM_CHAIN = [ENVELOPED, 'a canonicalization (exc-c14n or c14n, with or without comments)'] as const;

export interface PolicyProblem {
  code: CheckCode;
  expected: string;
  actual: string;
  detail: string;
  hint: string;
}
export interface PolicyReport {
  problem?: PolicyProblem;
  warnings: string[];
  referenceUri?: string;
}

const WEAK_HINT = 'Set the Auth0 SAML addon\'s "signatureAlgorithm": "rsa-sha256" and "digestAlgorithm": "sha256"; anything else (HMAC, MD5, DSA) is refused.';

/** Inspects one ds:Signature enveloped in `parent` (the Response or the Assertion). */
export function inspectSignature(sig: Element, parent: Element): PolicyReport {
  const warnings: string[] = [];
  const where = `${parent.localName} signature`;
  const signedInfos = children(sig, 'SignedInfo', NS.ds);
  const signedInfo = signedInfos[0];
  if (signedInfos.length !== 1 || signedInfo === undefined) {
    return {
      warnings,
      problem: {
        code: 'SIG_MALFORMED',
        expected: 'exactly one SignedInfo',
        actual: `${signedInfos.length}`,
        detail: `The ${where} does not have exactly one SignedInfo.`,
        hint: 'A malformed or tampered signature; re-capture the response from Auth0.',
      },
    };
  }
  const c14n = attr(child(signedInfo, 'CanonicalizationMethod', NS.ds), 'Algorithm') ?? '(absent)';
  if (!CANONICALIZATIONS.has(c14n)) {
    return {
      warnings,
      problem: {
        code: 'SIG_TRANSFORM_NOT_ALLOWED',
        expected: 'exc-c14n or c14n',
        actual: c14n,
        detail: `The ${where} uses a canonicalization that is not allowed.`,
        hint: 'Auth0 uses exclusive canonicalization; any other method is refused.',
      },
    };
  }
  const method = attr(child(signedInfo, 'SignatureMethod', NS.ds), 'Algorithm') ?? '(absent)';
  const methodGrade = Object.hasOwn(SIGNATURE_METHODS, method) ? SIGNATURE_METHODS[method] : undefined;
  if (methodGrade === undefined) {
    return {
      warnings,
      problem: {
        code: 'SIG_ALG_WEAK',
        expected: 'rsa-sha256 (rsa-sha512; rsa-sha1 with a warning)',
        actual: method,
        detail: `The ${where} uses a signature algorithm that is not allowed.`,
        hint: WEAK_HINT,
      },
    };
  }
  if (methodGrade === 'sha1')
    warnings.push(
      `The ${where} uses RSA-SHA1 (Auth0's default when the addon names no algorithm): accepted, as Flex accepts it, but set the addon's "signatureAlgorithm": "rsa-sha256".`,
    );
  const refs = children(signedInfo, 'Reference', NS.ds);
  const ref = refs[0];
  if (refs.length !== 1 || ref === undefined) {
    return {
      warnings,
      problem: {
        code: 'SIG_BAD_REFERENCE',
        expected: 'exactly one Reference',
        actual: `${refs.length} references`,
        detail: `The ${where} must reference exactly the element it is enveloped in.`,
        hint: 'Several references let unsigned content ride along; Auth0 signs one element per signature.',
      },
    };
  }
  const id = attr(parent, 'ID');
  const uri = attr(ref, 'URI');
  if (id === undefined || uri !== `#${id}`) {
    return {
      warnings,
      problem: {
        code: 'SIG_BAD_REFERENCE',
        expected: id === undefined ? `the ${parent.localName} carries an ID` : `URI="#${id}" (the enveloping ${parent.localName})`,
        actual: uri === undefined ? '(no URI)' : `URI="${uri}"`,
        detail: `The ${where} references something other than the ${parent.localName} it is enveloped in.`,
        hint: 'Only a signature over the Response or the Assertion itself counts; this is a signature-wrapping pattern.',
      },
    };
  }
  const transforms = child(ref, 'Transforms', NS.ds);
  const chain = transforms === undefined ? [] : children(transforms, 'Transform', NS.ds);
  for (const t of chain) {
    const alg = attr(t, 'Algorithm') ?? '(absent)';
    if (!TRANSFORMS.has(alg)) {
      return {
        warnings,
        problem: {
          code: 'SIG_TRANSFORM_NOT_ALLOWED',
          expected: 'enveloped-signature and exc-c14n/c14n only',
          actual: alg,
          detail: `The ${where} uses a transform that is not allowed.`,
          hint: 'XPath/XSLT/Base64 transforms can sign something other than what is consumed; Auth0 uses enveloped + exc-c14n.',
        },
      };
    }
  }
  const algorithms = chain.map((t) => attr(t, 'Algorithm') ?? '(absent)');
  if (algorithms.length !== 2 || algorithms[0] !== ENVELOPED || !CANONICALIZATIONS.has(algorithms[1] ?? '')) {
    const shown = algorithms.length <= 4 ? algorithms.map(shortName).join(' + ') || '(none)' : `${algorithms.length} transforms`;
    return {
      warnings,
      problem: {
        code: 'SIG_TRANSFORM_CHAIN',
        expected: `exactly 2 transforms: ${TRANSFORM_CHAIN.map(shortName).join(', then ')}`,
        actual: shown,
        detail: `The ${where} does not use the SAML transform chain (enveloped-signature, then one canonicalization).`,
        hint: 'SAML 2.0 Core 5.4.4 allows only the enveloped-signature transform and one canonicalization, and Auth0 signs with exactly those two; a longer or reordered chain is refused before any signature work.',
      },
    };
  }
  const digest = attr(child(ref, 'DigestMethod', NS.ds), 'Algorithm') ?? '(absent)';
  const digestGrade = Object.hasOwn(DIGEST_METHODS, digest) ? DIGEST_METHODS[digest] : undefined;
  if (digestGrade === undefined) {
    return {
      warnings,
      problem: {
        code: 'SIG_ALG_WEAK',
        expected: 'sha256 (sha512; sha1 with a warning)',
        actual: digest,
        detail: `The ${where} uses a digest algorithm that is not allowed.`,
        hint: WEAK_HINT,
      },
    };
  }
  if (digestGrade === 'sha1')
    warnings.push(
      `The ${where} uses a SHA-1 digest (Auth0's default when the addon names no algorithm): accepted, as Flex accepts it, but set the addon's "digestAlgorithm": "sha256".`,
    );
  return { warnings, referenceUri: uri };
}

/** `…/xmldsig#enveloped-signature` → `enveloped-signature`, `…/xml-exc-c14n#` → `xml-exc-c14n#`: for messages. */
function shortName(uri: string): string {
  return uri.replace(/^https?:\/\/www\.w3\.org\/[^#]*?([^/#]+#?[^/]*)$/, '$1');
}
