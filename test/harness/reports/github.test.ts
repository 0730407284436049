// The `github` reporter's formatting: GitHub's workflow-command escaping (actions/toolkit
// packages/core/src/command.ts escapeData/escapeProperty), the annotation of a failed scenario at its
// YAML line, and a job summary in which no value can inject Markdown, HTML or a line.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  errorAnnotation, errorAnnotations, escapeCommandData, escapeCommandProperty, githubReport, markdownSafe, markdownSummary,
} from '../../../harness/reports/github.ts';
import type { ReportedScenario, RunReport } from '../../../harness/reports/model.ts';
import { SAMPLE } from './sample.ts';

const failing = SAMPLE.scenarios[1] as ReportedScenario;
const passing = SAMPLE.scenarios[0] as ReportedScenario;

describe('workflow command escaping (actions/toolkit command.ts)', () => {
  it('escapes %, CR and LF in a message, and : and , as well in a property', () => {
    expect(escapeCommandData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeCommandData('a:b,c')).toBe('a:b,c');
    expect(escapeCommandProperty('C:\\x,y%\n')).toBe('C%3A\\x%2Cy%25%0A');
  });
});

describe('errorAnnotation', () => {
  it('names the scenario file and line, and lists each mismatched field on its own (escaped) line', () => {
    const line = errorAnnotation({ ...failing, file: 'sso/flex,team:a.yaml', line: 12 });
    expect(line).toBe(
      '::error file=sso/flex%2Cteam%3Aa.yaml,line=12,title=flex-sso%3A evil-scenario failed::' +
      'Title <script>alert(1)</script>%0A' +
      'outcome: expected login, received sp-rejected (failed: flex) (hint: flex: set <roles>)%0A' +
      'roles: expected {agent}, received absent (hint: roles is missing & "quoted")',
    );
  });

  it('keeps a CR, LF or ESC inside a value from starting a line or a command: one output line per failure', () => {
    const hostile = { ...failing, line: 3, id: 'x\n::warning::fake', title: 'a\r\n::error::b', error: '\u001b[32mVALID' };
    const line = errorAnnotation(hostile);
    expect(line.split('\n')).toHaveLength(1);
    expect(line.includes('\r') || line.includes('\u001b')).toBe(false);
    expect(line).toContain('title=flex-sso%3A x\\n%3A%3Awarning%3A%3Afake failed::a\\r\\n::error::b%0A');
    expect(line).toContain('error: \\u001b[32mVALID');
  });

  it('omits line when the scenario has none (a test that crashed before its result)', () => {
    const { line: _line, ...rest } = { ...failing, line: 1 };
    expect(errorAnnotation(rest)).toMatch(/^::error file=scenarios\/pattern-a\.yaml,title=/);
  });

  it('annotates only failed scenarios', () => {
    expect(errorAnnotations(SAMPLE)).toHaveLength(1);
    expect(errorAnnotations({ scenarios: [passing], durationMs: 1 })).toEqual([]);
  });
});

describe('markdownSummary', () => {
  it('escapes HTML, Markdown punctuation, table pipes and control characters in values', () => {
    expect(markdownSafe('<b>a|b</b> *x* [l](u) & "q"\n')).toBe('&lt;b&gt;a\\|b&lt;/b&gt; \\*x\\* \\[l\\]\\(u\\) &amp; &quot;q&quot;\\\\n');
  });

  it('writes the counts, one table row per scenario with its cells, and the failures with their fields', () => {
    const md = markdownSummary({ ...SAMPLE, scenarios: [passing, { ...failing, id: 'evil|id', line: 7 }] });
    expect(md).toContain('1/2 scenarios passed, 1 failed in 2.3 s');
    expect(md).toContain('| scenario | outcome | email | full_name | roles | team | program |');
    expect(md).toContain('| pattern\\-a\\-admin | ✅ | · | · | ✅ | · | · |');
    expect(md).toContain('| evil\\|id | ❌ | · | · | ❌ | · | · |');
    expect(md).toContain('- **evil\\|id** — Title &lt;script&gt;alert\\(1\\)&lt;/script&gt; (scenarios/pattern\\-a\\.yaml:7)');
    expect(md).toContain('  - roles: expected \\{agent\\}, received absent — hint: roles is missing &amp; &quot;quoted&quot;');
    expect(md).not.toMatch(/<script|<b>/);
  });

  it('lists skipped scenarios with their reasons', () => {
    const report: RunReport = { scenarios: [passing], durationMs: 1000, skipped: [{ id: 'fault-x', title: 't', reason: 'needs the emulator' }] };
    const md = markdownSummary(report);
    expect(md).toContain('1/1 scenarios passed, 0 failed, 1 skipped in 1.0 s');
    expect(md).toContain('- fault\\-x: needs the emulator');
  });
});

describe('githubReport', () => {
  it('appends to $GITHUB_STEP_SUMMARY, keeping what earlier steps wrote', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flex-sso-gh-'));
    try {
      const file = join(dir, 'summary.md');
      writeFileSync(file, '# earlier step\n');
      const result = githubReport(SAMPLE, { GITHUB_STEP_SUMMARY: file });
      const text = readFileSync(file, 'utf8');
      expect(text.startsWith('# earlier step\n## flex-sso scenario matrix')).toBe(true);
      expect(result.lines).toHaveLength(1);
      expect(result.summaryFile).toBe(file);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without $GITHUB_STEP_SUMMARY returns the annotations and says no summary was written', () => {
    const result = githubReport(SAMPLE, {});
    expect(result.lines).toHaveLength(1);
    expect(result.note).toMatch(/GITHUB_STEP_SUMMARY is not set/);
  });
});
