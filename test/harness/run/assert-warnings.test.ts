// Issue 18: a scenario asserts a warning (a finding that lets the login through), and a key-rotated
// fault's `spPins` is valid only on that fault.
import { describe, expect, it } from 'vitest';
import { assertScenario } from '../../../harness/run/assert.ts';
import { parseScenarioFile } from '../../../harness/scenarios/load.ts';
import { record, verdict } from './verdicts.ts';

const WARNING = '`team_name` is sent without `team_id`: Flex Insights displays team_name only together with team_id.';

describe('expect.warnings', () => {
  it('passes when a verdict warning contains the text, fails with the warnings received otherwise', () => {
    const warned = { ...verdict({ roles: ['supervisor'] }), warnings: [WARNING] };
    const ok = assertScenario(
      { outcome: 'login', attributes: {}, warnings: ['`team_name` is sent without `team_id`'] },
      { relayState: 'rs', record: record(warned) },
    );
    expect(ok.passed).toBe(true);
    expect(ok.fields.find((f) => f.field === 'warning')).toMatchObject({ ok: true, actual: WARNING });
    const missing = assertScenario({ outcome: 'login', attributes: {}, warnings: ['`department_name`'] }, { relayState: 'rs', record: record(warned) });
    expect(missing.passed).toBe(false);
    expect(missing.fields.find((f) => f.field === 'warning')).toMatchObject({ ok: false, actual: `warnings: ${WARNING}` });
    expect(missing.hints[0]).toContain('did not warn');
  });
});

describe('scenario schema', () => {
  const yaml = (fault: string) =>
    `- id: s\n  title: t\n  action: pattern-b\n  fault: ${fault}\n  user: { email: a@flex-sso.test }\n  expect: { outcome: login, warnings: [x] }\n`;
  it('accepts key-rotated with spPins and expect.warnings; refuses spPins on another fault', () => {
    expect(parseScenarioFile('a.yaml', yaml('{ kind: key-rotated, spPins: current-and-next }')).errors).toEqual([]);
    const bad = parseScenarioFile('b.yaml', yaml('{ kind: expired, spPins: current }'));
    expect(bad.errors.map((e) => JSON.stringify(e)).join(' ')).toContain('spPins applies only to kind key-rotated');
  });
});
