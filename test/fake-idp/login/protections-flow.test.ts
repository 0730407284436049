// Login protections over real HTTP (docs/emulator-fidelity.md, "Login pages and protections"):
// brute-force blocks (brute-force-protection docs) and their removal by the user-blocks API, bot
// detection's CAPTCHA and its IP AllowList (bot-detection docs), MFA by policy and by
// api.multifactor.enable (enable-mfa, post-login-api-object), and enabled connections per application.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { RunningIdp } from '../../../fake-idp/server.ts';
import { decodeSamlResponse, EMAIL, httpLogin, PASSWORD, startIdpFixture } from './fixture.ts';
import { browse, CookieJar, lockLogin, parseForm, type Variant } from './http-client.ts';

let idp: RunningIdp;
beforeAll(async () => {
  idp = await startIdpFixture();
});
afterAll(async () => {
  await idp?.close();
});
beforeEach(() => {
  const { tenant } = idp;
  tenant.state.settings.universalLogin = 'single-page';
  tenant.removeUserBlocks(EMAIL);
  tenant.updateBruteForce({ enabled: true, shields: ['block'], allowlist: [], mode: 'count_per_identifier_and_ip', max_attempts: 10 });
  tenant.updateBotDetection({ challenge_password_policy: 'never', allowlist: [], monitoring_mode_enabled: false });
  tenant.setMfaPolicies([]);
  tenant.setMfaFactor('otp', false);
  tenant.updateConnection(tenant.connection.id, { enabled_clients: [idp.defaultClientId] });
  tenant.setBindings('post-login', []);
});

const logTypes = (n: number): string[] => idp.tenant.listLogs({ per_page: n }).map((l) => l.type);
const VARIANTS: Variant[] = ['single-page', 'identifier-first'];

describe('brute-force protection', () => {
  test.each(VARIANTS)('%s: ten wrong passwords block the user from this IP, the right one too, until the user-blocks API removes it', async (variant) => {
    idp.tenant.state.settings.universalLogin = variant;
    for (let i = 1; i <= 9; i++)
      expect((await httpLogin(idp, { variant, password: `Wrong-pass-${i}` })).html).toContain('data-error-code="wrong-email-credentials"');
    const tenth = await httpLogin(idp, { variant, password: 'Wrong-pass-10' });
    expect(tenth.html).toContain('data-error-code="wrong-email-credentials"');
    expect(logTypes(2)).toEqual(['limit_wc', 'fp']);

    const blocked = await httpLogin(idp, { variant });
    expect(blocked.status).toBe(400);
    expect(blocked.form?.fields.SAMLResponse).toBeUndefined();
    expect(blocked.html).toContain('<span id="error-element-password" class="ulp-input-error-message" data-error-code="user-blocked">');
    expect(blocked.html).toContain('Your account has been blocked after multiple consecutive login attempts.');
    expect(idp.tenant.listLogs()[0]).toMatchObject({ type: 'limit_wc', user_name: EMAIL, ip: '127.0.0.1' });

    expect(idp.tenant.userBlocks(EMAIL)).toEqual([{ identifier: EMAIL, ip: '127.0.0.1', connection: 'Username-Password-Authentication' }]);
    idp.tenant.removeUserBlocks(EMAIL);
    const after = await httpLogin(idp, { variant });
    expect(decodeSamlResponse(after.form)).toContain('StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"');
  });

  test('Lock: /usernamepassword/login answers HTTP 429 too_many_attempts once the user is blocked', async () => {
    idp.tenant.state.settings.universalLogin = 'classic-lock';
    for (let i = 0; i < 10; i++) expect((await httpLogin(idp, { variant: 'classic-lock', password: 'Wrong-pass-1' })).status).toBe(401);
    const blocked = await httpLogin(idp, { variant: 'classic-lock' });
    expect(blocked.status).toBe(429);
    expect(JSON.parse(blocked.html)).toEqual({
      name: 'AnomalyDetected',
      code: 'too_many_attempts',
      description: 'Your account has been blocked after multiple consecutive login attempts.',
      statusCode: 429,
    });
  });

  test('an IP on the brute-force AllowList is never blocked', async () => {
    idp.tenant.updateBruteForce({ allowlist: ['127.0.0.1'], max_attempts: 2 });
    for (let i = 0; i < 3; i++) await httpLogin(idp, { password: 'Wrong-pass-1' });
    expect((await httpLogin(idp)).form?.fields.SAMLResponse).toBeDefined();
  });
});

