// The flex-sso Playwright reporter keeps the files Playwright attached to a test (the trace of a
// failed one) and writes them into results.json and JUnit, and the run's header into report.html.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FullResult, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ATTACHMENTS } from '../../../harness/reports/attachments.ts';
import FlexSsoReporter, { ENV } from '../../../harness/reports/playwright-reporter.ts';
import { SAMPLE } from './sample.ts';

let out: string;
const saved = { ...process.env };

beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), 'flex-sso-reporter-'));
  Object.assign(process.env, { [ENV.out]: out, [ENV.reporters]: 'json,junit,html', [ENV.mode]: 'staging', [ENV.cwd]: out, AUTH0_DOMAIN: 'acme-prod.eu.auth0.com' });
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
  process.env = { ...saved };
  rmSync(out, { recursive: true, force: true });
});

describe('FlexSsoReporter', () => {
  it('references a failed test\'s trace in results.json and JUnit, and fills report.html\'s header', () => {
    const failing = SAMPLE.scenarios[1];
    const trace = join(out, 'test-results', 'evil', 'trace.zip');
    const test = { id: 't1', title: 'evil-scenario: x', annotations: [{ type: 'scenario', description: 'evil-scenario' }], expectedStatus: 'passed', location: { file: 'spec.ts', line: 1, column: 1 } } as unknown as TestCase;
    const result = {
      status: 'failed', duration: 1000, errors: [], annotations: [],
      attachments: [
        { name: ATTACHMENTS.result, contentType: 'application/json', body: Buffer.from(JSON.stringify(failing)) },
        { name: 'trace', contentType: 'application/zip', path: trace },
      ],
    } as unknown as TestResult;
    const reporter = new FlexSsoReporter();
    reporter.onBegin({}, { allTests: () => [test] } as unknown as Suite);
    reporter.onTestEnd(test, result);
    reporter.onEnd({ status: 'failed', duration: 1000 } as FullResult);
    const json = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { scenarios: { attachments?: unknown }[] };
    expect(json.scenarios[0]?.attachments).toEqual([{ name: 'trace', path: trace, contentType: 'application/zip' }]);
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain(`<system-out>[[ATTACHMENT|${trace}]]</system-out>`);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<a href="test-results/evil/trace.zip">');
    expect(html).toContain('<dd data-meta="mode">staging</dd>');
    expect(html).toContain('<dd data-meta="tenant">a…d.eu.auth0.com</dd>');
  });
});
