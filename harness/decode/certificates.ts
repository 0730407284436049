// Loads the certificates `decode` pins: PEM files (several certificates allowed, or a bare
// base64 .cer body) and IdP metadata XML (every signing X509Certificate). Never KeyInfo.
import { X509Certificate } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';

const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
const MD_NS = 'urn:oasis:names:tc:SAML:2.0:metadata';

/** A certificate problem; the CLI turns it into a usage error (exit 2). */
export class CertificateError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'CertificateError';
  }
}

export function toPem(base64Body: string): string {
  const body = base64Body.replace(/\s+/g, '');
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function assertCertificate(pem: string, where: string): string {
  try {
    new X509Certificate(pem);
    return pem;
  } catch (error) {
    throw new CertificateError(
      'CERT_INVALID',
      `${where} is not a valid X.509 certificate (${(error as Error).message}).`,
      'Download the signing certificate again: Auth0 dashboard → Applications → your app → Settings → Advanced Settings → Certificates ("Download Certificate" as PEM), or https://<tenant>/pem.',
    );
  }
}

/** Every certificate in a PEM text; a file without PEM armour is read as one base64 (or DER) certificate. */
export function parseCertificateFile(content: Buffer, where: string): string[] {
  const text = content.toString('utf8');
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g);
  if (blocks) return blocks.map((block, i) => assertCertificate(`${block}\n`, blocks.length > 1 ? `${where} (certificate ${i + 1})` : where));
  const compact = text.replace(/\s+/g, '');
  if (compact !== '' && /^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return [assertCertificate(toPem(compact), where)];
  if (content.length > 0 && content[0] === 0x30) return [assertCertificate(toPem(content.toString('base64')), where)];
  throw new CertificateError(
    'CERT_INVALID',
    `${where} holds no certificate: expected PEM ("-----BEGIN CERTIFICATE-----"), a base64 .cer body or DER.`,
    'Pass the IdP signing certificate as a PEM file (--cert auth0.pem) or the IdP metadata XML (--metadata metadata.xml).',
  );
}

/** The signing certificates of IdP metadata (KeyDescriptor use="signing" or without `use`). */
export function parseMetadataCertificates(xml: string, where: string): { certificates: string[]; entityId?: string } {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    throw new CertificateError(
      'METADATA_DOCTYPE',
      `${where} contains a DOCTYPE or entity declaration, which metadata never needs.`,
      'Download the metadata again from the IdP (Auth0: https://<tenant>/samlp/metadata/<client_id>).',
    );
  }
  const errors: string[] = [];
  let doc: ReturnType<DOMParser['parseFromString']> | undefined;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') errors.push(message);
      },
    }).parseFromString(xml, 'text/xml');
  } catch (error) {
    errors.push((error as Error).message);
  }
  const root = doc?.documentElement;
  if (errors.length > 0 || !doc || !root) {
    throw new CertificateError(
      'METADATA_INVALID',
      `${where} is not well-formed XML: ${errors[0] ?? 'no root element'}.`,
      'Pass the IdP metadata XML file as downloaded from the IdP.',
    );
  }
  const certificates: string[] = [];
  const descriptors = Array.from(doc.getElementsByTagNameNS(MD_NS, 'KeyDescriptor'));
  for (const descriptor of descriptors) {
    const use = descriptor.getAttribute('use');
    if (use && use !== 'signing') continue;
    for (const node of Array.from(descriptor.getElementsByTagNameNS(DSIG_NS, 'X509Certificate'))) {
      certificates.push(assertCertificate(toPem(node.textContent ?? ''), `${where} (X509Certificate ${certificates.length + 1})`));
    }
  }
  if (certificates.length === 0) {
    throw new CertificateError(
      'METADATA_NO_CERT',
      `${where} has no signing X509Certificate in a KeyDescriptor.`,
      'Pass IdP metadata (Auth0: https://<tenant>/samlp/metadata/<client_id>) or the certificate itself with --cert.',
    );
  }
  const entityId = root.getAttribute('entityID');
  return { certificates: unique(certificates), ...(entityId ? { entityId } : {}) };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
