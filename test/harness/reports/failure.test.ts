// The one failure formatter shared by the console, JUnit and the matrix specs.
import { describe, expect, it } from 'vitest';
import { failureLines, failureMessage, failureSummary } from '../../../harness/reports/failure.ts';
import { terminalSafe } from '../../../harness/text/terminal-safe.ts';

const RESULT = {
  id: 'pattern-a-agent', file: 'scenarios/pattern-a.yaml', error: 'driver: timeout',
  fields: [
    { field: 'outcome', ok: true, expected: 'login', actual: 'login' },
    { field: 'roles', ok: false, expected: '{agent}', actual: 'absent', hint: 'set roles' },
    { field: 'email', ok: false, expected: '"a@x"', actual: '"\u001b[2Jb@x"', hint: 'set roles' },
  ],
};

describe('failure formatter', () => {
  it('writes the specs\' assertion message: each failed field, its hint, then the error', () => {
    expect(failureMessage(RESULT)).toBe([
      'scenario pattern-a-agent (scenarios/pattern-a.yaml) failed:',
      '  roles: expected {agent}, received absent',
      '    hint: set roles',
      '  email: expected "a@x", received "\u001b[2Jb@x"',
      '    hint: set roles',
      '  error: driver: timeout',
    ].join('\n'));
  });

  it('escapes for terminals and says "(as above)" for a repeated hint on the console', () => {
    expect(failureLines(RESULT, { esc: terminalSafe, indent: '    ', dedupeHints: true })).toEqual([
      '    roles: expected {agent}, received absent',
      '      hint: set roles',
      '    email: expected "a@x", received "\\u001b[2Jb@x"',
      '      hint: (as above)',
      '    error: driver: timeout',
    ]);
  });

  it('summarises the failed fields on one line, or the error when no field failed', () => {
    expect(failureSummary(RESULT)).toBe('roles: expected {agent}, received absent; email: expected "a@x", received "\u001b[2Jb@x"');
    expect(failureSummary({ fields: [], error: 'boom' })).toBe('boom');
    expect(failureSummary({ fields: [] })).toBe('failed');
  });
});
