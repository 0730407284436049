// The login flow over real HTTP with a cookie-keeping fetch client: all three page variants,
// IdP- and SP-initiated, errors, sessions.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { RunningIdp } from '../../../fake-idp/server.ts';
import { attributeMap, elements, first, parseXml } from '../saml/xml-helpers.ts';
import { ACS_URL, decodeSamlResponse, EMAIL, httpLogin, PASSWORD, SP_ENTITY_ID, startIdpFixture } from './fixture.ts';
import { authnRequestXml, browse, CookieJar, deflateForRedirect, parseForm, submitCredentials, type Variant } from './http-client.ts';

let idp: RunningIdp;
beforeAll(async () => {
  idp = await startIdpFixture();
});
afterAll(async () => {
  await idp?.close();
});
beforeEach(() => {
  idp.tenant.updateApplication(idp.defaultClientId, { callbacks: [ACS_URL], addons: { samlp: {} } });
});

const VARIANTS: Variant[] = ['single-page', 'identifier-first', 'classic-lock'];
const ENTRY: Record<Variant, RegExp> = {
  'single-page': /\/u\/login\?state=/,
  'identifier-first': /\/u\/login\/identifier\?state=/,
  'classic-lock': /\/login\?state=/,
};

function spInitUrl(id: string, acsUrl = ACS_URL): string {
  const xml = authnRequestXml({ id, issuer: SP_ENTITY_ID, acsUrl, destination: idp.samlUrl() });
  return `${idp.samlUrl()}?SAMLRequest=${encodeURIComponent(deflateForRedirect(xml))}&RelayState=sp-relay`;
}

describe.each(VARIANTS)('%s login page', (variant) => {
  beforeEach(() => {
    idp.tenant.state.settings.universalLogin = variant;
  });

  test('IdP-initiated: login page DOM, then Auth0 auto-POST form with a signed response', async () => {
    const jar = new CookieJar();
    const page = await browse(jar, `${idp.samlUrl()}?RelayState=rs-1`);
    expect(page.url).toMatch(ENTRY[variant]);
    if (variant === 'classic-lock') {
      expect(page.html).toMatch(/<form class="auth0-lock-widget" method="post" novalidate/);
      expect(page.html).toMatch(/<input type="email" id="1-email" name="email"/);
      expect(page.html).toMatch(/<button id="1-submit" class="auth0-lock-submit" name="submit" type="submit"/);
    } else {
      expect(page.html).toMatch(/<input [^>]*id="username"/);
      expect(page.html).toMatch(/<button type="submit" name="action" value="default"[^>]*>Continue<\/button>/);
    }
    const result = await submitCredentials(jar, page, variant, EMAIL, PASSWORD);
    expect(result.status).toBe(200);
    expect(result.contentType).toMatch(/^text\/html/);
    const form = parseForm(result.html, result.url);
    expect(form).toMatchObject({ action: ACS_URL, method: 'post', name: 'hiddenform' });
    expect(form?.fields.RelayState).toBe('rs-1');
    expect(result.html).toContain('document.forms[0].submit()');
    expect(result.html).toContain('<noscript>');
    const xml = decodeSamlResponse(form);
    expect(first(parseXml(xml), 'StatusCode').getAttribute('Value')).toMatch(/:Success$/);
    expect(xml).not.toContain('InResponseTo');
    expect(idp.tenant.listLogs()[0]).toMatchObject({ type: 's', user_name: EMAIL, client_id: idp.defaultClientId });
  });

  test('SP-initiated (HTTP-Redirect): InResponseTo and audience come from the AuthnRequest', async () => {
    const { form } = await httpLogin(idp, { variant, startUrl: spInitUrl('_sp-req-1') });
    const doc = parseXml(decodeSamlResponse(form));
    expect((doc.documentElement as unknown as Element).getAttribute('InResponseTo')).toBe('_sp-req-1');
    expect(first(doc, 'SubjectConfirmationData').getAttribute('InResponseTo')).toBe('_sp-req-1');
    expect(first(doc, 'Audience').textContent).toBe(SP_ENTITY_ID);
    expect(form?.fields.RelayState).toBe('sp-relay');
  });

  test("wrong password shows Auth0's error element and posts nothing", async () => {
    const r = await httpLogin(idp, { variant, password: 'nope' });
    expect(r.form?.fields.SAMLResponse).toBeUndefined();
    if (variant === 'classic-lock') {
      // auth0.js gets a JSON error from /usernamepassword/login; Lock shows it without leaving the page.
      expect(r.status).toBe(401);
      expect(JSON.parse(r.html)).toMatchObject({ name: 'ValidationError', code: 'invalid_user_password', description: 'Wrong email or password.' });
    } else {
      expect(r.status).toBe(400);
      expect(r.html).toContain(
        '<span id="error-element-password" class="ulp-input-error-message" data-error-code="wrong-email-credentials">' +
          '<span class="ulp-input-error-icon" role="img" aria-label="Error"></span>Wrong email or password</span>',
      );
      expect(r.html).toMatch(/id="password"/);
    }
    expect(idp.tenant.listLogs()[0]).toMatchObject({ type: 'fp', user_name: EMAIL });
  });
});

