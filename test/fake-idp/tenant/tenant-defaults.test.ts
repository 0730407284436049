import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Tenant, TenantError } from '../../../fake-idp/tenant/tenant.ts';
import { FROZEN, newTenant, sharedSigningKey } from './fixtures.ts';

describe('Tenant.create defaults', () => {
  it('generates an RSA-2048 key with a self-signed CN=<domain> certificate that matches it', () => {
    const tenant = Tenant.create({ domain: 'acme.test', clock: () => FROZEN });
    const cert = new X509Certificate(tenant.state.signing.certPem);
    expect(cert.subject).toBe('CN=acme.test');
    expect(cert.issuer).toBe('CN=acme.test');
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(new Date(cert.validFrom).getTime()).toBeLessThanOrEqual(FROZEN.getTime());
    const fromKey = createPublicKey(createPrivateKey(tenant.state.signing.keyPem)).export({ type: 'spki', format: 'pem' });
    expect(cert.publicKey.export({ type: 'spki', format: 'pem' })).toBe(fromKey);
  });

  it('has one SAML app "Twilio Flex", one management client and the database connection defaults', () => {
    const { tenant } = newTenant();
    expect(tenant.domain).toBe('tenant.test');
    expect(tenant.issuer).toBe('urn:tenant.test');
    const apps = tenant.listApplications();
    expect(apps).toHaveLength(1);
    const app = apps[0]!;
    expect(app.name).toBe('Twilio Flex');
    expect(app.client_id).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(app.callbacks).toEqual([]);
    expect(app.addons.samlp).toEqual({});
    expect(tenant.defaultSamlClientId()).toBe(app.client_id);
    expect(tenant.state.managementClients).toHaveLength(1);
    expect(tenant.state.managementClients[0]!.client_id).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(tenant.state.settings.universalLogin).toBe('single-page');
  });

  it('follows domain changes in the issuer', () => {
    const { tenant } = newTenant();
    tenant.domain = '127.0.0.1:4321';
    expect(tenant.issuer).toBe('urn:127.0.0.1:4321');
  });

  it('accepts a supplied signing key and rejects a key that does not match the certificate', () => {
    const good = sharedSigningKey();
    expect(Tenant.create({ signing: good }).state.signing).toEqual(good);
    const other = Tenant.create({ domain: 'other.test' }).state.signing;
    const mismatch = () => Tenant.create({ signing: { keyPem: other.keyPem, certPem: good.certPem } });
    expect(mismatch).toThrow(TenantError);
    expect(mismatch).toThrow(/does not match/);
  });
});

describe('applications', () => {
  it('patches addons.samlp and callbacks; null removes the addon', () => {
    const { tenant } = newTenant();
    const id = tenant.defaultSamlClientId();
    tenant.updateApplication(id, { callbacks: ['https://sp.test/acs'], addons: { samlp: { audience: 'urn:flex:JQ1', signResponse: true } } });
    expect(tenant.getApplication(id)).toMatchObject({
      callbacks: ['https://sp.test/acs'],
      addons: { samlp: { audience: 'urn:flex:JQ1', signResponse: true } },
    });
    tenant.updateApplication(id, { addons: { samlp: { audience: 'urn:flex:JQ2' } } });
    expect(tenant.getApplication(id)!.addons.samlp).toEqual({ audience: 'urn:flex:JQ2' });
    tenant.updateApplication(id, { addons: { samlp: null } });
    expect(tenant.getApplication(id)!.addons.samlp).toBeUndefined();
  });

  it('creates applications and reports an unknown client id as 404', () => {
    const { tenant } = newTenant();
    const app = tenant.createApplication({ name: 'Second', addons: { samlp: {} } });
    expect(tenant.getApplication(app.client_id)?.name).toBe('Second');
    expect(() => tenant.updateApplication('nope', { name: 'x' })).toThrow(expect.objectContaining({ statusCode: 404, errorCode: 'inexistent_client' }));
  });
});
