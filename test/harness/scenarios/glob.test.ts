import { describe, expect, it } from 'vitest';
import { globToRegExp } from '../../../harness/scenarios/glob.ts';

describe('globToRegExp', () => {
  it.each([
    ['scenarios/**/*.yaml', 'scenarios/a.yaml', true],
    ['scenarios/**/*.yaml', 'scenarios/x/y/a.yaml', true],
    ['scenarios/*.yaml', 'scenarios/x/a.yaml', false],
    ['scenarios/*.{yaml,yml}', 'scenarios/a.yml', true],
    ['pattern-a-*', 'pattern-a-admin', true],
    ['pattern-a-*', 'pattern-b-admin', false],
    ['a?c.yaml', 'abc.yaml', true],
    ['a.yaml', 'axyaml', false],
  ])('%s vs %s → %s', (glob, path, expected) => {
    expect(globToRegExp(glob).test(path)).toBe(expected);
  });
});