describe('login errors', () => {
  beforeEach(() => {
    idp.tenant.state.settings.universalLogin = 'single-page';
  });

  test('unknown user: same message, logged as fu', async () => {
    const r = await httpLogin(idp, { email: 'nobody@example.com' });
    expect(r.html).toContain(
      'data-error-code="wrong-email-credentials"><span class="ulp-input-error-icon" role="img" aria-label="Error"></span>Wrong email or password</span>',
    );
    expect(idp.tenant.listLogs()[0]).toMatchObject({ type: 'fu', user_name: 'nobody@example.com' });
  });

  test('an ACS URL that is not an allowed callback gets an error page and no form', async () => {
    const page = await browse(new CookieJar(), spInitUrl('_bad-acs', 'https://attacker.example/acs'));
    expect(page.status).toBe(400);
    expect(page.contentType).toMatch(/^text\/html/);
    expect(page.html).toContain('Callback URL mismatch');
    expect(page.html).not.toContain('SAMLResponse');
    expect(parseForm(page.html, page.url)).toBeUndefined();
  });

  test('unknown client → 404 error page; unknown connection and bad SAMLRequest → 400', async () => {
    const unknown = await browse(new CookieJar(), `${idp.url}/samlp/NoSuchClient`);
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain('Oops!, something went wrong');
    const conn = await browse(new CookieJar(), `${idp.samlUrl()}?connection=google-oauth2`);
    expect(conn.status).toBe(400);
    const bad = await browse(new CookieJar(), `${idp.samlUrl()}?SAMLRequest=not-deflate`);
    expect(bad.status).toBe(400);
    const ok = await browse(new CookieJar(), `${idp.samlUrl()}?connection=Username-Password-Authentication`);
    expect(ok.status).toBe(200);
  });

  test('an unknown or reused state is rejected', async () => {
    const jar = new CookieJar();
    const page = await browse(jar, idp.samlUrl());
    const form = parseForm(page.html, page.url);
    const done = await browse(jar, form?.action ?? '', { form: { ...form?.fields, username: EMAIL, password: PASSWORD } });
    expect(done.status).toBe(200);
    const replay = await browse(new CookieJar(), form?.action ?? '', { form: { ...form?.fields, username: EMAIL, password: PASSWORD } });
    expect(replay.status).toBe(400);
    expect(replay.html).toContain('Invalid state');
    expect((await browse(new CookieJar(), `${idp.url}/u/login?state=forged`)).status).toBe(400);
  });

  test('SP-initiated HTTP-POST binding is accepted; a DOCTYPE in the request is refused', async () => {
    const xml = authnRequestXml({ id: '_post-1', issuer: SP_ENTITY_ID, acsUrl: ACS_URL, destination: idp.samlUrl() });
    const jar = new CookieJar();
    const page = await browse(jar, idp.samlUrl(), { form: { SAMLRequest: Buffer.from(xml).toString('base64'), RelayState: 'p' } });
    const result = await submitCredentials(jar, page, 'single-page', EMAIL, PASSWORD);
    expect(decodeSamlResponse(parseForm(result.html, result.url))).toContain('InResponseTo="_post-1"');
    const evil = `<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>${xml}`;
    const refused = await browse(new CookieJar(), idp.samlUrl(), { form: { SAMLRequest: Buffer.from(evil).toString('base64') } });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('DOCTYPE');
  });

  test('RelayState and other values are HTML-escaped in the auto-POST page', async () => {
    const relay = '"><script>alert(1)</script>';
    const r = await httpLogin(idp, { startUrl: `${idp.samlUrl()}?RelayState=${encodeURIComponent(relay)}` });
    expect(r.html).not.toContain('<script>alert(1)</script>');
    expect(r.form?.fields.RelayState).toBe(relay);
  });
});

