// The counting rule of issue 22 and the choice of the Action the candidate replaces.
import { describe, expect, it } from 'vitest';
import { replaceInChain } from '../../../harness/impact/chains.ts';
import { compareResults } from '../../../harness/impact/compare.ts';
import type { LoginResult } from '../../../harness/impact/types.ts';

const who = { email: 'a@x.test', userId: 'auth0|1' };
const valid = (roles: string[]): LoginResult => ({ verdict: 'valid', codes: [], attributes: { email: 'a@x.test', full_name: 'A', roles } });
const denied = (reason: string): LoginResult => ({ verdict: 'denied', codes: ['ACTION_DENIED'], reason, attributes: {} });
const error = (reason: string): LoginResult => ({ verdict: 'error', codes: ['ACTION_THROW'], reason, attributes: {} });

describe('compareResults', () => {
  it('counts a user denied before and after with the same reason as unchanged, with another reason as changed', () => {
    expect(compareResults(who, denied('gone'), denied('gone')).classification).toBe('unchanged');
    const other = compareResults(who, denied('gone'), denied('moved'));
    expect(other).toMatchObject({ classification: 'changed', newlyRejected: false, newlyAccepted: false, changes: [] });
  });

  it('reads roles as a set: a reordering is no change; a different role is', () => {
    expect(compareResults(who, valid(['agent', 'supervisor']), valid(['supervisor', 'agent'])).classification).toBe('unchanged');
    expect(compareResults(who, valid(['supervisor']), valid(['agent'])).changes).toEqual([{ attribute: 'roles', before: ['supervisor'], after: ['agent'] }]);
  });

  it('a list compares with its repetitions; a text never equals a list holding it', () => {
    expect(compareResults(who, valid(['agent', 'agent']), valid(['agent'])).classification).toBe('changed');
    const team = (value: string | string[]): LoginResult => ({ verdict: 'valid', codes: [], attributes: { team: value } });
    expect(compareResults(who, team('Sales'), team(['Sales'])).changes).toEqual([{ attribute: 'team', before: 'Sales', after: ['Sales'] }]);
    expect(compareResults(who, team(['b', 'a']), team(['a', 'b'])).classification).toBe('unchanged');
  });

  it('newly rejected = valid before, denied or rejected after; newly accepted the other way', () => {
    expect(compareResults(who, valid(['agent']), denied('no'))).toMatchObject({ classification: 'changed', newlyRejected: true, newlyAccepted: false });
    const rejected: LoginResult = { verdict: 'rejected', codes: ['FLEX_MISSING_REQUIRED'], attributes: { email: 'a@x.test', full_name: 'A' } };
    expect(compareResults(who, rejected, valid(['agent']))).toMatchObject({ classification: 'changed', newlyRejected: false, newlyAccepted: true });
  });

  it('counts a candidate error as an error, unless the baseline failed the same way', () => {
    expect(compareResults(who, valid(['agent']), error('boom')).classification).toBe('error');
    expect(compareResults(who, error('boom'), error('boom')).classification).toBe('unchanged');
    expect(compareResults(who, error('old'), valid(['agent']))).toMatchObject({ classification: 'changed', newlyAccepted: true });
  });
});

describe('replaceInChain', () => {
  const bound = (...names: string[]) => names.map((name, i) => ({ id: `act_${i}`, name, code: `// ${name}`, secrets: {} }));
  const candidate = { id: 'act_candidate', name: 'flex-roles', code: '// new', secrets: {} };

  it("replaces the bound Action with the candidate's name, keeping the others in order", () => {
    expect(replaceInChain(bound('audit', 'flex-roles', 'tail'), candidate).map((a) => a.code)).toEqual(['// audit', '// new', '// tail']);
  });

  it('replaces the only bound Action whatever its name, and runs the candidate alone when none is bound', () => {
    expect(replaceInChain(bound('other'), candidate).map((a) => [a.name, a.code])).toEqual([['other', '// new']]);
    expect(replaceInChain([], candidate).map((a) => a.code)).toEqual(['// new']);
  });

  it('replaces --replace NAME, and refuses an unknown name or an ambiguous chain with exit 2 and the bound names', () => {
    expect(replaceInChain(bound('a', 'b'), candidate, 'b').map((a) => a.code)).toEqual(['// a', '// new']);
    expect(() => replaceInChain(bound('a', 'b'), candidate, 'c')).toThrow(
      expect.objectContaining({ code: 'REPLACE_UNKNOWN', exitCode: 2, message: expect.stringContaining('"a", "b"') }),
    );
    expect(() => replaceInChain(bound('a', 'b'), candidate)).toThrow(expect.objectContaining({ code: 'REPLACE_AMBIGUOUS', exitCode: 2 }));
  });
});
