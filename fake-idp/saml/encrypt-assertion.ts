// Assertion encryption as Auth0 does it when an Action calls api.samlResponse.setEncryptionCert /
// setEncryptionPublicKey (post-login API docs): auth0/node-saml lib/xml/encrypt.js encrypts the
// (signed or unsigned) Assertion with xml-encryption — content aes256-gcm, key rsa-oaep-mgf1p, the
// certificate in KeyInfo — and lib/saml20.js wraps the result in <saml:EncryptedAssertion>; node-samlp
// then puts that in the Response and signs the Response when signResponse is on.
import { createPublicKey } from 'node:crypto';
import xmlenc from 'xml-encryption';
import { NS_ASSERTION } from './types.ts';

export const AES256_GCM = 'http://www.w3.org/2009/xmlenc11#aes256-gcm';
export const RSA_OAEP_MGF1P = 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p';

export interface EncryptionSettings {
  cert: string;
  publicKey?: string;
  algorithm?: string;
}

/**
 * node-saml encrypts only when `encryptionCert` is set (fromEncryptXmlOptions). Without
 * setEncryptionPublicKey the emulator takes the certificate's public key (xml-encryption needs one;
 * what Auth0 does then is unconfirmed).
 */
export function encryptionSettings(overrides: {
  encryptionCert?: string;
  encryptionPublicKey?: string;
  encryptionAlgorithm?: string;
}): EncryptionSettings | undefined {
  if (overrides.encryptionCert === undefined) return undefined;
  return {
    cert: overrides.encryptionCert,
    ...(overrides.encryptionPublicKey === undefined ? {} : { publicKey: overrides.encryptionPublicKey }),
    ...(overrides.encryptionAlgorithm === undefined ? {} : { algorithm: overrides.encryptionAlgorithm }),
  };
}

const ALGORITHMS: Record<string, string> = { 'aes256-gcm': AES256_GCM };

function encrypt(content: string, settings: EncryptionSettings): Promise<string> {
  const publicKey = settings.publicKey ?? (createPublicKey(settings.cert).export({ type: 'spki', format: 'pem' }) as string);
  return new Promise((resolve, reject) => {
    xmlenc.encrypt(
      content,
      {
        rsa_pub: publicKey,
        pem: settings.cert,
        encryptionAlgorithm: ALGORITHMS[settings.algorithm ?? ''] ?? AES256_GCM,
        keyEncryptionAlgorithm: RSA_OAEP_MGF1P,
        disallowEncryptionWithInsecureAlgorithm: true,
        warnInsecureAlgorithm: false,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

/** Replaces the Response's Assertion (self-contained: it declares its own namespace) by its EncryptedAssertion. */
export async function encryptAssertionInResponse(responseXml: string, settings: EncryptionSettings): Promise<string> {
  const start = responseXml.indexOf('<saml:Assertion ');
  const endTag = '</saml:Assertion>';
  const end = responseXml.lastIndexOf(endTag);
  if (start < 0 || end < start) throw new Error('encryptAssertionInResponse: no Assertion in the response');
  const assertion = responseXml.slice(start, end + endTag.length);
  // lib/saml20.js: utils.removeWhitespace(encrypted), wrapped in saml:EncryptedAssertion.
  const encrypted = (await encrypt(assertion, settings)).replace(/>\s+</g, '><').trim();
  return `${responseXml.slice(0, start)}<saml:EncryptedAssertion xmlns:saml="${NS_ASSERTION}">${encrypted}</saml:EncryptedAssertion>${responseXml.slice(end + endTag.length)}`;
}
