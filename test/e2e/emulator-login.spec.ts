// A real Chromium logs in through the Auth0 emulator's Universal Login pages and the auto-POST
// form delivers a signed SAML response to a tiny local ACS.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { startFakeIdp, type RunningIdp } from '../../fake-idp/server.ts';

const EMAIL = 'browser.agent@example.com';
const PASSWORD = 'Browser-Pass-7';

let idp: RunningIdp;
let acs: Server;
let acsUrl: string;
const received: { samlResponse: string; relayState: string }[] = [];

test.beforeAll(async () => {
  acs = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      if (req.method !== 'POST') {
        res.writeHead(404).end();
        return;
      } // e.g. the browser's /favicon.ico
      const form = new URLSearchParams(body);
      received.push({ samlResponse: form.get('SAMLResponse') ?? '', relayState: form.get('RelayState') ?? '' });
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<p id="acs-ok">received</p>');
    });
  });
  await new Promise<void>((resolve) => acs.listen(0, '127.0.0.1', resolve));
  acsUrl = `http://127.0.0.1:${(acs.address() as AddressInfo).port}/acs`;
  idp = await startFakeIdp();
  idp.tenant.updateApplication(idp.defaultClientId, { callbacks: [acsUrl], addons: { samlp: { audience: 'urn:flex:JQe2e' } } });
  idp.tenant.createUser({ email: EMAIL, password: PASSWORD, name: 'Browser Agent' });
});

test.afterAll(async () => {
  await idp?.close();
  await new Promise((resolve) => acs?.close(resolve));
});

function decoded(samlResponse: string): string {
  return Buffer.from(samlResponse, 'base64').toString('utf8');
}

test('single-page Universal Login: credentials → auto-POST to the ACS', async ({ page }) => {
  idp.tenant.state.settings.universalLogin = 'single-page';
  await page.goto(`${idp.samlUrl()}?RelayState=e2e-single`);
  await expect(page).toHaveURL(/\/u\/login\?state=/);
  await page.fill('input#username', EMAIL);
  await page.fill('input#password', PASSWORD);
  const posted = page.waitForRequest((r) => r.url() === acsUrl && r.method() === 'POST');
  await page.click('button[type=submit][name=action][value=default]');
  const request = await posted;
  expect(request.postData()).not.toBeNull();
  await expect(page.locator('#acs-ok')).toHaveText('received');
  const last = received.at(-1);
  expect(last?.relayState).toBe('e2e-single');
  const xml = decoded(last?.samlResponse ?? '');
  expect(xml).toContain('urn:oasis:names:tc:SAML:2.0:status:Success');
  expect(xml).toContain('<saml:Audience>urn:flex:JQe2e</saml:Audience>');
  expect(xml).toContain('<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">');
});

test('identifier-first: username page, then password page, wrong password shows the error, then success', async ({ page }) => {
  idp.tenant.state.settings.universalLogin = 'identifier-first';
  await page.goto(`${idp.samlUrl()}?RelayState=e2e-idfirst`);
  await expect(page).toHaveURL(/\/u\/login\/identifier\?state=/);
  await page.fill('input#username', EMAIL);
  await page.click('button[type=submit][name=action][value=default]');
  await expect(page).toHaveURL(/\/u\/login\/password\?state=/);
  await page.fill('input#password', 'wrong-password');
  await page.click('button[type=submit][name=action][value=default]');
  const error = page.locator('#error-element-password[data-error-code=wrong-email-credentials]');
  await expect(error).toHaveText('Wrong email or password');
  await page.fill('input#password', PASSWORD);
  const posted = page.waitForRequest((r) => r.url() === acsUrl && r.method() === 'POST');
  await page.click('button[type=submit][name=action][value=default]');
  const fields = new URLSearchParams((await posted).postData() ?? '');
  expect(fields.get('RelayState')).toBe('e2e-idfirst');
  expect(decoded(fields.get('SAMLResponse') ?? '')).toContain('urn:oasis:names:tc:SAML:2.0:status:Success');
  await expect(page.locator('#acs-ok')).toHaveText('received');
});
