import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { formatMatrix, progressLine } from '../../../harness/reports/console.ts';
import { buildHtmlReport } from '../../../harness/reports/html.ts';
import { buildJunitXml } from '../../../harness/reports/junit.ts';
import { percentile, type ReportedScenario, type RunReport } from '../../../harness/reports/model.ts';
import { prettyXml } from '../../../harness/reports/pretty-xml.ts';
import { buildResultsJson } from '../../../harness/reports/results-json.ts';
import { writeReports } from '../../../harness/reports/write.ts';
import { SAMPLE } from './sample.ts';

describe('results.json', () => {
  it('has exactly the documented shape, with each check result as the pipeline gave it (code included)', () => {
    const json = JSON.parse(JSON.stringify(buildResultsJson(SAMPLE))) as { summary: object; scenarios: Record<string, unknown>[] };
    expect(Object.keys(json)).toEqual(['summary', 'scenarios']);
    expect(json.summary).toEqual({ total: 2, passed: 1, failed: 1, durationMs: 2346 });
    for (const s of json.scenarios) {
      expect(Object.keys(s)).toEqual(['id', 'title', 'action', 'outcome', 'expectedOutcome', 'passed', 'attributes', 'checks', 'hints', 'durationMs']);
    }
    expect(json.scenarios[1]).toEqual({
      id: 'evil-scenario', title: 'Title <script>alert(1)</script>', action: 'pattern-a', outcome: 'sp-rejected', expectedOutcome: 'login', passed: false,
      attributes: { full_name: ['<script>alert("name")</script>'] },
      checks: [{ id: 'flex', ok: false, status: 'failed', code: 'FLEX_MISSING_REQUIRED', expected: 'email, full_name, roles', actual: 'no roles', detail: 'roles missing <b>', hint: 'set <roles>' }],
      hints: ['flex: set <roles>', 'roles is missing & "quoted"'], durationMs: 1000,
    });
  });
});

describe('junit.xml', () => {
  it('parses, with one testcase per scenario and the failure details', () => {
    const xml = buildJunitXml(SAMPLE);
    const errors: string[] = [];
    const doc = new DOMParser({ onError: (level, message) => { if (level !== 'warning') errors.push(message); } }).parseFromString(xml, 'text/xml');
    expect(errors).toEqual([]);
    const cases = Array.from(doc.getElementsByTagName('testcase'));
    expect(cases.map((c) => c.getAttribute('name'))).toEqual(['pattern-a-admin: Admin logs in', 'evil-scenario: Title <script>alert(1)</script>']);
    expect(doc.getElementsByTagName('testsuite')[0]?.getAttribute('failures')).toBe('1');
    const failure = cases[1]?.getElementsByTagName('failure')[0];
    expect(failure?.getAttribute('message')).toBe('outcome: expected login, received sp-rejected (failed: flex); roles: expected {agent}, received absent');
    expect(failure?.textContent).toContain('hint: roles is missing & "quoted"');
    expect(cases[0]?.getElementsByTagName('failure')).toHaveLength(0);
  });
});

