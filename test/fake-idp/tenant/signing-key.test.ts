import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkSigningKey, generateSigningKey, generateSigningKeyInBackground } from '../../../fake-idp/tenant/signing-key.ts';

const NOW = new Date('2026-11-23T08:00:00Z');

describe('tenant signing keys', () => {
  for (const [name, make] of [
    ['generateSigningKey', async () => generateSigningKey('dev-a.us.auth0.com', NOW)],
    ['generateSigningKeyInBackground', () => generateSigningKeyInBackground('dev-a.us.auth0.com', NOW)],
  ] as const) {
    it(`${name}: an RSA-2048 key with a self-signed CN=<domain> certificate that belongs to it`, async () => {
      const key = await make();
      const cert = new X509Certificate(key.certPem);
      expect(cert.subject).toBe('CN=dev-a.us.auth0.com');
      expect(cert.issuer).toBe('CN=dev-a.us.auth0.com');
      expect(new Date(cert.validFrom).getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(new Date(cert.validTo).getUTCFullYear()).toBe(2036);
      expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
      expect(createPublicKey(createPrivateKey(key.keyPem)).export({ type: 'spki', format: 'pem' })).toBe(
        cert.publicKey.export({ type: 'spki', format: 'pem' }),
      );
      expect(checkSigningKey(key)).toBe(key);
    });
  }

  it('two generated keys differ', async () => {
    const [a, b] = await Promise.all([generateSigningKeyInBackground('x.test', NOW), generateSigningKeyInBackground('x.test', NOW)]);
    expect(a.keyPem).not.toBe(b.keyPem);
  });

  it('rejects a key that does not belong to the certificate', async () => {
    const a = generateSigningKey('x.test', NOW);
    const b = await generateSigningKeyInBackground('x.test', NOW);
    expect(() => checkSigningKey({ keyPem: a.keyPem, certPem: b.certPem })).toThrow(/does not match/);
  });
});
