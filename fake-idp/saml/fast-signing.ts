// Enveloped signature of an element of an emulator-built document without a DOM round-trip: the
// element's exc-c14n form comes from string-c14n.ts, SignedInfo is written already canonical, and
// the <Signature> is spliced into the original string right after the element's Issuer (where
// xml-crypto puts it). The result is what signing.ts's xml-crypto path produces, the Signature
// element byte for byte (RSA PKCS#1 v1.5 is deterministic); it returns null whenever the input is
// outside what string-c14n can canonicalise, and the caller then uses xml-crypto. The RSA private-key
// operation (the costliest step of a login on the emulator's main thread) runs in libuv's threadpool
// through crypto.sign's callback form, so concurrent logins keep the event loop moving meanwhile.
import { createHash, sign as rsaSign, type KeyObject } from 'node:crypto';
import { canonicalizeElement, type ElementMatcher } from './string-c14n.ts';
import type { DigestAlgorithm, SignatureAlgorithm } from './types.ts';

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const SIGNATURE_URIS: Record<SignatureAlgorithm, string> = {
  'rsa-sha256': 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  'rsa-sha1': 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
};
const DIGEST_URIS: Record<DigestAlgorithm, string> = {
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1',
};
const RSA_HASH: Record<SignatureAlgorithm, string> = { 'rsa-sha256': 'sha256', 'rsa-sha1': 'sha1' };

export interface FastSignInput {
  match: ElementMatcher;
  privateKey: KeyObject;
  /** `<X509Data>…</X509Data>` exactly as xml-crypto writes KeyInfo content with an empty prefix. */
  keyInfoContent: string;
  signatureAlgorithm: SignatureAlgorithm;
  digestAlgorithm: DigestAlgorithm;
}

/** SignedInfo with self-closing tags (as serialised) or in its canonical form (as signed). */
function signedInfo(id: string, digest: string, opts: FastSignInput, canonical: boolean): string {
  const empty = (tag: string, algorithm: string): string => (canonical ? `<${tag} Algorithm="${algorithm}"></${tag}>` : `<${tag} Algorithm="${algorithm}"/>`);
  return (
    `<SignedInfo${canonical ? ` xmlns="${DSIG}"` : ''}>` +
    empty('CanonicalizationMethod', EXC_C14N) +
    empty('SignatureMethod', SIGNATURE_URIS[opts.signatureAlgorithm]) +
    `<Reference URI="#${id}"><Transforms>` +
    empty('Transform', ENVELOPED) +
    empty('Transform', EXC_C14N) +
    '</Transforms>' +
    empty('DigestMethod', DIGEST_URIS[opts.digestAlgorithm]) +
    `<DigestValue>${digest}</DigestValue></Reference></SignedInfo>`
  );
}

/** RSA PKCS#1 v1.5 signature (base64) computed off the main thread. */
export function rsaSignInThreadpool(algorithm: SignatureAlgorithm, data: Buffer, key: KeyObject): Promise<string> {
  return new Promise((resolve, reject) => {
    rsaSign(RSA_HASH[algorithm], data, key, (error, signature) => {
      if (error) reject(error);
      else resolve(signature.toString('base64'));
    });
  });
}

/** The signed document, or null when the fast path cannot guarantee a correct canonical form. */
export async function fastSign(xml: string, opts: FastSignInput): Promise<string | null> {
  const element = canonicalizeElement(xml, opts.match);
  if (!element) return null;
  // The Signature is not in the document yet, so the enveloped transform has nothing to remove.
  const digest = createHash(opts.digestAlgorithm).update(element.canonical, 'utf8').digest('base64');
  const value = await rsaSignInThreadpool(opts.signatureAlgorithm, Buffer.from(signedInfo(element.id, digest, opts, true), 'utf8'), opts.privateKey);
  const signature =
    `<Signature xmlns="${DSIG}">${signedInfo(element.id, digest, opts, false)}` +
    `<SignatureValue>${value}</SignatureValue><KeyInfo>${opts.keyInfoContent}</KeyInfo></Signature>`;
  return xml.slice(0, element.afterIssuer) + signature + xml.slice(element.afterIssuer);
}
