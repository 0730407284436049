// Verification of one enveloped XML signature on the pipeline's own parsed document.
//
// Why not xml-crypto's checkSignature: it takes the document as text and parses it again with the
// xmldom 0.8 it bundles, whose line-end rules differ from XML 1.0 (U+0085/U+2028 become LF), so
// the verifier and the pipeline's reader would see different characters. Here the node that was
// parsed once (xml-parser.ts) is the node that is digested, and the canonical bytes that verified
// are parsed again by that same parser for every later check.
//
// Scope is the SAML profile of XML-DSig (SAML Core §5.4) and nothing else: one Reference whose URI
// is the enveloping element's ID (signature-policy.ts checks that first), the enveloped-signature
// transform, at most one canonicalization transform, RSA with the pinned keys. Canonicalization is
// xml-crypto's (C14N 1.0 and exclusive C14N, the library's own classes).
//
// Each signature's SignedInfo is canonicalized with its OWN ancestors' namespaces: xml-crypto takes
// them from the first SignedInfo of the document, so with inclusive C14N an Assertion signature
// inside a signed Response never verified (xmlsec1 verifies it).
import { createHash, timingSafeEqual, verify } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import {
  C14nCanonicalization,
  C14nCanonicalizationWithComments,
  ExclusiveCanonicalization,
  ExclusiveCanonicalizationWithComments,
  findAncestorNs,
} from 'xml-crypto';
import type { PinnedKey } from './pinned-certs.ts';
import { NS, attr, child, children, descendants, text } from './xml.ts';

const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const EXC_NS = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const INCLUSIVE = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';

type Canonicalizer = { process(node: unknown, options: object): string };
const CANONICALIZERS: Record<string, { exclusive: boolean; make: () => Canonicalizer; withoutComments: () => Canonicalizer }> = {
  [EXC_NS]: { exclusive: true, make: () => new ExclusiveCanonicalization(), withoutComments: () => new ExclusiveCanonicalization() },
  [`${EXC_NS}WithComments`]: {
    exclusive: true,
    make: () => new ExclusiveCanonicalizationWithComments(),
    withoutComments: () => new ExclusiveCanonicalization(),
  },
  [INCLUSIVE]: { exclusive: false, make: () => new C14nCanonicalization(), withoutComments: () => new C14nCanonicalization() },
  [`${INCLUSIVE}#WithComments`]: { exclusive: false, make: () => new C14nCanonicalizationWithComments(), withoutComments: () => new C14nCanonicalization() },
};
const HASHES: Record<string, string> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'sha512',
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1': 'sha1',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': 'sha256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': 'sha512',
};
/** xml-crypto's default for a `ds:` prefix left undeclared (SignedXml.defaultNsForPrefix). */
const DEFAULT_NS_FOR_PREFIX = { ds: NS.ds };

export type VerifyFailure =
  /** SignedInfo/Reference/SignatureValue shape that cannot be verified. */
  | 'malformed'
  /** Transform list other than enveloped [+ one c14n]. */
  | 'transforms'
  /** More than one element answers to the referenced ID. */
  | 'ambiguous'
  | 'empty-signature-value'
  /** The referenced content does not hash to DigestValue: it changed after signing. */
  | 'digest'
  /** The digest matches, the SignatureValue verifies with none of the pinned keys. */
  | 'signature-value';

export type Verification = { ok: true; canonical: string; key: PinnedKey } | { ok: false; failure: VerifyFailure; message: string };

const fail = (failure: VerifyFailure, message: string): Verification => ({ ok: false, failure, message });