describe('bot detection CAPTCHA', () => {
  test('"always": the login form carries the challenge and the right password is refused with invalid-captcha', async () => {
    idp.tenant.updateBotDetection({ challenge_password_policy: 'always' });
    const page = await browse(new CookieJar(), idp.samlUrl());
    expect(page.html).toContain('<input type="hidden" name="captcha" value=""><div class="ulp-captcha-container" data-captcha-provider="auth0_v2"');
    const r = await httpLogin(idp);
    expect(r.status).toBe(400);
    expect(r.html).toContain('<span id="error-element-captcha" class="ulp-input-error-message" data-error-code="invalid-captcha">');
    expect(r.form?.fields.SAMLResponse).toBeUndefined();
    expect(idp.tenant.listLogs()[0]).toMatchObject({ type: 'f', description: 'Invalid captcha value' });
  });

  test('Lock shows its captcha input and /usernamepassword/login answers invalid_captcha', async () => {
    idp.tenant.updateBotDetection({ challenge_password_policy: 'always' });
    idp.tenant.state.settings.universalLogin = 'classic-lock';
    const page = await browse(new CookieJar(), idp.samlUrl());
    expect(page.html).toContain('<div class="auth0-lock-captcha">');
    const r = await httpLogin(idp, { variant: 'classic-lock' });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.html)).toMatchObject({ code: 'invalid_captcha' });
  });

  test.each([
    ['an allow-listed IP', { challenge_password_policy: 'always' as const, allowlist: ['127.0.0.0/8'] }],
    ['monitoring mode', { challenge_password_policy: 'always' as const, monitoring_mode_enabled: true }],
    ['"when risky" (no risk model offline)', { challenge_password_policy: 'when_risky' as const }],
  ])('no challenge for %s', async (_name, patch) => {
    idp.tenant.updateBotDetection(patch);
    const page = await browse(new CookieJar(), idp.samlUrl());
    expect(page.html).not.toContain('ulp-captcha-container');
    expect((await httpLogin(idp)).form?.fields.SAMLResponse).toBeDefined();
  });
});

function bind(code: string): void {
  const action = idp.tenant.createAction({ name: `mfa-${Math.random().toString(36).slice(2)}`, code });
  idp.tenant.deployAction(action.id);
  idp.tenant.setBindings('post-login', [{ ref: { type: 'action_id', value: action.id } }]);
}

describe('multi-factor authentication', () => {
  async function expectChallenge(variant: Variant = 'single-page'): Promise<void> {
    const jar = new CookieJar();
    const r = await httpLogin(idp, { variant, jar });
    expect(r.url).toMatch(/\/u\/mfa-otp-challenge\?state=/);
    expect(r.status).toBe(200);
    expect(r.html).toContain('<main class="mfa-otp-challenge">');
    expect(r.html).toContain('<h1>Verify Your Identity</h1>');
    expect(r.html).toMatch(/<input class="input" name="code" id="code"/);
    expect(r.html).not.toContain('SAMLResponse');
    expect(jar.has('auth0')).toBe(false);
    const form = parseForm(r.html, r.url);
    const wrong = await browse(jar, form?.action ?? '', { form: { ...form?.fields, code: '123456', action: 'default' } });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('data-error-code="invalid-code"');
  }

  test.each<Variant>(['single-page', 'classic-lock'])('%s: the "Always" policy with a factor enabled stops the login on the OTP challenge', async (variant) => {
    idp.tenant.state.settings.universalLogin = variant;
    idp.tenant.setMfaPolicies(['all-applications']);
    idp.tenant.setMfaFactor('otp', true);
    await expectChallenge(variant);
  });

  test('api.multifactor.enable("any") in an Action asks for MFA without a policy', async () => {
    idp.tenant.setMfaFactor('otp', true);
    bind("exports.onExecutePostLogin = async (event, api) => { api.multifactor.enable('any'); };");
    await expectChallenge();
  });

  test.each([
    [
      'api.multifactor.enable("none") skips the "Always" policy',
      ['all-applications'] as const,
      true,
      "exports.onExecutePostLogin = async (event, api) => { if (event.user.app_metadata.flex) api.multifactor.enable('none'); };",
    ],
    ['no factor enabled: no prompt', ['all-applications'] as const, false, ''],
    ['adaptive MFA (confidence-score) has no risk model offline', ['confidence-score'] as const, true, ''],
  ])('%s', async (_name, policies, factor, code) => {
    idp.tenant.setMfaPolicies([...policies]);
    idp.tenant.setMfaFactor('otp', factor);
    if (code) bind(code);
    expect((await httpLogin(idp)).form?.fields.SAMLResponse).toBeDefined();
  });
});

