// Enveloped XML signatures the way Auth0 places them: a default-namespace <Signature> right after
// the Issuer of the signed element (the Assertion, or the Response when signResponse is on),
// enveloped + exc-c14n transforms, and the signing certificate in KeyInfo. Signing is asynchronous:
// the RSA operation runs in libuv's threadpool, on both the fast path and the xml-crypto fallback.
import { createPrivateKey, type BinaryLike, type KeyLike, type KeyObject } from 'node:crypto';
import { SignedXml, type ErrorFirstCallback, type SignatureAlgorithm as XmlCryptoSignatureAlgorithm } from 'xml-crypto';
import { fastSign, rsaSignInThreadpool } from './fast-signing.ts';
import type { ElementMatcher } from './string-c14n.ts';
import { NS_ASSERTION, NS_PROTOCOL, type DigestAlgorithm, type SignatureAlgorithm } from './types.ts';

export interface SigningKey {
  keyPem: string;
  certPem: string;
}

export interface SignOptions {
  /** Which element carries the signature. */
  target: 'response' | 'assertion';
  key: SigningKey;
  signatureAlgorithm: SignatureAlgorithm;
  digestAlgorithm: DigestAlgorithm;
}

const SIGNATURE_URIS: Record<SignatureAlgorithm, 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256' | 'http://www.w3.org/2000/09/xmldsig#rsa-sha1'> = {
  'rsa-sha256': 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  'rsa-sha1': 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
};

const DIGEST_URIS: Record<DigestAlgorithm, 'http://www.w3.org/2001/04/xmlenc#sha256' | 'http://www.w3.org/2000/09/xmldsig#sha1'> = {
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1',
};

const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

export const TARGET_XPATH: Record<SignOptions['target'], string> = {
  response: "/*[local-name(.)='Response' and namespace-uri(.)='urn:oasis:names:tc:SAML:2.0:protocol']",
  assertion: "/*[local-name(.)='Response']/*[local-name(.)='Assertion' and namespace-uri(.)='urn:oasis:names:tc:SAML:2.0:assertion']",
};

/** Also signs SAML logout messages: any root element with an Issuer child. */
export const ROOT_XPATH = '/*';

// The same selections for the string fast path (fast-signing.ts).
const TARGET_MATCH: Record<SignOptions['target'], ElementMatcher> = {
  response: (depth, local, ns) => depth === 0 && local === 'Response' && ns === NS_PROTOCOL,
  assertion: (depth, local, ns, rootLocal) => depth === 1 && rootLocal === 'Response' && local === 'Assertion' && ns === NS_ASSERTION,
};
const ROOT_MATCH: ElementMatcher = (depth) => depth === 0;

// Parsing a PEM key costs more than the RSA operation itself: keep parsed keys (a tenant has one).
const parsedKeys = new Map<string, KeyObject>();
function privateKeyObject(pem: string): KeyObject {
  let key = parsedKeys.get(pem);
  if (!key) {
    if (parsedKeys.size >= 16) parsedKeys.clear();
    key = createPrivateKey(pem);
    parsedKeys.set(pem, key);
  }
  return key;
}

// xml-crypto re-parses the certificate for KeyInfo on every signature (~10% of a login's signing
// time); the KeyInfo content of a certificate never changes, so build it once per certificate.
const keyInfoContents = new Map<string, string | null>();
function keyInfoContent(certPem: string, prefix: string | undefined): string | null {
  const cacheKey = `${prefix ?? ''}\n${certPem}`;
  let content = keyInfoContents.get(cacheKey);
  if (content === undefined) {
    if (keyInfoContents.size >= 16) keyInfoContents.clear();
    content = SignedXml.getKeyInfoContent({ publicCert: certPem, prefix });
    keyInfoContents.set(cacheKey, content);
  }
  return content;
}

