import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumArgs, findChromium } from '../../../harness/browser.ts';
import { driveLogin, isMfaPage } from '../../../harness/driver/login.ts';
import { DriverError } from '../../../harness/driver/login-page.ts';
import { idpInitiatedUrl, spInitiatedUrl, uniqueRelayState } from '../../../harness/driver/start-url.ts';
import { LOCK_ANSWERS, PASSWORD, startFakeLoginSite, type Site } from './fake-login-site.ts';

let site: Site;
let browser: Browser;
let context: BrowserContext;
const tracesDir = mkdtempSync(join(tmpdir(), 'flex-sso-driver-traces-'));

beforeAll(async () => {
  site = await startFakeLoginSite();
  browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs(), tracesDir });
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await site?.close();
  rmSync(tracesDir, { recursive: true, force: true });
});
beforeEach(async () => {
  context = await browser.newContext();
});
afterEach(async () => {
  await context.close();
});

async function login(path: string, password = PASSWORD, timeoutMs = 5_000): ReturnType<typeof driveLogin> {
  const page = await context.newPage();
  return driveLogin(page, { startUrl: `${site.idpUrl}${path}`, spOrigin: site.spUrl, email: 'a@example.com', password, timeoutMs });
}

describe('driveLogin', () => {
  it.each(['single-page', 'identifier-first', 'classic-lock'] as const)(
    'detects %s, submits and captures the SAML POST',
    async (kind) => {
      const result = await login(`/start/${kind}?r=rs-${kind}`);
      expect(result.error).toBeUndefined();
      expect(result.pageKind).toBe(kind);
      expect(result.acsPost).toMatchObject({ url: `${site.spUrl}/acs`, samlResponse: 'PHNhbWxwOlJlc3BvbnNlLz4=', relayState: `rs-${kind}`, status: 200 });
    },
    30_000,
  );

  it('reports a wrong password by its error code and does not post', async () => {
    const before = site.posts.length;
    const result = await login('/start/single-page?r=x', 'wrong');
    expect(result.error).toBeUndefined();
    expect(result.passwordError).toBe('wrong-email-credentials');
    expect(result.acsPost).toBeUndefined();
    expect(site.posts.length).toBe(before);
  }, 30_000);

  it('reports the MFA challenge page (/u/mfa-…) after the credentials, and does not post', async () => {
    const before = site.posts.length;
    const result = await login('/start/single-page?r=mfa-1');
    expect(result.error).toBeUndefined();
    expect(result.mfaChallenge).toEqual({ url: `${site.idpUrl}/u/mfa-otp-challenge?r=mfa-1` });
    expect(result.acsPost).toBeUndefined();
    expect(site.posts.length).toBe(before);
  }, 30_000);

  it('reads any Universal Login field error span: a CAPTCHA refusal is reported by its code', async () => {
    const result = await login('/start/single-page?r=captcha-1');
    expect(result.error).toBeUndefined();
    expect(result.passwordError).toBe('invalid-captcha');
  }, 30_000);

  it('Lock (auth0.js XHR to /usernamepassword/login): logs in through the hidden form it returns', async () => {
    const result = await login('/start/lock-xhr?r=rs-lock');
    expect(result.error).toBeUndefined();
    expect(result.pageKind).toBe('classic-lock');
    expect(result.acsPost).toMatchObject({ url: `${site.spUrl}/acs`, relayState: 'rs-lock' });
  }, 30_000);

  it.each([
    ['a wrong password', 'wrong', 'invalid_user_password'],
    ['a brute-force block (HTTP 429)', 'blocked', 'too_many_attempts'],
    ['an administrator\'s block ("user is blocked", as Lock names it)', 'admin-blocked', 'blocked_user'],
    ['a CAPTCHA refusal', 'captcha', 'invalid_captcha'],
  ])(
    "Lock: reports %s by the XHR answer's code while the page stays put",
    async (_name, password, code) => {
      const page = await context.newPage();
      const result = await driveLogin(page, {
        startUrl: `${site.idpUrl}/start/lock-xhr?r=x`,
        spOrigin: site.spUrl,
        email: 'a@example.com',
        password,
        timeoutMs: 5_000,
      });
      expect(result.error).toBeUndefined();
      expect(result.passwordError).toBe(code);
      expect(result.acsPost).toBeUndefined();
      expect(new URL(page.url()).pathname).toBe('/start/lock-xhr');
      await page.waitForSelector('.auth0-global-message-error');
      expect(await page.textContent('.auth0-global-message-error')).toBe(LOCK_ANSWERS[password]?.body.description ?? 'Wrong email or password.');
    },
    30_000,
  );

  it('names the page URL and the selector when no login form appears', async () => {
    const result = await login('/start/broken', PASSWORD, 500);
    expect(result.error).toBeInstanceOf(DriverError);
    expect(result.error?.message).toBe(`login page ${site.idpUrl}/start/broken: no element matches \`input#username, button.auth0-lock-submit\` within 500 ms`);
  }, 30_000);

  it("refuses to submit when Enter would press another button than Auth0's, and names the selector", async () => {
    const before = site.posts.length;
    const result = await login('/start/foreign-button?r=x');
    expect(result.error).toBeInstanceOf(DriverError);
    expect(result.error?.message).toBe(
      `login page ${site.idpUrl}/start/foreign-button?r=x: no usable element matches \`button[type=submit][name=action][value=default]\` (missing, hidden or disabled)`,
    );
    expect(site.posts.length).toBe(before);
  }, 30_000);

  it('keeps the password out of every recorded Playwright call: the trace has the email, not the password', async () => {
    await context.tracing.start({ name: 'secret', snapshots: false, screenshots: false });
    const result = await login('/start/single-page?r=rs-secret');
    await context.tracing.stop();
    expect(result.acsPost?.relayState).toBe('rs-secret');
    expect(site.credentials.at(-1)?.get('password')).toBe(PASSWORD); // the form did carry it
    const trace = readFileSync(join(tracesDir, 'secret.trace'), 'utf8');
    expect(trace).toContain('a@example.com');
    expect(trace).not.toContain(PASSWORD);
  }, 30_000);

  it('stops with PASSWORD_CHANNEL when the page does not receive the password, and does not submit', async () => {
    const before = site.posts.length;
    const result = await login('/start/no-binding?r=x');
    expect(result.error).toBeInstanceOf(DriverError);
    expect((result.error as DriverError).code).toBe('PASSWORD_CHANNEL');
    expect(result.error?.message).toBe(
      `login page ${site.idpUrl}/start/no-binding?r=x: the page did not receive the password from the driver's binding \`__flexSsoSecret\``,
    );
    expect(site.posts.length).toBe(before);
  }, 30_000);

  it('reports an IdP error page', async () => {
    const result = await login('/start/error');
    expect(result.idpErrorPage).toEqual({ url: `${site.idpUrl}/start/error`, status: 500 });
    expect(result.acsPost).toBeUndefined();
  }, 30_000);

  it('reports an unreachable start URL as a navigation error', async () => {
    const page = await context.newPage();
    const result = await driveLogin(page, {
      startUrl: 'http://127.0.0.1:9/samlp/x',
      spOrigin: site.spUrl,
      email: 'a@example.com',
      password: PASSWORD,
      timeoutMs: 2_000,
    });
    expect(result.error?.message).toMatch(/^cannot open http:\/\/127\.0\.0\.1:9\/samlp\/x: /);
  }, 30_000);
});