describe('IdP session', () => {
  test('a second login in the same cookie context skips the form; a fresh context sees it', async () => {
    idp.tenant.state.settings.universalLogin = 'single-page';
    const jar = new CookieJar();
    await httpLogin(idp, { jar });
    expect(jar.has('auth0')).toBe(true);
    const again = await browse(jar, `${idp.samlUrl()}?RelayState=second`);
    expect(parseForm(again.html, again.url)?.fields.RelayState).toBe('second');
    expect(again.html).toContain('SAMLResponse');
    const fresh = await browse(new CookieJar(), idp.samlUrl());
    expect(fresh.html).toContain('id="password"');
  });

  test('logout ends the session and answers a signed LogoutResponse to the logout callback', async () => {
    idp.tenant.updateApplication(idp.defaultClientId, { addons: { samlp: { logout: { callback: 'http://127.0.0.1:9/slo' } } } });
    const jar = new CookieJar();
    await httpLogin(idp, { jar });
    const request = `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_lo-7" Version="2.0" IssueInstant="2026-01-01T00:00:00Z"><saml:Issuer>${SP_ENTITY_ID}</saml:Issuer></samlp:LogoutRequest>`;
    const page = await browse(jar, `${idp.samlUrl()}/logout`, { form: { SAMLRequest: Buffer.from(request).toString('base64') } });
    const form = parseForm(page.html, page.url);
    expect(form?.action).toBe('http://127.0.0.1:9/slo');
    const doc = parseXml(decodeSamlResponse(form));
    expect((doc.documentElement as unknown as Element).localName).toBe('LogoutResponse');
    expect((doc.documentElement as unknown as Element).getAttribute('InResponseTo')).toBe('_lo-7');
    expect(elements(doc, 'Signature')).toHaveLength(1);
    const after = await browse(jar, idp.samlUrl());
    expect(after.html).toContain('id="password"');
  });
});

