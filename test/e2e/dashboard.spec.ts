// The fake SP dashboard in a real Chromium: list (newest first), filter form, detail page, live update
// over server-sent events, and a response carrying <script> shown as text with no script running.
// Screenshots of the list and detail pages are attached to the test output for review.
import { expect, test } from '@playwright/test';
import type { Page, TestInfo } from '@playwright/test';
import { signedResponseBase64, testKey } from '../helpers/saml-signer.ts';
import { START, startDashboardSp } from '../fake-sp/server/dashboard/dashboard-sp.ts';
import { registerScenario } from '../../harness/run/register.ts';
import type { DashboardSp } from '../fake-sp/server/dashboard/dashboard-sp.ts';

const XSS_NAME = '<script>window.__xss = 1; alert("xss")</script>';
const XSS_RELAY = '<img src=x onerror="window.__xss = 2; alert(2)">';

let env: DashboardSp;
const ids: Record<string, string> = {};

test.beforeAll(async () => {
  env = await startDashboardSp();
  ids.ana = await env.post({ relayState: 'rs-ana' });
  ids.bob = await env.post({ attributes: { email: 'bob@example.com', full_name: 'Bob Boss', roles: 'superviser', team: 'RAMP' }, relayState: 'rs-bob' });
  ids.lee = await env.post({
    profile: 'legacy',
    sign: 'assertion',
    attributes: { email: 'lee@example.com', full_name: 'Lee Legacy', roles: ['admin', 'wfo.full_access'], team_name: 'Ops' },
  });
  ids.eve = await env.post({ key: testKey('other-idp'), relayState: 'rs-eve', attributes: { email: 'eve@example.com', full_name: 'Eve', roles: 'agent' } });
});
test.afterAll(async () => {
  await env?.close();
});

/** Fails the test if any dialog opens (an injected alert() would open one). */
function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
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
  await page.evaluate(() => {
    (window as unknown as { marker: string }).marker = 'same-document';
  });
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

// Issue 19, "The dashboard answers why".
const CLAIM = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';
const LONG = `${'very-long-unbroken-value-'.repeat(12)}end`;

test("a rejected login's page opens with why it was rejected and what to fix, above the fold", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`${env.sp.url}/logins/${ids.bob}`);
  const why = page.locator('#why');
  await expect(why).toBeVisible();
  await expect(why.getByRole('heading')).toHaveText('Why Flex rejects this login and what to fix');
  await expect(why.locator('li[data-check="flex"]')).toContainText('superviser');
  await expect(why.locator('li[data-check="flex"]')).toContainText('What to fix:');
  const box = await why.boundingBox();
  expect(box && box.y + box.height).toBeLessThan(900);
  // Before the check table, not below it.
  expect(
    await page.evaluate(() => {
      const [w, c] = [document.getElementById('why'), document.getElementById('checks')];
      return w !== null && c !== null && (w.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    }),
  ).toBe(true);
  await screenshot(page, testInfo, 'dashboard-why.png');
  await page.goto(`${env.sp.url}/logins/${ids.ana}`);
  await expect(page.locator('#verdict')).toContainText('✓ valid');
  await expect(page.locator('#why')).toHaveCount(0);
});

test('Flex attributes come first, Auth0 claim URIs collapsed, and nothing overflows at 1400 px', async ({ page }, testInfo) => {
  const id = await env.post({
    relayState: 'rs-claims',
    attributes: {
      [CLAIM]: 'zed@example.com',
      custom_note: LONG,
      program: 'P1',
      team: 'RAMP',
      roles: 'agent',
      full_name: 'Zed Zero',
      email: 'zed@example.com',
      'http://schemas.auth0.com/nickname': LONG,
    },
  });
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(`${env.sp.url}/logins/${id}`);
  const names = await page.locator('#attributes tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-attribute')));
  expect(names).toEqual(['email', 'full_name', 'roles', 'team', 'program', 'custom_note']);
  const uris = page.locator('#claim-uris');
  await expect(uris).not.toHaveAttribute('open');
  await expect(uris.locator('summary')).toContainText('2 Auth0 claim URI attribute(s)');
  await expect(page.locator(`#claim-uri-attributes tr[data-attribute="${CLAIM}"]`)).toBeHidden();
  await uris.locator('summary').click();
  await expect(page.locator(`#claim-uri-attributes tr[data-attribute="${CLAIM}"]`)).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, testInfo, 'dashboard-attributes-1400.png');
});