/** Signs with the string fast path when it can guarantee the canonical form, else with xml-crypto. */
async function sign(xml: string, elementXpath: string, match: ElementMatcher, opts: Omit<SignOptions, 'target'>): Promise<string> {
  const keyInfo = keyInfoContent(opts.key.certPem, '');
  const fast =
    keyInfo === null
      ? null
      : await fastSign(xml, {
          match,
          privateKey: privateKeyObject(opts.key.keyPem),
          keyInfoContent: keyInfo,
          signatureAlgorithm: opts.signatureAlgorithm,
          digestAlgorithm: opts.digestAlgorithm,
        });
  return fast ?? signWithXmlCrypto(xml, elementXpath, opts);
}

/** xml-crypto's own RSA classes sign synchronously even in its callback flow; this one does not. */
function threadpoolRsa(algorithm: SignatureAlgorithm): new () => XmlCryptoSignatureAlgorithm {
  return class ThreadpoolRsa implements XmlCryptoSignatureAlgorithm {
    getSignature(signedInfo: BinaryLike, privateKey: KeyLike): string;
    getSignature(signedInfo: BinaryLike, privateKey: KeyLike, callback?: ErrorFirstCallback<string>): void;
    getSignature(signedInfo: BinaryLike, privateKey: KeyLike, callback?: ErrorFirstCallback<string>): string | void {
      if (!callback) throw new Error('signWithXmlCrypto signs through the callback flow only');
      const key = typeof privateKey === 'string' || Buffer.isBuffer(privateKey) ? createPrivateKey(privateKey) : (privateKey as KeyObject);
      const data = typeof signedInfo === 'string' ? Buffer.from(signedInfo, 'utf8') : Buffer.from(signedInfo as Uint8Array);
      rsaSignInThreadpool(algorithm, data, key).then(
        (value) => callback(null, value),
        (error: Error) => callback(error),
      );
    }
    verifySignature(): boolean {
      throw new Error("verification is not this signer's job");
    }
    getAlgorithmName(): (typeof SIGNATURE_URIS)[SignatureAlgorithm] {
      return SIGNATURE_URIS[algorithm];
    }
  };
}

/** The reference implementation (and fallback): parse, canonicalise and re-serialise with xml-crypto. */
export function signWithXmlCrypto(xml: string, elementXpath: string, opts: Omit<SignOptions, 'target'>): Promise<string> {
  const sig = new SignedXml({
    privateKey: privateKeyObject(opts.key.keyPem),
    publicCert: opts.key.certPem,
    getKeyInfoContent: (args) => keyInfoContent(opts.key.certPem, args?.prefix ?? undefined),
    signatureAlgorithm: SIGNATURE_URIS[opts.signatureAlgorithm],
    canonicalizationAlgorithm: EXC_C14N,
  });
  sig.SignatureAlgorithms = { ...sig.SignatureAlgorithms, [SIGNATURE_URIS[opts.signatureAlgorithm]]: threadpoolRsa(opts.signatureAlgorithm) };
  sig.addReference({
    xpath: elementXpath,
    transforms: [ENVELOPED, EXC_C14N],
    digestAlgorithm: DIGEST_URIS[opts.digestAlgorithm],
  });
  return new Promise((resolve, reject) => {
    sig.computeSignature(
      xml,
      {
        prefix: '',
        location: { reference: `${elementXpath}/*[local-name(.)='Issuer']`, action: 'after' },
      },
      (error) => {
        if (error) reject(error);
        else resolve(sig.getSignedXml());
      },
    );
  });
}

/** Signs the Response or its Assertion (never both, as Auth0's signResponse semantics). */
export function signSamlResponseXml(xml: string, opts: SignOptions): Promise<string> {
  return sign(xml, TARGET_XPATH[opts.target], TARGET_MATCH[opts.target], opts);
}

/** Signs the root element of a protocol message (LogoutResponse, error Response). */
export function signRootElement(xml: string, opts: Omit<SignOptions, 'target'>): Promise<string> {
  return sign(xml, ROOT_XPATH, ROOT_MATCH, opts);
}

/** Certificate body (base64 DER, no armour) as it appears in KeyInfo and metadata. */
export function certificateBody(certPem: string): string {
  return certPem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
}
