// signature: verify every ds:Signature enveloped in the Response or in its Assertion with the pinned
// certificates only (KeyInfo is ignored) on the document the parse check produced (xmldsig.ts), then
// parse the canonical bytes each signature covers with the same parser (xml-parser.ts): every later
// check reads values from those bytes only.
import type { Element } from '@xmldom/xmldom';
import type { Check, PipelineState } from '../context.ts';
import { inspectUntrustedCert, pinnedKeys, type PinnedKey } from '../pinned-certs.ts';
import { failed, passed } from '../result.ts';
import { inspectSignature } from '../signature-policy.ts';
import type { CheckResult } from '../types.ts';
import { parseXml } from '../xml-parser.ts';
import { verifyEnveloped, type VerifyFailure } from '../xmldsig.ts';
import { NS, attr, children, descendants, path, text } from '../xml.ts';

const ROTATED_HINT =
  'The response was signed by a key whose certificate is not pinned. Most often the Auth0 signing certificate was rotated (or the app belongs to another tenant): download it again from https://<tenant>/pem (Addons → SAML2 Web App → Usage) and paste it into Flex → Single Sign-On → X.509 Certificate.';
/**
 * A signature by an unpinned key whose KeyInfo names a certificate: name that certificate's SHA-1
 * fingerprint, the form Auth0 lists as `fingerprint` in GET /api/v2/keys/signing and Dashboard →
 * Settings → Signing Keys, so the admin can compare before trusting it (KeyInfo proves nothing).
 */
function rotatedHint(sha1: string): string {
  return (
    `The response was signed by a certificate Flex does not pin; its KeyInfo (not trusted) names SHA-1 fingerprint ${sha1}. ` +
    "If that is the fingerprint of your Auth0 tenant's current signing key (Dashboard → Settings → Signing Keys, or GET /api/v2/keys/signing: `fingerprint` of the key with `current: true`), " +
    'the key was rotated: download the certificate from https://<tenant>/pem and paste it into Twilio Console → Flex → Manage → Single sign-on (SSO) → X.509 certificate. ' +
    "Before the next rotation, pin the `next` key listed there as well. If it is not your tenant's, the response is not from your tenant: do not trust it."
  );
}
const ALTERED_HINT = 'Something altered the response after Auth0 signed it (a proxy, a copy/paste edit, or an attack). Capture the original POST body.';

type Outcome = { signed: Element } | { result: CheckResult };

/** The failure for a signature whose value verifies with no pinned key: rotated key, or altered value. */
function unverifiedValue(sig: Element, where: string, keys: PinnedKey[]): CheckResult {
  const keyInfo = inspectUntrustedCert(text(path(sig, ['KeyInfo', 'X509Data', 'X509Certificate'], NS.ds)));
  const pinned = keyInfo === undefined ? undefined : keys.find((k) => k.fingerprint256 === keyInfo.fingerprint256);
  const expected = `a signature by a pinned certificate: ${keys.map((k) => `${k.subject} (SHA-256 ${k.fingerprint256})`).join('; ')}`;
  if (pinned !== undefined) {
    // The certificate is the right one, so nothing was rotated: the SignatureValue (or the SignedInfo
    // it signs) is not what that key produced.
    return failed('signature', 'SIG_VALUE_INVALID', {
      expected,
      actual: `the signature value does not verify with the pinned certificate its KeyInfo names (${pinned.subject})`,
      detail: `The ${where} value does not verify, although its KeyInfo names a pinned certificate.`,
      hint: `The SignatureValue or the SignedInfo it signs was changed after signing; the certificate is not the problem. ${ALTERED_HINT}`,
    });
  }
  return failed('signature', 'SIG_INVALID', {
    expected,
    actual:
      keyInfo === undefined
        ? 'the signature value does not verify with any pinned certificate'
        : `signed by another key; KeyInfo (not trusted) names ${keyInfo.description}`,
    detail: `The ${where} does not verify with any of the ${keys.length} pinned certificate(s).`,
    hint:
      keyInfo === undefined
        ? `Either the signing certificate is not pinned (${ROTATED_HINT}) or the SignatureValue was altered.`
        : rotatedHint(keyInfo.fingerprint),
  });
}

