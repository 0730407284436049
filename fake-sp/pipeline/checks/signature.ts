// signature: verify every ds:Signature enveloped in the Response or in its Assertion with the pinned
// certificates only (KeyInfo is ignored), then parse the canonical bytes each signature covers
// (xml-crypto's getSignedReferences): every later check reads values from those bytes only.
import { DOMParser } from '@xmldom/xmldom';
import type { Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import type { Check, PipelineState } from '../context.ts';
import { describeUntrustedCert, pinnedKeys, type PinnedKey } from '../pinned-certs.ts';
import { failed, passed } from '../result.ts';
import { inspectSignature } from '../signature-policy.ts';
import type { CheckResult } from '../types.ts';
import { NS, attr, children, descendants, path, text } from '../xml.ts';

const ROTATED_HINT = 'The response was signed by a key whose certificate is not pinned. Most often the Auth0 signing certificate was rotated (or the app belongs to another tenant): download it again from https://<tenant>/pem (Addons → SAML2 Web App → Usage) and paste it into Flex → Single Sign-On → X.509 Certificate.';

type Outcome = { signed: Element } | { result: CheckResult };

function verifyOne(xml: string, sig: Element, parent: Element, keys: PinnedKey[]): Outcome & { warnings: string[] } {
  const where = `${parent.localName} signature`;
  const policy = inspectSignature(sig, parent);
  if (policy.problem) return { warnings: policy.warnings, result: failed('signature', policy.problem.code, policy.problem) };
  let lastError = '';
  // Loaded as text: xml-crypto bundles its own xmldom, and its XPath runs faster on its own nodes.
  // A literal CR would be normalised away when xml-crypto re-parses the text, and its enveloped
  // transform finds the Signature by its SignatureValue text: keep CRs as character references.
  const signatureXml = sig.toString().replace(/\r/g, '&#13;');
  for (const pinned of keys) {
    const sx = new SignedXml({ publicCert: pinned.key, getCertFromKeyInfo: () => null });
    // SAML 2.0 names its ID attribute `ID`, and the policy above already requires URI = #parent@ID.
    // One XPath ID lookup instead of three (ID/Id/id) is a third of xml-crypto's time; duplicates
    // under any of the three names are still refused by the wrapping check.
    sx.idAttributes = ['ID'];
    let valid: boolean;
    try {
      sx.loadSignature(signatureXml);
      valid = sx.checkSignature(xml);
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
      if (lastError.includes('the signature value')) continue; // wrong key: try the next pinned certificate
      return { warnings: policy.warnings, result: failed('signature', 'SIG_INVALID', { expected: 'a verifiable XML signature', actual: lastError, detail: `The ${where} could not be verified.`, hint: 'The signature structure is broken or the document has duplicate IDs (a wrapping pattern); re-capture the response from Auth0.' }) };
    }
    if (!valid) {
      return { warnings: policy.warnings, result: failed('signature', 'SIG_DIGEST_MISMATCH', { expected: 'the digest of the signed content', actual: 'a different digest', detail: `The content covered by the ${where} changed after signing.`, hint: 'Something altered the response after Auth0 signed it (a proxy, a copy/paste edit, or an attack). Capture the original POST body.' }) };
    }
    const refs = sx.getSignedReferences();
    const canonical = refs[0];
    if (refs.length !== 1 || canonical === undefined) {
      return { warnings: policy.warnings, result: failed('signature', 'SIG_BAD_REFERENCE', { expected: 'one signed reference', actual: `${refs.length}`, detail: `The ${where} covers ${refs.length} references.`, hint: 'Auth0 signs exactly one element per signature.' }) };
    }
    const signedDoc = new DOMParser({ onError: () => undefined }).parseFromString(canonical, 'text/xml');
    const signed = signedDoc.documentElement;
    if (signed == null || signed.localName !== parent.localName || signed.namespaceURI !== parent.namespaceURI || attr(signed, 'ID') !== attr(parent, 'ID')) {
      return { warnings: policy.warnings, result: failed('signature', 'SIG_BAD_REFERENCE', { expected: `the ${parent.localName} ${attr(parent, 'ID') ?? ''}`, actual: signed == null ? 'unparsable signed content' : `${signed.tagName} ${attr(signed, 'ID') ?? ''}`, detail: `The ${where} covers a different element than the one it is enveloped in.`, hint: 'A signature-wrapping pattern: only a signature over the Response or the consumed Assertion counts.' }) };
    }
    return { warnings: [...policy.warnings, ...(keys.length > 1 ? [`${where} verified with pinned certificate #${pinned.index + 1} (${pinned.subject}).`] : [])], signed };
  }
  const keyInfoCert = describeUntrustedCert(text(path(sig, ['KeyInfo', 'X509Data', 'X509Certificate'], NS.ds)));
  return {
    warnings: policy.warnings,
    result: failed('signature', 'SIG_INVALID', {
      expected: `a signature by a pinned certificate: ${keys.map((k) => `${k.subject} (SHA-256 ${k.fingerprint256})`).join('; ')}`,
      actual: keyInfoCert === undefined ? 'the signature value does not verify with any pinned certificate' : `signed by another key; KeyInfo (not trusted) names ${keyInfoCert}`,
      detail: `The ${where} does not verify with any of the ${keys.length} pinned certificate(s).`,
      hint: ROTATED_HINT,
    }),
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
  const xml = state.xml as string;
  const { keys, errors } = pinnedKeys(Array.isArray(exp.certificates) ? exp.certificates : []);
  if (errors.length > 0 || keys.length === 0) {
    return { result: failed('signature', errors.length > 0 ? 'SIG_BAD_CERT' : 'SIG_NO_CERT', { expected: 'at least one readable PEM X.509 certificate', actual: errors[0] ?? 'no certificate configured', detail: 'The pinned IdP certificate list cannot be used.', hint: 'Download the certificate from https://<tenant>/pem (Auth0 → Addons → SAML2 Web App → Usage) and pass it as PEM (-----BEGIN CERTIFICATE-----).' }) };
  }
  const locations: Array<{ sig: Element; parent: Element }> = [];
  const parents = [root, ...children(root, 'Assertion', NS.saml)];
  for (const parent of parents) {
    const sigs = children(parent, 'Signature', NS.ds);
    if (sigs.length > 1) {
      return { result: failed('signature', 'SIG_MULTIPLE', { expected: `at most one Signature in the ${parent.localName}`, actual: `${sigs.length}`, detail: `The ${parent.localName} carries ${sigs.length} signatures.`, hint: 'Auth0 puts one Signature right after the Issuer; several are a wrapping pattern.' }) };
    }
    for (const sig of sigs) locations.push({ sig, parent });
  }
  // A Signature anywhere else (Status, Extensions, Subject, …) is not where SAML puts one: refuse it
  // rather than ignore it (ruby-saml corpus: Response signature moved into samlp:Status).
  const misplaced = findMisplacedSignature(root);
  if (misplaced !== undefined) {
    return { result: failed('signature', 'SIG_MISPLACED', { expected: 'Signatures only as a child of the Response or of an Assertion', actual: `a Signature inside ${misplaced.tagName}`, detail: `A Signature sits inside ${misplaced.tagName}, where no SAML signature belongs.`, hint: 'Auth0 puts one Signature right after the Issuer of the Response or the Assertion; a moved or extra Signature is a wrapping pattern: treat the response as an attack.' }) };
  }
  if (locations.length === 0) {
    return { result: failed('signature', 'SIG_UNSIGNED', { expected: 'a Signature in the Response or in the Assertion', actual: 'no Signature', detail: 'Neither the Response nor the Assertion is signed.', hint: 'Auth0 always signs (the Assertion by default, the Response with "signResponse": true). An unsigned response did not come from Auth0 unaltered: never accept it.' }) };
  }
  const warnings: string[] = [];
  const out: Partial<PipelineState> = {};
  for (const { sig, parent } of locations) {
    const one = verifyOne(xml, sig, parent, keys);
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
  if (out.signedElement === 'Assertion') warnings.push('Only the Assertion is signed: accepted, but Twilio\'s guide asks for "signResponse": true in the Auth0 SAML addon.');
  return { ...out, result: passed('signature', `${out.signedElement === 'both' ? 'Response and Assertion' : out.signedElement} signed; verified with the pinned certificate(s) only.`, warnings) };
};
