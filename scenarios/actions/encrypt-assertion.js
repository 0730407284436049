/**
 * Flex SSO post-login Action that encrypts the SAML assertion (scenarios only: what NOT to do).
 *
 * What it is for: the Pattern B attributes, plus api.samlResponse.setEncryptionCert with a
 * certificate, so Auth0 (and the emulator) send an EncryptedAssertion. Flex treats an encrypted
 * response as invalid: the fake SP refuses it (WRAP_ENCRYPTED_ASSERTION) and `flex-sso doctor`
 * reports such an Action as an error. The certificate is a test-only one with no use elsewhere.
 */
const FLEX_ENCRYPTION_CERT = "-----BEGIN CERTIFICATE-----\nMIIDazCCAlOgAwIBAgIJbRxsxvg1EqOsMA0GCSqGSIb3DQEBCwUAMDcxNTAzBgNV\nBAMTLHRlc3Qtb25seS1vdGhlci1pZHAuZmxleC1zc28taGFybmVzcy5pbnZhbGlk\nMCAXDTIwMDEwMTAwMDAwMFoYDzIxMjAwMTAxMDAwMDAwWjA3MTUwMwYDVQQDEyx0\nZXN0LW9ubHktb3RoZXItaWRwLmZsZXgtc3NvLWhhcm5lc3MuaW52YWxpZDCCASIw\nDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAL6Yee9Br5V52QHyPZuAgAUX4GVm\nOQur9BSt1ocUABCWb4AWEx16x+MDiMz26jIh7YjWlhgm5PBGRChNg+Y9VehvudI/\ne5XD7+uF4TAzcSJGDcm6VGZSk+3CP1wP4BdtkEqVT/7dqvbQGhYTqO3tGoRT5dlY\nF9g5jvYaZkhgYOTeTpclmFQKhdlVbZHQR4G4jCTI6Vsik4qLmaD9ZhfaEz5IMIAD\nTEu0iT3svk4jEWqTLPQJIYio+JVcyomKZircH2KyEjinL1nNQAjMzcCGHoZhgdvn\nn8D73pZ6muqmp2NdMhRA/SwM8p1SlIXnaqBBHaFK1nHX1kb3OU+CewYH3hkCAwEA\nAaN4MHYwDAYDVR0TAQH/BAIwADAOBgNVHQ8BAf8EBAMCBaAwHQYDVR0lBBYwFAYI\nKwYBBQUHAwEGCCsGAQUFBwMCMDcGA1UdEQQwMC6CLHRlc3Qtb25seS1vdGhlci1p\nZHAuZmxleC1zc28taGFybmVzcy5pbnZhbGlkMA0GCSqGSIb3DQEBCwUAA4IBAQBH\nO0HZNwb4yzPtlscQygdrwivw7JHbmTxP5u3tAbW/oB8BZdoCzlv/2v0+/YWqU0BN\nr6brI2k+2mdkHX4FLvbPZZefc84cN84xZU8UO9N8W7IhxgB5G7uoASfDLO4W7ymY\nYbP8XyzYnZqUd9txqnGF22MdH3aBDBC9mK4Jm4rk+QGlPBk9+UFPsf44wixaukYX\nBQqtu+owbI6jiyi5iGF5UJGNpwFb5z2Gi7327rIyQ2zL1/LExZXUGQLooY/ZDV7q\nE8lg7qblL18Ht3GrQcm27chLszRtX/XQrM/aGhoAeWEiQq3oVaR9rVnfk1v/wAMR\nz/U88f3BGX/wbRPBp2EF\n-----END CERTIFICATE-----";

exports.onExecutePostLogin = async (event, api) => {
  const flex = (event.user.app_metadata || {}).flex || {};
  api.samlResponse.setAttribute('email', event.user.email);
  api.samlResponse.setAttribute('full_name', event.user.name || event.user.email.split('@')[0]);
  api.samlResponse.setAttribute('roles', (flex.roles || ['agent']).join(','));
  api.samlResponse.setEncryptionCert(FLEX_ENCRYPTION_CERT);
};