describe('enabled connections per application', () => {
  test.each([
    ['with ?connection=', '?connection=Username-Password-Authentication', 'the connection was disabled'],
    ['without a connection', '', 'no connections enabled for the client'],
  ])("a disabled database connection gets Auth0's invalid_request error page (%s)", async (_name, query, message) => {
    idp.tenant.updateConnection(idp.tenant.connection.id, { enabled_clients: [] });
    const page = await browse(new CookieJar(), `${idp.samlUrl()}${query}`);
    expect(page.status).toBe(400);
    expect(page.html).toContain('data-error-code="invalid_request"');
    expect(page.html).toContain(message);
    expect(page.html).not.toContain('id="password"');
  });
});

describe('Classic Lock credential exchange (auth0.js)', () => {
  test('/usernamepassword/login answers the hidden form; /login/callback redirects to /authorize/resume; a wresult works once', async () => {
    idp.tenant.state.settings.universalLogin = 'classic-lock';
    const jar = new CookieJar();
    const page = await browse(jar, `${idp.samlUrl()}?RelayState=lock-1`);
    expect(page.html).toContain("xhr.open('POST', '/usernamepassword/login')");
    const res = await fetch(`${idp.url}/usernamepassword/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        state: /data-state="([^"]+)"/.exec(page.html)?.[1],
        username: EMAIL,
        password: PASSWORD,
        connection: 'Username-Password-Authentication',
      }),
    });
    expect(res.status).toBe(200);
    const hidden = parseForm(await res.text(), `${idp.url}/usernamepassword/login`);
    expect(hidden).toMatchObject({ name: 'hiddenform', method: 'post', action: `${idp.url}/login/callback` });
    expect(Object.keys(hidden?.fields ?? {})).toEqual(['wa', 'wresult', 'wctx']);
    expect(hidden?.fields.wa).toBe('wsignin1.0');
    const callback = await fetch(hidden?.action ?? '', { method: 'POST', body: new URLSearchParams(hidden?.fields), redirect: 'manual' });
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toMatch(/^\/authorize\/resume\?state=/);
    const done = await browse(jar, new URL(callback.headers.get('location') ?? '', idp.url).toString());
    expect(parseForm(done.html, done.url)?.fields.RelayState).toBe('lock-1');
    const replay = await fetch(hidden?.action ?? '', { method: 'POST', body: new URLSearchParams(hidden?.fields), redirect: 'manual' });
    expect(replay.status).toBe(400);
  });

  test('a forged wresult or an unknown state is refused', async () => {
    idp.tenant.state.settings.universalLogin = 'classic-lock';
    const page = await browse(new CookieJar(), idp.samlUrl());
    const state = /data-state="([^"]+)"/.exec(page.html)?.[1] ?? '';
    const forged = await fetch(`${idp.url}/login/callback`, {
      method: 'POST',
      body: new URLSearchParams({ wa: 'wsignin1.0', wresult: 'forged', wctx: JSON.stringify({ state }) }),
      redirect: 'manual',
    });
    expect(forged.status).toBe(400);
    const unknown = await lockLogin(new CookieJar(), { ...page, html: page.html.replace(/data-state="[^"]+"/, 'data-state="nope"') }, EMAIL, PASSWORD);
    expect(unknown.status).toBe(403);
    expect(JSON.parse(unknown.html)).toMatchObject({ code: 'invalid_request' });
  });
});