describe('driveLogin: what counts as the SP', () => {
  it('takes only a POST to the SP origin itself as the SAML POST, not one to an origin it is a prefix of', async () => {
    // e.g. SP on port 4393 and IdP on port 43939: the credentials POST to the IdP is not the ACS POST.
    const idp = new URL(site.idpUrl);
    const prefixOrigin = `${idp.protocol}//${idp.hostname}:${idp.port.slice(0, -1)}`;
    const page = await context.newPage();
    const result = await driveLogin(page, {
      startUrl: `${site.idpUrl}/start/single-page?r=x`,
      spOrigin: prefixOrigin,
      email: 'a@example.com',
      password: PASSWORD,
      timeoutMs: 1_500,
    });
    expect(result.acsPost).toBeUndefined();
    expect(result.error).toBeInstanceOf(DriverError);
    expect((result.error as DriverError).code).toBe('LOGIN_TIMEOUT');
  }, 30_000);
});

describe('isMfaPage', () => {
  it("knows Universal Login's MFA screens and the Classic MFA page, nothing else", () => {
    expect(isMfaPage('https://t.auth0.com/u/mfa-otp-challenge?state=x')).toBe(true);
    expect(isMfaPage('https://t.auth0.com/u/mfa-sms-challenge?state=x')).toBe(true);
    expect(isMfaPage('https://t.auth0.com/mf')).toBe(true);
    expect(isMfaPage('https://t.auth0.com/u/login?state=mfa-')).toBe(false);
    expect(isMfaPage('not a url')).toBe(false);
  });
});

describe('start URLs', () => {
  it('puts the RelayState on the IdP URL and profile + relayState on the SP login URL', () => {
    expect(idpInitiatedUrl('http://idp/samlp/abc?connection=Username-Password-Authentication', 'r 1')).toBe(
      'http://idp/samlp/abc?connection=Username-Password-Authentication&RelayState=r+1',
    );
    expect(spInitiatedUrl('http://sp/login', 'legacy', 'r1')).toBe('http://sp/login?profile=legacy&relayState=r1');
  });

  it('makes RelayStates unique per run', () => {
    const a = uniqueRelayState('pattern-a-admin');
    expect(a).toMatch(/^pattern-a-admin\.[a-z0-9]+$/);
    expect(uniqueRelayState('pattern-a-admin')).not.toBe(a);
  });
});
