// report.html in a real Chromium (issue 19): the filter narrows the matrix and the details, and a
// scenario's link opens its details even when they start closed. The page's CSP allows only its
// own script (by hash): a blocked script would leave the filter dead, which these tests would see.
import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { buildHtmlReport } from '../../harness/reports/html.ts';
import { SAMPLE } from '../harness/reports/sample.ts';

async function openReport(page: import('@playwright/test').Page, outputPath: string): Promise<string[]> {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  writeFileSync(outputPath, buildHtmlReport(SAMPLE, new Date('2026-01-01T00:00:00Z')));
  await page.goto(`file://${outputPath}`);
  return errors;
}

const visibleRows = (page: import('@playwright/test').Page) =>
  page.locator('table tr[data-scenario]:visible').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-scenario')));

test('the filter narrows the matrix and the details by text, check code and status', async ({ page }, testInfo) => {
  const errors = await openReport(page, testInfo.outputPath('report.html'));
  await expect.poll(() => visibleRows(page)).toEqual(['evil-scenario', 'pattern-a-admin']);
  await page.locator('#filter-text').fill('flex_missing');
  await expect.poll(() => visibleRows(page)).toEqual(['evil-scenario']);
  await expect(page.locator('details[data-scenario="pattern-a-admin"]')).toBeHidden();
  await page.locator('#filter-text').fill('');
  await page.locator('#filter-status').selectOption('passed');
  await expect.poll(() => visibleRows(page)).toEqual(['pattern-a-admin']);
  await expect(page.locator('details[data-scenario="evil-scenario"]')).toBeHidden();
  const path = testInfo.outputPath('report-filtered.png');
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach('report-filtered.png', { path, contentType: 'image/png' });
  expect(errors).toEqual([]);
});

test("a scenario's link opens its details, closed as a passed scenario's start", async ({ page }, testInfo) => {
  const errors = await openReport(page, testInfo.outputPath('report.html'));
  const details = page.locator('details#s-pattern-a-admin');
  await expect(details).not.toHaveAttribute('open');
  await page.getByRole('link', { name: 'pattern-a-admin' }).click();
  await expect(details).toHaveAttribute('open', '');
  await expect(details.getByRole('heading', { name: 'Checks' })).toBeVisible();
  const path = testInfo.outputPath('report-opened.png');
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach('report-opened.png', { path, contentType: 'image/png' });
  expect(errors).toEqual([]);
});