describe('post-login Actions in the flow', () => {
  function bind(code: string): void {
    const action = idp.tenant.createAction({ name: `a-${Math.random().toString(36).slice(2)}`, code });
    idp.tenant.deployAction(action.id);
    idp.tenant.setBindings('post-login', [{ ref: { type: 'action_id', value: action.id } }]);
  }
  afterAll(() => {
    idp.tenant.setBindings('post-login', []);
  });

  test('setAttribute values reach the response verbatim; metadata updates persist; console output goes to the real-time logs, not the tenant log', async () => {
    bind(`exports.onExecutePostLogin = async (event, api) => {
      console.log('roles for', event.user.email);
      api.samlResponse.setAttribute('roles', event.user.app_metadata.flex.roles);
      api.samlResponse.setAttribute('full_name', event.user.name);
      api.user.setAppMetadata('last_flex_login', 'yes');
    };`);
    const { form } = await httpLogin(idp);
    const attrs = attributeMap(decodeSamlResponse(form));
    expect(attrs.roles?.values).toEqual(['agent']);
    expect(attrs.full_name?.values).toEqual(['Agent One']);
    expect(idp.tenant.findUserByEmail(EMAIL)?.app_metadata).toMatchObject({ last_flex_login: 'yes', flex: { roles: ['agent'] } });
    const log = idp.tenant.listLogs()[0];
    expect(log?.type).toBe('s');
    expect(JSON.stringify(log?.details)).not.toContain('roles for');
    expect(
      idp
        .realtimeLogs({ userName: EMAIL })
        .at(-1)
        ?.console.map((l) => l.message),
    ).toEqual([`roles for ${EMAIL}`]);
  });

  test('addon mappings read the profile as it was before the Actions ran: metadata an Action writes shows up on the NEXT login only', async () => {
    const emailClaim = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';
    idp.tenant.updateApplication(idp.defaultClientId, { addons: { samlp: { mappings: { email: emailClaim, 'app_metadata.site': 'site' } } } });
    bind(`exports.onExecutePostLogin = async (event, api) => { api.user.setAppMetadata('site', 'north'); };`);
    const user = idp.tenant.findUserByEmail(EMAIL);
    if (user) idp.tenant.updateUser(user.user_id, { app_metadata: { site: null } });
    const before = attributeMap(decodeSamlResponse((await httpLogin(idp)).form));
    expect(before[emailClaim]?.values).toEqual([EMAIL]);
    expect(before.site).toBeUndefined();
    expect(idp.tenant.findUserByEmail(EMAIL)?.app_metadata).toMatchObject({ site: 'north' });
    const second = attributeMap(decodeSamlResponse((await httpLogin(idp)).form));
    expect(second.site?.values).toEqual(['north']);
  });

  test('an Action that sets more than 100 attributes fails the login like an Action error (docs Actions limitations; failure form unconfirmed)', async () => {
    bind(`exports.onExecutePostLogin = async (event, api) => { for (let i = 0; i < 101; i++) api.samlResponse.setAttribute('a' + i, 'v'); };`);
    const doc = parseXml(decodeSamlResponse((await httpLogin(idp)).form));
    expect(first(doc, 'StatusCode').getAttribute('Value')).toBe('urn:oasis:names:tc:SAML:2.0:status:Responder');
    expect(first(doc, 'StatusMessage').getAttribute('Value')).toContain('101 attributes');
    expect(elements(doc, 'Assertion')).toHaveLength(0);
    expect(idp.tenant.listLogs()[0]).toMatchObject({ type: 'f' });
  });

  test.each([
    ['deny', `exports.onExecutePostLogin = async (event, api) => { api.access.deny('No Flex role assigned'); };`, 'No Flex role assigned'],
    ['throw', `exports.onExecutePostLogin = async () => { throw new Error('flex metadata missing'); };`, 'flex metadata missing'],
  ])(
    '%s → Responder status with the reason in StatusMessage@Value (node-samlp samlresponse.ejs) and no Assertion, logged as f',
    async (_kind, code, reason) => {
      bind(code);
      const { form } = await httpLogin(idp, { startUrl: spInitUrl('_deny-1') });
      expect(form?.action).toBe(ACS_URL);
      const doc = parseXml(decodeSamlResponse(form));
      expect(first(doc, 'StatusCode').getAttribute('Value')).toBe('urn:oasis:names:tc:SAML:2.0:status:Responder');
      expect(first(doc, 'StatusMessage').getAttribute('Value')).toContain(reason);
      expect(elements(doc, 'Assertion')).toHaveLength(0);
      expect((doc.documentElement as unknown as Element).getAttribute('InResponseTo')).toBe('_deny-1');
      expect(idp.tenant.listLogs()[0]).toMatchObject({ type: 'f' });
      expect(idp.tenant.listLogs()[0]?.description).toContain(reason);
    },
  );
});