test('the 403 page Flex would show links to the login on the dashboard', async ({ page }, testInfo) => {
  const acsUrl = env.sp.acsUrls.enhanced as string;
  const base64 = signedResponseBase64({
    inResponseTo: null,
    acsUrl,
    audience: env.sp.audiences.enhanced,
    now: new Date(START.getTime() + 3_600_000),
    attributes: { email: 'rita@example.com', full_name: 'Rita Role', roles: 'superviser' },
  });
  await page.setContent(`<form method="post" action="${acsUrl}"><input type="hidden" name="SAMLResponse" value="${base64}"><button>post</button></form>`);
  const answer = page.waitForResponse((r) => r.url() === acsUrl);
  await page.getByRole('button', { name: 'post' }).click();
  expect((await answer).status()).toBe(403);
  const link = page.locator('#dashboard-link');
  await expect(link).toHaveText(/this login on the dashboard/);
  await screenshot(page, testInfo, 'acs-403.png');
  await link.click();
  await expect(page).toHaveURL(/\/logins\/lg_[^/]+$/);
  await expect(page.locator('#why li[data-check="flex"]')).toContainText('superviser');
});

test('a login judged against Pattern A lists the Flex attributes it expects and lacks', async ({ page }, testInfo) => {
  const patternSp = await startDashboardSp({ pattern: 'A' });
  try {
    const agent = await patternSp.post({ attributes: { email: 'pat@example.com', full_name: 'Pat Agent', roles: 'agent' } });
    const admin = await patternSp.post({ attributes: { email: 'ada@example.com', full_name: 'Ada Admin', roles: 'admin' } });
    await page.goto(`${patternSp.sp.url}/logins/${agent}`);
    await expect(page.locator('#verdict')).toContainText('✓ valid');
    const absent = page.locator('#absent');
    await expect(absent.getByRole('heading')).toHaveText('Expected but absent (Pattern A)');
    expect(await absent.locator('[data-absent]').evaluateAll((els) => els.map((e) => e.getAttribute('data-absent')))).toEqual(['team', 'program']);
    await screenshot(page, testInfo, 'dashboard-absent-pattern-a.png');
    await page.goto(`${patternSp.sp.url}/logins/${admin}`);
    await expect(page.locator('#absent')).toHaveText(/nothing expected is absent/);
  } finally {
    await patternSp.close();
  }
  // Without a pattern (the shared SP) nothing is said about absent attributes.
  await page.goto(`${env.sp.url}/logins/${ids.ana}`);
  await expect(page.locator('#absent')).toHaveCount(0);
});

test("a login the harness registered shows its scenario's expectation beside what Flex reads", async ({ page }, testInfo) => {
  await registerScenario(env.sp.url, 'rs-scenario', {
    scenarioId: 'pattern-a-supervisor',
    pattern: 'A',
    expectation: { outcome: 'login', attributes: { roles: ['supervisor'], team: 'RAMP', program: 'P1' } },
  });
  const id = await env.post({ relayState: 'rs-scenario', attributes: { email: 'sue@example.com', full_name: 'Sue Super', roles: 'superviser', team: 'RAMP' } });
  await page.goto(`${env.sp.url}/logins/${id}`);
  await expect(page.locator('#no-expectation')).toHaveCount(0);
  await expect(page.locator('#attributes thead')).toContainText('scenario expects');
  await expect(page.locator('#attributes tr[data-attribute="roles"]')).toContainText('✗ mismatch');
  await expect(page.locator('#attributes tr[data-attribute="team"]')).toContainText('✓');
  await expect(page.locator('#attributes tr[data-attribute="program"]')).toContainText('(not in the response)');
  await expect(page.locator('.facts')).toContainText('pattern-a-supervisor');
  await expect(page.locator('#absent [data-absent="program"]')).toBeVisible();
  await screenshot(page, testInfo, 'dashboard-expectation.png');
});
