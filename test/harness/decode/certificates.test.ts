import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CertificateError, parseCertificateFile, parseMetadataCertificates } from '../../../harness/decode/certificates.ts';
import { testKey } from '../../helpers/saml-signer.ts';

const corpus = new URL('../../fixtures/corpus/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, corpus));
const AUTH0_METADATA = 'real/auth0-devtenant-jackson-slo/auth0-idp-metadata-example.xml';

function certificateError(run: () => unknown): CertificateError {
  try {
    run();
  } catch (error) {
    if (error instanceof CertificateError) return error;
    throw error;
  }
  throw new Error('expected a CertificateError');
}

describe('parseCertificateFile', () => {
  it('returns every certificate of a PEM bundle', () => {
    const bundle = `${testKey('idp').cert}\n${testKey('other-idp').cert}`;
    const certs = parseCertificateFile(Buffer.from(bundle), 'bundle.pem');
    expect(certs).toHaveLength(2);
    expect(new X509Certificate(certs[1] ?? '').fingerprint256).toBe(new X509Certificate(testKey('other-idp').cert).fingerprint256);
  });

  it('reads a bare base64 .cer body (Auth0 samlp test certificate)', () => {
    const [pem] = parseCertificateFile(read('real/auth0-samlp-lib-wsfed/test-auth0.cer'), 'test-auth0.cer');
    expect(new X509Certificate(pem ?? '').subject).toContain('CN=auth0.auth0.com');
  });

  it('reads DER', () => {
    const der = new X509Certificate(testKey('idp').cert).raw;
    expect(parseCertificateFile(der, 'idp.der')).toHaveLength(1);
  });

  it('rejects a file without a certificate, naming it', () => {
    const error = certificateError(() => parseCertificateFile(Buffer.from('hello, world'), 'notes.txt'));
    expect(error.code).toBe('CERT_INVALID');
    expect(error.message).toContain('notes.txt');
    expect(error.hint).toMatch(/--cert|--metadata/);
  });

  it('rejects a PEM block whose body is not a certificate', () => {
    const broken = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';
    expect(certificateError(() => parseCertificateFile(Buffer.from(broken), 'broken.pem')).code).toBe('CERT_INVALID');
  });
});

describe('parseMetadataCertificates', () => {
  it('extracts the signing certificate and entityID of Auth0 IdP metadata (line-wrapped X509Certificate)', () => {
    const { certificates, entityId } = parseMetadataCertificates(read(AUTH0_METADATA).toString('utf8'), 'metadata.xml');
    expect(entityId).toBe('urn:dev-tyj7qyzz.auth0.com');
    expect(certificates).toHaveLength(1);
    expect(new X509Certificate(certificates[0] ?? '').subject).toContain('CN=dev-tyj7qyzz.auth0.com');
  });

  it('ignores encryption-only keys and fails when no signing certificate remains', () => {
    const xml = read(AUTH0_METADATA)
      .toString('utf8')
      .replace(/<KeyDescriptor use="signing">/g, '<KeyDescriptor use="encryption">');
    expect(xml).toContain('use="encryption"');
    expect(certificateError(() => parseMetadataCertificates(xml, 'enc.xml')).code).toBe('METADATA_NO_CERT');
  });

  it('refuses a DOCTYPE before parsing', () => {
    const xml = `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${read(AUTH0_METADATA).toString('utf8')}`;
    expect(certificateError(() => parseMetadataCertificates(xml, 'evil.xml')).code).toBe('METADATA_DOCTYPE');
  });

  it('refuses XML that is not well-formed', () => {
    expect(certificateError(() => parseMetadataCertificates('<EntityDescriptor><oops></EntityDescriptor>', 'bad.xml')).code).toBe('METADATA_INVALID');
  });
});
