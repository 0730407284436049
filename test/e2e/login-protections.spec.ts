// Real Chromium on the emulator's login pages as a hosted tenant serves them (docs/emulator-fidelity.md,
// "Login pages and protections"): Universal Login's error span, Classic Lock logging in by XHR and
// showing its errors without navigating (auth0.js / Lock), a brute-force block, bot detection's
// CAPTCHA and the MFA challenge page.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { startFakeIdp, type RunningIdp } from '../../fake-idp/server.ts';

const EMAIL = 'protected.agent@example.com';
const PASSWORD = 'Protected-Pass-3';

let idp: RunningIdp;
let acs: Server;
let acsUrl: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  acs = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<p id="acs-ok">received</p>');
    });
  });
  await new Promise<void>((resolve) => acs.listen(0, '127.0.0.1', resolve));
  acsUrl = `http://127.0.0.1:${(acs.address() as AddressInfo).port}/acs`;
  idp = await startFakeIdp();
  idp.tenant.updateApplication(idp.defaultClientId, { callbacks: [acsUrl], addons: { samlp: { audience: 'urn:flex:JQe2e' } } });
  idp.tenant.createUser({ email: EMAIL, password: PASSWORD, name: 'Protected Agent' });
});

test.afterAll(async () => {
  await idp?.close();
  await new Promise((resolve) => acs?.close(resolve));
});

test.beforeEach(() => {
  idp.tenant.resetLoginProtections();
  idp.tenant.removeUserBlocks(EMAIL);
});

/** Counts main-frame navigations from now on: Lock must show its errors without one. */
function navigations(page: Page): { count: () => number } {
  let count = 0;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) count += 1;
  });
  return { count: () => count };
}

async function lockSubmit(page: Page, password: string): Promise<void> {
  await page.fill('input[name=email]', EMAIL);
  await page.fill('input[name=password]', password);
  await page.click('button.auth0-lock-submit');
}

test('Universal Login shows a wrong password in span#error-element-password', async ({ page }) => {
  idp.tenant.state.settings.universalLogin = 'single-page';
  await page.goto(idp.samlUrl());
  await page.fill('input#username', EMAIL);
  await page.fill('input#password', 'Wrong-pass-1');
  await page.click('button[type=submit][name=action][value=default]');
  const error = page.locator('#error-element-password[data-error-code=wrong-email-credentials]');
  await expect(error).toHaveText('Wrong email or password');
  expect(await error.evaluate((el) => el.tagName)).toBe('SPAN');
});

test('Classic Lock: credentials go by XHR to /usernamepassword/login; an error shows in place; success posts the hidden form', async ({ page }) => {
  idp.tenant.state.settings.universalLogin = 'classic-lock';
  await page.goto(`${idp.samlUrl()}?RelayState=e2e-lock`);
  await expect(page).toHaveURL(/\/login\?state=/);
  const nav = navigations(page);
  const xhr = page.waitForRequest((r) => r.url().endsWith('/usernamepassword/login') && r.method() === 'POST');
  await lockSubmit(page, 'Wrong-pass-1');
  const sent = await xhr;
  expect(sent.isNavigationRequest()).toBe(false);
  expect(['xhr', 'fetch']).toContain(sent.resourceType());
  expect(JSON.parse(sent.postData() ?? '{}')).toMatchObject({ username: EMAIL, connection: 'Username-Password-Authentication' });
  await expect(page.locator('.auth0-global-message.auth0-global-message-error > span.animated.fadeInUp')).toHaveText('Wrong email or password.');
  expect(nav.count()).toBe(0);

  const callback = page.waitForRequest((r) => r.url().endsWith('/login/callback') && r.method() === 'POST');
  const posted = page.waitForRequest((r) => r.url() === acsUrl && r.method() === 'POST');
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button.auth0-lock-submit');
  expect(new URLSearchParams((await callback).postData() ?? '').get('wa')).toBe('wsignin1.0');
  expect(new URLSearchParams((await posted).postData() ?? '').get('RelayState')).toBe('e2e-lock');
  await expect(page.locator('#acs-ok')).toHaveText('received');
});

test('Classic Lock: the 11th login after ten wrong passwords is refused as blocked, the right password too', async ({ page }) => {
  idp.tenant.state.settings.universalLogin = 'classic-lock';
  await page.goto(idp.samlUrl());
  for (let i = 1; i <= 10; i++) {
    const answer = page.waitForResponse((r) => r.url().endsWith('/usernamepassword/login'));
    await lockSubmit(page, `Wrong-pass-${i}`);
    expect((await answer).status()).toBe(401);
  }
  const answer = page.waitForResponse((r) => r.url().endsWith('/usernamepassword/login'));
  await lockSubmit(page, PASSWORD);
  expect((await answer).status()).toBe(429);
  await expect(page.locator('.auth0-global-message-error')).toHaveText('Your account has been blocked after multiple consecutive login attempts.');
});

test('bot detection "always": the form carries the challenge and the login is refused with invalid-captcha', async ({ page }) => {
  idp.tenant.state.settings.universalLogin = 'single-page';
  idp.tenant.updateBotDetection({ challenge_password_policy: 'always' });
  await page.goto(idp.samlUrl());
  await expect(page.locator('form .ulp-captcha-container[data-captcha-provider=auth0_v2]')).toHaveCount(1);
  await page.fill('input#username', EMAIL);
  await page.fill('input#password', PASSWORD);
  await page.click('button[type=submit][name=action][value=default]');
  await expect(page.locator('span#error-element-captcha[data-error-code=invalid-captcha]')).toHaveText(
    'Solve the challenge question to verify you are not a robot.',
  );
});

test('MFA policy "Always": the login stops on the one-time-password challenge', async ({ page }) => {
  idp.tenant.state.settings.universalLogin = 'identifier-first';
  idp.tenant.setMfaPolicies(['all-applications']);
  idp.tenant.setMfaFactor('otp', true);
  await page.goto(idp.samlUrl());
  await page.fill('input#username', EMAIL);
  await page.click('button[type=submit][name=action][value=default]');
  await page.fill('input#password', PASSWORD);
  await page.click('button[type=submit][name=action][value=default]');
  await expect(page).toHaveURL(/\/u\/mfa-otp-challenge\?state=/);
  await expect(page.locator('h1')).toHaveText('Verify Your Identity');
  await expect(page.locator('input#code')).toBeVisible();
  expect((await page.context().cookies()).map((c) => c.name)).not.toContain('auth0');
});