describe('report.html', () => {
  const html = buildHtmlReport(SAMPLE, new Date('2026-01-01T00:00:00Z'));

  it('escapes every value: no markup from scenarios, attributes, hints or XML survives', () => {
    // The page's one script is its own filter (allowed by hash); nothing else is markup.
    expect(html.replace(/<script>\(\(\)=>\{const q=document[\s\S]*?<\/script>/, '')).not.toContain('<script');
    expect(html).not.toContain('<roles>');
    expect(html).not.toContain('roles missing <b>');
    expect(html).toContain('roles missing &lt;b&gt;');
    expect(html).toContain('Title &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;');
    expect(html).toContain('roles is missing &amp; &quot;quoted&quot;');
  });

  it('is self-contained and shows the matrix, the diff, the checks and the decoded XML', () => {
    expect(html).not.toMatch(/<(link|img|iframe)\b|src=|https?:\/\//);
    expect(html).toContain('<th>full_name</th>');
    expect(html).toContain('<td>roles</td><td>{agent}</td><td>absent</td>');
    expect(html).toContain('<td>flex</td><td>failed</td><td>FLEX_MISSING_REQUIRED</td><td>email, full_name, roles</td><td>no roles</td>');
    expect(html).toContain('&lt;saml:AttributeValue&gt;admin&lt;/saml:AttributeValue&gt;');
  });
});

describe('console output', () => {
  it('prints a matrix with ✓/✗ and the failures with expected, received and hint', () => {
    const text = formatMatrix(SAMPLE);
    expect(text).toMatch(/pattern-a-admin\s+✓\s+·\s+·\s+✓\s+·\s+·/);
    expect(text).toMatch(/evil-scenario\s+✗\s+·\s+·\s+✗/);
    expect(text).toContain('    roles: expected {agent}, received absent\n      hint: roles is missing & "quoted"');
    expect(text).toContain('1/2 scenarios passed, 1 failed in 2.3 s (login p50 310 ms)');
    expect(progressLine(SAMPLE.scenarios[1]!, 2, 2)).toBe('  ✗ [2/2] evil-scenario (1000 ms)');
  });

  it('prints a hint repeated by several fields once', () => {
    const [, failing] = SAMPLE.scenarios;
    const same = { ...failing!, fields: failing!.fields.map((f) => ({ ...f, hint: 'one cause' })) };
    const text = formatMatrix({ scenarios: [same], durationMs: 1 });
    expect(text).toContain('      hint: one cause\n    roles: expected {agent}, received absent\n      hint: (as above)');
  });

  it('computes nearest-rank percentiles', () => {
    expect(percentile([5, 1, 3], 0.5)).toBe(3);
    expect(percentile([1, 2, 3, 4], 0.95)).toBe(4);
    expect(percentile([], 0.5)).toBeUndefined();
  });
});

describe('prettyXml', () => {
  it('indents nested elements and keeps text inline', () => {
    expect(prettyXml('<a><b x="1">t</b><c/></a>')).toBe('<a>\n  <b x="1">t</b>\n  <c/>\n</a>');
  });
});

describe('writeReports', () => {
  it('writes only the selected files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flex-sso-reports-'));
    try {
      writeReports(SAMPLE, dir, ['json', 'junit'], new Date());
      expect(readdirSync(dir).sort()).toEqual(['junit.xml', 'results.json']);
      expect(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')).summary.total).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('terminal injection in the console matrix and JUnit text', () => {
  const FAKE = '\r\n\u001b[32mVerdict: VALID\u001b[39m\u009b2K\u202E';
  const hostile: RunReport = {
    ...SAMPLE,
    scenarios: SAMPLE.scenarios.map((s, i) => (i === 0 ? s : {
      ...s, id: `evil${FAKE}`, title: `t${FAKE}`, error: `boom${FAKE}`,
      fields: [{ field: 'email', ok: false, expected: 'a@example.com', actual: `x${FAKE}`, hint: `h${FAKE}` }],
    })),
    skipped: [{ id: `skip${FAKE}`, title: 't', reason: `r${FAKE}` }],
  };
  // eslint-disable-next-line no-control-regex -- what must never reach a terminal
  const RAW = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029]/;

  it('the matrix and failure list escape control and bidi characters and add no line', () => {
    const text = [formatMatrix(hostile), progressLine(hostile.scenarios[1] as ReportedScenario, 2, 2)].join('\n');
    expect(text).not.toMatch(RAW);
    expect(text.split('\n').filter((line) => line.trimStart().startsWith('Verdict'))).toEqual([]);
    expect(text).toContain('x\\r\\n\\u001b[32mVerdict: VALID\\u001b[39m\\u009b2K\\u202e');
  });

  it('JUnit failure text shows the escapes instead of dropping or passing the characters', () => {
    const xml = buildJunitXml(hostile);
    expect(xml).not.toMatch(RAW);
    expect(xml).toContain('received x\\r\\n\\u001b[32mVerdict: VALID');
    const errors: string[] = [];
    new DOMParser({ onError: (level, message) => { if (level !== 'warning') errors.push(message); } }).parseFromString(xml, 'text/xml');
    expect(errors).toEqual([]);
  });

  it('results.json keeps the values exact', () => {
    const json = buildResultsJson(hostile) as unknown as { scenarios: { id: string }[] };
    expect(json.scenarios[1]?.id).toBe(`evil${FAKE}`);
  });
});