const FAILURES: Record<Exclude<VerifyFailure, 'signature-value'>, (where: string, message: string) => CheckResult> = {
  malformed: (where, message) =>
    failed('signature', 'SIG_MALFORMED', {
      expected: 'a complete enveloped signature (one Reference, one DigestValue, one base64 SignatureValue)',
      actual: message,
      detail: `The ${where} cannot be verified.`,
      hint: 'A malformed or tampered signature; re-capture the response from Auth0.',
    }),
  transforms: (where, message) =>
    failed('signature', 'SIG_TRANSFORM_NOT_ALLOWED', {
      expected: 'the enveloped-signature transform, then at most one exc-c14n/c14n',
      actual: message,
      detail: `The ${where} applies its transforms in a form SAML does not use.`,
      hint: 'Auth0 uses enveloped + exc-c14n; any other sequence is refused.',
    }),
  ambiguous: (where, message) =>
    failed('signature', 'SIG_INVALID', {
      expected: 'exactly one element with the referenced ID',
      actual: message,
      detail: `The ${where} could not be verified: its reference is ambiguous.`,
      hint: 'The document has duplicate IDs (a wrapping pattern); re-capture the response from Auth0.',
    }),
  'empty-signature-value': (where) =>
    failed('signature', 'SIG_VALUE_EMPTY', {
      expected: 'a base64 SignatureValue',
      actual: 'an empty SignatureValue',
      detail: `The ${where} has an empty SignatureValue: it was never computed.`,
      hint: 'The response carries an unfinished signature template (or the value was cut out in transit); nothing vouches for it. Capture the POST body Auth0 sends, which always carries a SignatureValue.',
    }),
  digest: (where, message) =>
    failed('signature', 'SIG_DIGEST_MISMATCH', {
      expected: 'the digest of the signed content',
      actual: message,
      detail: `The content covered by the ${where} changed after signing.`,
      hint: ALTERED_HINT,
    }),
};

function verifyOne(root: Element, sig: Element, parent: Element, keys: PinnedKey[]): Outcome & { warnings: string[] } {
  const where = `${parent.localName} signature`;
  const policy = inspectSignature(sig, parent);
  if (policy.problem) return { warnings: policy.warnings, result: failed('signature', policy.problem.code, policy.problem) };
  const v = verifyEnveloped(sig, parent, root, keys);
  if (!v.ok) {
    return { warnings: policy.warnings, result: v.failure === 'signature-value' ? unverifiedValue(sig, where, keys) : FAILURES[v.failure](where, v.message) };
  }
  const parsed = parseXml(v.canonical);
  const signed = parsed.ok ? parsed.root : undefined;
  if (
    signed === undefined ||
    signed.localName !== parent.localName ||
    signed.namespaceURI !== parent.namespaceURI ||
    attr(signed, 'ID') !== attr(parent, 'ID')
  ) {
    return {
      warnings: policy.warnings,
      result: failed('signature', 'SIG_BAD_REFERENCE', {
        expected: `the ${parent.localName} ${attr(parent, 'ID') ?? ''}`,
        actual: signed === undefined ? 'unparsable signed content' : `${signed.tagName} ${attr(signed, 'ID') ?? ''}`,
        detail: `The ${where} covers a different element than the one it is enveloped in.`,
        hint: 'A signature-wrapping pattern: only a signature over the Response or the consumed Assertion counts.',
      }),
    };
  }
  return {
    warnings: [...policy.warnings, ...(keys.length > 1 ? [`${where} verified with pinned certificate #${v.key.index + 1} (${v.key.subject}).`] : [])],
    signed,
  };
}

/** The parent of the first ds:Signature that is neither the Response's nor an Assertion's child. */
function findMisplacedSignature(root: Element): Element | undefined {
  let found: Element | undefined;
  descendants(root, (el) => {
    const parent = el.parentNode as Element | null;
    if (found !== undefined || el.localName !== 'Signature' || el.namespaceURI !== NS.ds || parent === null) return;
    if (parent !== root && !(parent.localName === 'Assertion' && parent.namespaceURI === NS.saml)) found = parent;
  });
  return found;
}

