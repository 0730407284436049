import { describe, expect, it } from 'vitest';
import { matchesQuery, parseQuery } from '../../../fake-idp/tenant/lucene.ts';

const user = { email: 'ann@example.com', name: 'Ann Agent', app_metadata: { flex: { roles: ['agent', 'wfo.team_leader'], team: 'Blue' } }, logins_count: 12 };
const match = (q: string) => matchesQuery(user, parseQuery(q), ['email', 'name']);

describe('Lucene query subset', () => {
  it('matches exact (case-insensitive), prefix, presence, nested paths and array elements', () => {
    expect(match('email:"ANN@example.com"')).toBe(true);
    expect(match('email:ann*')).toBe(true);
    expect(match('app_metadata.flex.team:blue')).toBe(true);
    expect(match('app_metadata.flex.roles:"wfo.team_leader"')).toBe(true);
    expect(match('app_metadata.flex.team:*')).toBe(true);
    expect(match('Ann')).toBe(true);
    expect(match('logins_count:[10 TO 20]')).toBe(true);
    expect(match('email:ann* AND app_metadata.flex.team:"Blue"')).toBe(true);
  });

  it('does not match other values, missing fields, a partial exact value or an out-of-range number', () => {
    expect(match('email:"ann@example"')).toBe(false);
    expect(match('email:bob*')).toBe(false);
    expect(match('app_metadata.program:*')).toBe(false);
    expect(match('app_metadata.flex.roles:admin')).toBe(false);
    expect(match('logins_count:[13 TO *]')).toBe(false);
    expect(match('email:ann* AND app_metadata.flex.team:"Red"')).toBe(false);
    expect(match('zed')).toBe(false);
  });

  it('rejects syntax it does not support with a 400 instead of filtering wrongly', () => {
    expect(() => parseQuery('email:a OR email:b')).toThrow(expect.objectContaining({ statusCode: 400, errorCode: 'invalid_query_string' }));
    expect(() => parseQuery('(email:a)')).toThrow(expect.objectContaining({ statusCode: 400 }));
    expect(() => parseQuery('date:[2026-01-01]')).toThrow(/from TO to/);
  });
});
