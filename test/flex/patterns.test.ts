import { describe, expect, it } from 'vitest';
import { absentAttributes, expectedAttributes } from '../../flex/patterns.ts';

describe('Flex patterns (seeds pattern-a.js/pattern-b.js, audit TEAM_MISSING/PROGRAM_MISSING)', () => {
  it('Pattern A expects team and program of a non-admin, not of an admin', () => {
    expect(expectedAttributes('A', ['agent'])).toEqual(['email', 'full_name', 'roles', 'team', 'program']);
    expect(expectedAttributes('A', ['admin'])).toEqual(['email', 'full_name', 'roles']);
  });

  it("Pattern B expects Flex's required attributes only", () => {
    expect(expectedAttributes('B', ['agent'])).toEqual(['email', 'full_name', 'roles']);
  });

  it('lists the expected attributes a login lacks, an empty value counting as absent', () => {
    const attributes = { email: ['a@example.com'], full_name: ['A'], roles: ['agent'], team: [' '] };
    expect(absentAttributes('A', attributes, ['agent'])).toEqual(['team', 'program']);
    expect(absentAttributes('A', { ...attributes, team: ['RAMP'], program: ['P1'] }, ['agent'])).toEqual([]);
    expect(absentAttributes('B', attributes, ['agent'])).toEqual([]);
  });
});