export const signature: Check = (state, exp) => {
  const root = state.root as Element;
  const { keys, errors } = pinnedKeys(Array.isArray(exp.certificates) ? exp.certificates : []);
  if (errors.length > 0 || keys.length === 0) {
    return {
      result: failed('signature', errors.length > 0 ? 'SIG_BAD_CERT' : 'SIG_NO_CERT', {
        expected: 'at least one readable PEM X.509 certificate',
        actual: errors[0] ?? 'no certificate configured',
        detail: 'The pinned IdP certificate list cannot be used.',
        hint: 'Download the certificate from https://<tenant>/pem (Auth0 → Addons → SAML2 Web App → Usage) and pass it as PEM (-----BEGIN CERTIFICATE-----).',
      }),
    };
  }
  const locations: Array<{ sig: Element; parent: Element }> = [];
  const parents = [root, ...children(root, 'Assertion', NS.saml)];
  for (const parent of parents) {
    const sigs = children(parent, 'Signature', NS.ds);
    if (sigs.length > 1) {
      return {
        result: failed('signature', 'SIG_MULTIPLE', {
          expected: `at most one Signature in the ${parent.localName}`,
          actual: `${sigs.length}`,
          detail: `The ${parent.localName} carries ${sigs.length} signatures.`,
          hint: 'Auth0 puts one Signature right after the Issuer; several are a wrapping pattern.',
        }),
      };
    }
    for (const sig of sigs) locations.push({ sig, parent });
  }
  // A Signature anywhere else (Status, Extensions, Subject, …) is not where SAML puts one: refuse it
  // rather than ignore it (ruby-saml corpus: Response signature moved into samlp:Status).
  const misplaced = findMisplacedSignature(root);
  if (misplaced !== undefined) {
    return {
      result: failed('signature', 'SIG_MISPLACED', {
        expected: 'Signatures only as a child of the Response or of an Assertion',
        actual: `a Signature inside ${misplaced.tagName}`,
        detail: `A Signature sits inside ${misplaced.tagName}, where no SAML signature belongs.`,
        hint: 'Auth0 puts one Signature right after the Issuer of the Response or the Assertion; a moved or extra Signature is a wrapping pattern: treat the response as an attack.',
      }),
    };
  }
  if (locations.length === 0) {
    return {
      result: failed('signature', 'SIG_UNSIGNED', {
        expected: 'a Signature in the Response or in the Assertion',
        actual: 'no Signature',
        detail: 'Neither the Response nor the Assertion is signed.',
        hint: 'Auth0 always signs (the Assertion by default, the Response with "signResponse": true). An unsigned response did not come from Auth0 unaltered: never accept it.',
      }),
    };
  }
  const warnings: string[] = [];
  const out: Partial<PipelineState> = {};
  for (const { sig, parent } of locations) {
    const one = verifyOne(root, sig, parent, keys);
    warnings.push(...one.warnings);
    if ('result' in one) return { result: { ...one.result, ...(warnings.length > 0 ? { warnings } : {}) } };
    if (parent === root) {
      out.signedResponse = one.signed;
      const inner = children(one.signed, 'Assertion', NS.saml);
      if (inner.length === 1) out.signedAssertion = inner[0];
    } else if (out.signedAssertion === undefined) {
      out.signedAssertion = one.signed;
    }
  }
  const responseSigned = locations.some((l) => l.parent === root);
  const assertionSigned = locations.some((l) => l.parent !== root);
  out.signedElement = responseSigned && assertionSigned ? 'both' : responseSigned ? 'Response' : 'Assertion';
  if (out.signedElement === 'Assertion')
    warnings.push('Only the Assertion is signed: accepted, but Twilio\'s guide asks for "signResponse": true in the Auth0 SAML addon.');
  return {
    ...out,
    result: passed(
      'signature',
      `${out.signedElement === 'both' ? 'Response and Assertion' : out.signedElement} signed; verified with the pinned certificate(s) only.`,
      warnings,
    ),
  };
};
