// The fake SP dashboard in a real Chromium: list (newest first), filter form, detail page, live update
// over server-sent events, and a response carrying <script> shown as text with no script running.
// Screenshots of the list and detail pages are attached to the test output for review.
import { expect, test } from '@playwright/test';
import type { Page, TestInfo } from '@playwright/test';
import { testKey } from '../helpers/saml-signer.ts';
import { startDashboardSp } from '../fake-sp/server/dashboard/dashboard-sp.ts';
import type { DashboardSp } from '../fake-sp/server/dashboard/dashboard-sp.ts';

const XSS_NAME = '<script>window.__xss = 1; alert("xss")</script>';
const XSS_RELAY = '<img src=x onerror="window.__xss = 2; alert(2)">';

let env: DashboardSp;
const ids: Record<string, string> = {};

test.beforeAll(async () => {
  env = await startDashboardSp();
  ids.ana = await env.post({ relayState: 'rs-ana' });
  ids.bob = await env.post({ attributes: { email: 'bob@example.com', full_name: 'Bob Boss', roles: 'superviser', team: 'RAMP' }, relayState: 'rs-bob' });
  ids.lee = await env.post({ profile: 'legacy', sign: 'assertion', attributes: { email: 'lee@example.com', full_name: 'Lee Legacy', roles: ['admin', 'wfo.full_access'], team_name: 'Ops' } });
  ids.eve = await env.post({ key: testKey('other-idp'), relayState: 'rs-eve', attributes: { email: 'eve@example.com', full_name: 'Eve', roles: 'agent' } });
});
test.afterAll(async () => { await env?.close(); });

/** Fails the test if any dialog opens (an injected alert() would open one). */
function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); });
  return dialogs;
}

async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(name);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

const rowIds = (page: Page) => page.locator('#logins tbody tr[data-login-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-login-id')));

test('the list shows the logins newest first with verdict, first failed check, roles and profile', async ({ page }, testInfo) => {
  await page.goto(env.sp.dashboardUrl);
  await expect(page.locator('#live-status')).toHaveText(/^live:/, { timeout: 15_000 });
  await expect.poll(() => rowIds(page)).toEqual([ids.eve, ids.lee, ids.bob, ids.ana]);
  const bob = page.locator(`tr[data-login-id="${ids.bob}"]`);
  await expect(bob.locator('.verdict')).toContainText('✗ invalid');
  await expect(bob.locator('.first-failure')).toContainText('flex');
  await expect(page.locator(`tr[data-login-id="${ids.lee}"] .profile`)).toHaveText('legacy');
  await expect(page.locator(`tr[data-login-id="${ids.lee}"] .roles`)).toHaveText('admin, wfo.full_access');
  await expect(page.locator(`tr[data-login-id="${ids.eve}"] .first-failure`)).toHaveText('signature: SIG_INVALID');
  await screenshot(page, testInfo, 'dashboard-list.png');
});

test('the filter form narrows the list by user, verdict and profile', async ({ page }) => {
  await page.goto(env.sp.dashboardUrl);
  await page.getByLabel('Verdict').selectOption('invalid');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/verdict=invalid/);
  await expect.poll(() => rowIds(page)).toEqual([ids.eve, ids.bob]);
  await page.getByLabel('User or email').fill('BOB@');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect.poll(() => rowIds(page)).toEqual([ids.bob]);
  await page.goto(`${env.sp.url}/?profile=legacy`);
  await expect.poll(() => rowIds(page)).toEqual([ids.lee]);
  await expect(page.getByLabel('Flex profile')).toHaveValue('legacy');
});

test('the detail page shows checks, attributes, worker attributes and the XML with the signed element marked', async ({ page }, testInfo) => {
  await page.goto(env.sp.dashboardUrl);
  await page.locator(`tr[data-login-id="${ids.bob}"]`).getByRole('link', { name: 'details' }).click();
  await expect(page).toHaveURL(new RegExp(`/logins/${ids.bob}$`));
  await expect(page.locator('#verdict')).toContainText('✗ invalid');
  await expect(page.locator('#checks tr[data-check="flex"] td').first()).toHaveText('✗');
  await expect(page.locator('#checks tr[data-check="signature"] td').first()).toHaveText('✓');
  await expect(page.locator('#attributes tr[data-attribute="roles"]')).toContainText('superviser');
  await expect(page.locator('#attributes tr[data-attribute="team"]')).toContainText('drives no Flex feature');
  await expect(page.locator('#no-expectation')).toBeVisible();
  await expect(page.locator('#worker-attributes tr[data-worker-attribute="contact_uri"]')).toContainText('client:bob_40example_2Ecom');
  const signed = page.locator('#xml .signed[data-signed="Response"]');
  await expect(signed).toBeVisible();
  await expect(signed).toContainText('signed Response: the verified signature references #_');
  await expect(page.locator('#xml')).toContainText('<saml:Attribute Name="roles"');
  await screenshot(page, testInfo, 'dashboard-detail.png');

  await page.goto(`${env.sp.url}/logins/${ids.lee}`);
  await expect(page.locator('#xml .signed[data-signed="Assertion"]')).toBeVisible();
  await expect(page.locator('#xml .signed[data-signed="Response"]')).toHaveCount(0);

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download decoded XML' }).click();
  expect((await download).suggestedFilename()).toBe(`${ids.lee}.xml`);

  const missing = await page.goto(`${env.sp.url}/logins/lg_unknown`);
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('404: no such login');
});

test('a new login appears at the top without a reload', async ({ page }) => {
  await page.goto(env.sp.dashboardUrl);
  await expect(page.locator('#live-status')).toHaveText(/^live:/, { timeout: 15_000 });
  // A marker that a reload or navigation would wipe.
  await page.evaluate(() => { (window as unknown as { marker: string }).marker = 'same-document'; });
  const before = await rowIds(page);
  const id = await env.post({ attributes: { email: 'new.hire@example.com', full_name: 'New Hire', roles: 'agent' }, relayState: 'rs-live' });
  const row = page.locator(`#logins tbody tr[data-login-id="${id}"]`);
  await expect(row).toBeVisible();
  await expect(row.locator('.user')).toContainText('new.hire@example.com');
  await expect.poll(() => rowIds(page)).toEqual([id, ...before]);
  await expect(page.locator('#login-count')).toHaveText(String(before.length + 1));
  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same-document');
});

test('a response carrying <script> shows it as text, on the list (also live) and the detail page', async ({ page }) => {
  const dialogs = watchDialogs(page);
  await page.goto(env.sp.dashboardUrl);
  await expect(page.locator('#live-status')).toHaveText(/^live:/, { timeout: 15_000 });
  const id = await env.post({ attributes: { email: 'mallory@example.com', full_name: XSS_NAME, roles: XSS_NAME }, relayState: XSS_RELAY });
  const row = page.locator(`tr[data-login-id="${id}"]`);
  await expect(row.locator('.roles')).toHaveText(XSS_NAME);
  await expect(row.locator('.relay-state')).toHaveText(XSS_RELAY);
  await page.reload();
  await expect(page.locator(`tr[data-login-id="${id}"] .relay-state`)).toHaveText(XSS_RELAY);
  await page.goto(`${env.sp.url}/logins/${id}`);
  await expect(page.locator('#attributes tr[data-attribute="full_name"]')).toContainText(XSS_NAME);
  await expect(page.locator('#worker-attributes tr[data-worker-attribute="full_name"]')).toContainText(JSON.stringify(XSS_NAME));
  await expect(page.locator('#xml')).toContainText(XSS_NAME);
  expect(await page.locator('main script, main img').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
});