/** Base64 content of an element, XML whitespace removed; undefined when it is not base64. */
function base64Of(el: Element): Buffer | undefined {
  const compact = (text(el) ?? '').replace(/[ \t\r\n]+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  return Buffer.from(compact, 'base64');
}

function prefixList(method: Element | undefined): string[] {
  const list = attr(child(method, 'InclusiveNamespaces', EXC_NS), 'PrefixList') ?? '';
  return list.split(/[ \t\r\n]+/).filter((p) => p !== '');
}

function ancestorNamespaces(el: Element): unknown[] {
  // findAncestorNs evaluates its XPath from the node it is given: '.' is exactly this element.
  return findAncestorNs(el as never, '.');
}

function canonicalize(algorithm: string, node: Element, original: Element, prefixes: string[], forReference: boolean): string | undefined {
  const spec = CANONICALIZERS[algorithm];
  if (spec === undefined) return undefined;
  // A same-document reference (URI="#id") is dereferenced without comments (XML-DSig §4.4.3.3),
  // whatever the algorithm says; SignedInfo keeps them under a WithComments method.
  const c14n = forReference ? spec.withoutComments() : spec.make();
  return c14n.process(node, {
    ancestorNamespaces: ancestorNamespaces(original),
    defaultNsForPrefix: DEFAULT_NS_FOR_PREFIX,
    ...(spec.exclusive ? { inclusiveNamespacesPrefixList: prefixes } : {}),
  });
}

function countId(root: Element, id: string): number {
  let n = 0;
  descendants(root, (el) => {
    if (el.getAttribute('ID') === id && el.hasAttribute('ID')) n++;
  });
  return n;
}

/** The canonical bytes `sig` covers, once both its digest and its SignatureValue verify. */
export function verifyEnveloped(sig: Element, parent: Element, documentRoot: Element, keys: readonly PinnedKey[]): Verification {
  const signedInfo = child(sig, 'SignedInfo', NS.ds);
  const ref = signedInfo === undefined ? undefined : child(signedInfo, 'Reference', NS.ds);
  const id = attr(parent, 'ID');
  if (signedInfo === undefined || ref === undefined || id === undefined) return fail('malformed', 'no SignedInfo/Reference or no ID to reference');
  const signatureValues = children(sig, 'SignatureValue', NS.ds);
  const digestValues = children(ref, 'DigestValue', NS.ds);
  if (signatureValues.length !== 1 || digestValues.length !== 1) {
    return fail('malformed', `${signatureValues.length} SignatureValue and ${digestValues.length} DigestValue elements (one of each expected)`);
  }
  // Empty first: a signature template that was never computed says so, not "content changed".
  if ((text(signatureValues[0]) ?? '').trim() === '') return fail('empty-signature-value', 'the SignatureValue is empty');
  const digestValue = base64Of(digestValues[0] as Element);
  if (digestValue === undefined) return fail('malformed', 'the DigestValue is not base64');

  const transformsEl = child(ref, 'Transforms', NS.ds);
  const transforms = transformsEl === undefined ? [] : children(transformsEl, 'Transform', NS.ds);
  const algorithms = transforms.map((t) => attr(t, 'Algorithm') ?? '(absent)');
  const [first, second, ...rest] = algorithms;
  if (first !== ENVELOPED || rest.length > 0 || (second !== undefined && CANONICALIZERS[second] === undefined)) {
    return fail('transforms', `transforms ${algorithms.join(', ') || '(none)'}`);
  }
  if (countId(documentRoot, id) > 1) return fail('ambiguous', `several elements carry ID="${id}"`);

  // Enveloped-signature transform: the referenced element without this Signature.
  const clone = parent.cloneNode(true) as Element;
  const at = Array.prototype.indexOf.call(parent.childNodes, sig);
  const enveloped = clone.childNodes.item(at);
  if (enveloped !== null) clone.removeChild(enveloped);
  // A node-set left at the end of the transforms is canonicalized with C14N 1.0 (XML-DSig §4.4.3.2).
  const referenceC14n = second ?? INCLUSIVE;
  const canonical = canonicalize(referenceC14n, clone, parent, prefixList(transforms[1]), true);
  const hash = HASHES[attr(child(ref, 'DigestMethod', NS.ds), 'Algorithm') ?? ''];
  if (canonical === undefined || hash === undefined) return fail('malformed', 'unsupported canonicalization or digest method');
  const digest = createHash(hash).update(canonical, 'utf8').digest();
  if (digest.length !== digestValue.length || !timingSafeEqual(digest, digestValue)) {
    return fail('digest', `the ${parent.localName} hashes to ${digest.toString('base64')}, the signature says ${digestValue.toString('base64')}`);
  }

  // The digest is checked before the SignatureValue is looked at, so content edited after signing
  // is reported as such even when the value was damaged too.
  const signatureValue = base64Of(signatureValues[0] as Element);
  if (signatureValue === undefined) return fail('malformed', 'the SignatureValue is not base64');
  const c14nMethod = child(signedInfo, 'CanonicalizationMethod', NS.ds);
  const signedInfoCanonical = canonicalize(
    attr(c14nMethod, 'Algorithm') ?? '',
    signedInfo.cloneNode(true) as Element,
    signedInfo,
    prefixList(c14nMethod),
    false,
  );
  const signatureHash = HASHES[attr(child(signedInfo, 'SignatureMethod', NS.ds), 'Algorithm') ?? ''];
  if (signedInfoCanonical === undefined || signatureHash === undefined) return fail('malformed', 'unsupported canonicalization or signature method');
  const data = Buffer.from(signedInfoCanonical, 'utf8');
  for (const pinned of keys) {
    let valid = false;
    try {
      valid = verify(signatureHash, data, pinned.key, signatureValue);
    } catch {
      valid = false; // a key of another type (EC) cannot verify an RSA signature
    }
    if (valid) return { ok: true, canonical, key: pinned };
  }
  return fail('signature-value', `the SignatureValue does not verify with ${keys.length === 1 ? 'the pinned key' : `any of the ${keys.length} pinned keys`}`);
}
