// Issue 19, "Failures carry their evidence": the trace of a failed scenario, every check's code and
// status, report.html's header/order/filter, JUnit's file/line/skipped, the README's matrix line.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { formatMatrix } from '../../../harness/reports/console.ts';
import { buildHtmlReport } from '../../../harness/reports/html.ts';
import { buildJunitXml } from '../../../harness/reports/junit.ts';
import { redactTenant } from '../../../harness/reports/meta.ts';
import type { ReportedScenario, RunReport } from '../../../harness/reports/model.ts';
import { buildResultsJson } from '../../../harness/reports/results-json.ts';
import { SAMPLE } from './sample.ts';

const OUT = '/home/qa/project/reports';
const TRACE = `${OUT}/test-results/scenarios-evil-scenario-matrix/trace.zip`;
const [passing, failing] = SAMPLE.scenarios as [ReportedScenario, ReportedScenario];
const failed: ReportedScenario = {
  ...failing, line: 12, attachments: [{ name: 'trace', path: TRACE, contentType: 'application/zip' }],
  checks: [{ id: 'signature', ok: true, status: 'ok', detail: 'signed' }, ...failing.checks,
    { id: 'replay', ok: true, status: 'skipped', detail: 'not checked' }],
};
const REPORT: RunReport = {
  scenarios: [{ ...passing, line: 3 }, failed], durationMs: 2000,
  skipped: [{ id: 'mfa-otp', title: 'MFA with OTP', reason: 'emulator only', file: 'scenarios/mfa.yaml', line: 7 }],
  meta: { mode: 'staging', tenant: redactTenant('acme-prod.eu.auth0.com'), commit: 'abc1234', versions: { flexSso: '0.1.0', node: 'v20.19.0', playwright: '1.65.1' } },
};

describe('the trace of a failed scenario', () => {
  it('the console prints how to open it, relative to where flex-sso ran', () => {
    const text = formatMatrix(REPORT, '/home/qa/project');
    expect(text).toContain('    trace: npx playwright show-trace reports/test-results/scenarios-evil-scenario-matrix/trace.zip');
  });

  it('results.json references it as an attachment', () => {
    const json = buildResultsJson(REPORT);
    expect(json.scenarios[1]?.attachments).toEqual([{ name: 'trace', path: TRACE, contentType: 'application/zip' }]);
    expect(json.scenarios[0]).not.toHaveProperty('attachments');
  });

  it('JUnit references it as an [[ATTACHMENT|path]] in the testcase system-out', () => {
    const doc = new DOMParser().parseFromString(buildJunitXml(REPORT), 'text/xml');
    const testcase = Array.from(doc.getElementsByTagName('testcase'))[1];
    expect(testcase?.getElementsByTagName('system-out')[0]?.textContent).toBe(`[[ATTACHMENT|${TRACE}]]`);
  });

  it('report.html links it relative to the report and shows the command', () => {
    const html = buildHtmlReport(REPORT, new Date('2026-01-01T00:00:00Z'), OUT);
    expect(html).toContain('<a href="test-results/scenarios-evil-scenario-matrix/trace.zip">');
    expect(html).toContain('<code>npx playwright show-trace test-results/scenarios-evil-scenario-matrix/trace.zip</code>');
  });
});

describe('junit.xml', () => {
  const doc = new DOMParser().parseFromString(buildJunitXml(REPORT), 'text/xml');
  const cases = Array.from(doc.getElementsByTagName('testcase'));

  it('classname is the scenario\'s YAML file, with file and line attributes', () => {
    expect(cases.map((c) => [c.getAttribute('classname'), c.getAttribute('file'), c.getAttribute('line')])).toEqual([
      ['scenarios/pattern-a.yaml', 'scenarios/pattern-a.yaml', '3'],
      ['scenarios/pattern-a.yaml', 'scenarios/pattern-a.yaml', '12'],
      ['scenarios/mfa.yaml', 'scenarios/mfa.yaml', '7'],
    ]);
  });

  it('carries every check\'s status and stable code', () => {
    const props = Array.from(cases[1]?.getElementsByTagName('property') ?? []).map((p) => [p.getAttribute('name'), p.getAttribute('value')]);
    expect(props).toEqual([['check.signature', 'ok'], ['check.flex', 'failed FLEX_MISSING_REQUIRED'], ['check.replay', 'skipped']]);
  });

  it('counts the skipped scenarios and lists each as a skipped testcase', () => {
    const suite = doc.getElementsByTagName('testsuite')[0];
    expect([suite?.getAttribute('tests'), suite?.getAttribute('failures'), suite?.getAttribute('skipped')]).toEqual(['3', '1', '1']);
    expect(cases[2]?.getElementsByTagName('skipped')[0]?.getAttribute('message')).toBe('emulator only');
  });
});

describe('report.html', () => {
  const html = buildHtmlReport(REPORT, new Date('2026-01-01T00:00:00Z'), OUT);

  it('has a header with mode, tenant (redacted), commit, versions and date', () => {
    expect(html).toContain('<dd data-meta="mode">staging</dd>');
    expect(html).toContain('<dd data-meta="tenant">a…d.eu.auth0.com</dd>');
    expect(html).not.toContain('acme-prod');
    expect(html).toContain('<dd data-meta="commit">abc1234</dd>');
    expect(html).toContain('<dd data-meta="versions">flex-sso 0.1.0 · Node v20.19.0 · Playwright 1.65.1</dd>');
    expect(html).toContain('<dd data-meta="date">2026-01-01T00:00:00.000Z</dd>');
  });

  it('lists failures first in the matrix and the details', () => {
    const order = [...html.matchAll(/<(tr|details)[^>]*data-scenario="([^"]+)"/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(order).toEqual(['tr:evil-scenario', 'tr:pattern-a-admin', 'details:evil-scenario', 'details:pattern-a-admin']);
  });

  it('has a filter by text and status, its script allowed by hash and nothing else', () => {
    expect(html).toContain('id="filter-text"');
    expect(html).toContain('id="filter-status"');
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(script).digest('base64');
    expect(html).toContain(`script-src 'sha256-${hash}'`);
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it('shows the failed checks\' codes next to the scenario', () => {
    expect(html).toMatch(/<summary>.*evil-scenario.*<code>FLEX_MISSING_REQUIRED<\/code><\/summary>/);
    expect(html).toContain('data-codes="FLEX_MISSING_REQUIRED"');
  });
});

describe('redactTenant', () => {
  it('masks the tenant name and keeps the region', () => {
    expect(redactTenant('acme-prod.eu.auth0.com')).toBe('a…d.eu.auth0.com');
    expect(redactTenant('https://login.example.com/')).toBe('l…n.example.com');
    expect(redactTenant(undefined)).toBe('unknown');
  });
});

describe('the README\'s sample matrix', () => {
  it('is exactly what the tool prints for those scenarios', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');
    const block = /```\n(scenario {2,}outcome[^\n]*)\n(pattern-a-supervisor[^\n]*)\n(pattern-a-role-typo[^\n]*)\n/.exec(readme);
    expect(block).not.toBeNull();
    const [, header, supervisor, typo] = block as unknown as [string, string, string, string];
    const width = header.indexOf('outcome') - 2;
    const ok = (field: string) => ({ field, ok: true, expected: 'x', actual: 'x' });
    const base = { ...passing, checks: [], attributes: {} };
    const report: RunReport = {
      durationMs: 1,
      scenarios: [
        { ...base, id: 'pattern-a-supervisor', fields: ['outcome', 'email', 'full_name', 'roles', 'team', 'program'].map(ok) },
        { ...base, id: 'pattern-a-role-typo', outcome: 'sp-rejected', expectedOutcome: 'sp-rejected', fields: [ok('outcome')],
          checks: [{ id: 'flex', ok: false, status: 'failed', code: 'FLEX_UNKNOWN_ROLE', detail: 'unknown role' }] },
        { ...base, id: 'x'.repeat(width), fields: [ok('outcome')] },
      ],
    };
    const lines = formatMatrix(report).split('\n');
    expect(lines[0]).toBe(header);
    expect(lines).toContain(supervisor);
    expect(lines).toContain(typo);
  });
});
