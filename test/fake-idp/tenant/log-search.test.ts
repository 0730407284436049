// Tenant log search as Auth0's log search v3 reads `q` (auth0/docs-v2
// main/docs/deploy-monitor/logs/log-search-query-syntax.mdx) and the paging rules of
// retrieve-log-events-using-mgmt-api.mdx. Every expected list is written out by hand.
import { describe, expect, it } from 'vitest';
import { newTenant } from './fixtures.ts';

function seeded() {
  const { tenant, clock } = newTenant();
  const at = (iso: string) => {
    clock.now = new Date(iso);
  };
  at('2018-11-30T23:59:59.999Z');
  tenant.log({
    type: 's',
    description: 'Success Login',
    user_id: 'auth0|nov',
    user_name: 'john.smith@example.com',
    connection: 'Username-Password-Authentication',
    client_name: 'Twilio Flex',
  });
  at('2018-12-10T08:00:00.000Z');
  tenant.log({
    type: 'fp',
    description: 'Wrong email or password.',
    user_id: 'auth0|dec10',
    user_name: 'Fred@example.com',
    connection: 'Username-Password-Authentication',
  });
  at('2018-12-18T00:00:00.000Z');
  tenant.log({ type: 'sapi', description: 'Create a rule', client_name: 'flex-sso-harness' });
  at('2018-12-31T23:59:59.999Z');
  tenant.log({ type: 's', description: 'Success Login', user_id: 'auth0|dec31', user_name: 'jane.doe.smith@example.com', ip: '10.0.0.7' });
  at('2019-01-01T01:00:00.000Z');
  tenant.log({ type: 'f', description: 'Username invalid', user_name: 'alfred@example.com' });
  at('2019-01-01T12:23:45.000Z');
  tenant.log({ type: 'actions_execution_failed', description: 'boom', user_id: 'auth0|jan' });
  at('2019-02-01T00:00:00.000Z');
  return { tenant, at };
}

const ids = (events: { user_id?: string; type: string; description: string }[]) => events.map((e) => e.user_id ?? `${e.type}:${e.description}`);

describe('log search v3 `q`: fields are case sensitive and not tokenized', () => {
  const { tenant } = seeded();
  const q = (query: string) => ids(tenant.listLogs({ q: query, sort: 'date:1' }));

  it('matches a whole value exactly, with case', () => {
    expect(q('type:s')).toEqual(['auth0|nov', 'auth0|dec31']);
    expect(q('type:S')).toEqual([]);
    expect(q('user_name:"Fred@example.com"')).toEqual(['auth0|dec10']);
    expect(q('user_name:"fred@example.com"')).toEqual([]);
    expect(q('description:"Username invalid"')).toEqual(['f:Username invalid']);
  });

  it('does not tokenize: description:rule misses "Create a rule", description:*rule finds it', () => {
    expect(q('description:rule')).toEqual([]);
    expect(q('description:*rule')).toEqual(['sapi:Create a rule']);
  });

  it('wildcards: prefix, infix, both ends (docs examples)', () => {
    expect(q('user_name:john*')).toEqual(['auth0|nov']);
    expect(q('user_name:*fred*')).toEqual(['f:Username invalid']);
    expect(q('user_name:jane*smith@example.com')).toEqual(['auth0|dec31']);
    expect(q('type:s*')).toEqual(['auth0|nov', 'sapi:Create a rule', 'auth0|dec31']);
    expect(q('connection:*Password*')).toEqual(['auth0|nov', 'auth0|dec10']);
    expect(q('ip:*')).toEqual(['auth0|dec31']);
  });

  it('searches bare terms in client_name, connection, description, ip, log_id, type and user_name only', () => {
    expect(q('fp')).toEqual(['auth0|dec10']);
    expect(q('10.0.0.7')).toEqual(['auth0|dec31']);
    expect(q('"Twilio Flex"')).toEqual(['auth0|nov']);
    expect(q('auth0|jan')).toEqual([]);
  });

  it('combines clauses with AND, OR, NOT and parentheses', () => {
    expect(q('type:s AND user_name:jane*')).toEqual(['auth0|dec31']);
    expect(q('type:s user_name:jane*')).toEqual(['auth0|dec31']);
    expect(q('type:fp OR type:f')).toEqual(['auth0|dec10', 'f:Username invalid']);
    expect(q('NOT type:s AND user_id:*')).toEqual(['auth0|dec10', 'auth0|jan']);
    expect(q('(type:fp OR type:f) AND NOT user_name:alfred*')).toEqual(['auth0|dec10']);
  });
});

describe('log search v3 `q`: dates (docs "Ranges" and "Example queries")', () => {
  const { tenant } = seeded();
  const q = (query: string) => ids(tenant.listLogs({ q: query, sort: 'date:1' }));

  it('date:[2018-12 TO 2019-01-01} is December 2018', () => {
    expect(q('date:[2018-12 TO 2019-01-01}')).toEqual(['auth0|dec10', 'sapi:Create a rule', 'auth0|dec31']);
  });
  it('date:[2018-12-10 TO *] is from December 10 on; date:[* TO 2018-12-19} is up to, not including, December 19', () => {
    expect(q('date:[2018-12-18 TO *]')).toEqual(['sapi:Create a rule', 'auth0|dec31', 'f:Username invalid', 'auth0|jan']);
    expect(q('date:[* TO 2018-12-19}')).toEqual(['auth0|nov', 'auth0|dec10', 'sapi:Create a rule']);
  });
  it('date:[2019-01-01T01:00:00 TO 2019-01-01T12:23:45} takes times (UTC) and excludes the upper end', () => {
    expect(q('date:[2019-01-01T01:00:00 TO 2019-01-01T12:23:45}')).toEqual(['f:Username invalid']);
    expect(q('date:[2019-01-01T01:00:00 TO 2019-01-01T12:23:45]')).toEqual(['f:Username invalid', 'auth0|jan']);
  });
  it('an inclusive upper bound covers the whole day it names; an exclusive lower bound starts after it', () => {
    expect(q('date:[2018-12-01 TO 2018-12-31]')).toEqual(['auth0|dec10', 'sapi:Create a rule', 'auth0|dec31']);
    expect(q('date:{2018-12-18 TO 2019-01}')).toEqual(['auth0|dec31']);
  });
  it('a date term is the whole day; the ISO dates the harness sends work too', () => {
    expect(q('date:2018-12-31')).toEqual(['auth0|dec31']);
    expect(q('date:[2018-12-10T07:59:59.000Z TO 2018-12-10T08:00:00.000Z]')).toEqual(['auth0|dec10']);
  });
  it('comparisons date:>, >=, <, <=', () => {
    expect(q('date:>2018-12-31')).toEqual(['f:Username invalid', 'auth0|jan']);
    expect(q('date:>=2018-12-31')).toEqual(['auth0|dec31', 'f:Username invalid', 'auth0|jan']);
    expect(q('date:<2018-12')).toEqual(['auth0|nov']);
    expect(q('date:<=2018-11-30')).toEqual(['auth0|nov']);
  });
});

describe('log search v3 `q`: what Auth0 refuses is a 400', () => {
  const { tenant } = seeded();
  const refusal = (query: string) => {
    try {
      tenant.listLogs({ q: query });
    } catch (error) {
      const e = error as { statusCode: number; errorCode: string; message: string };
      return { status: e.statusCode, code: e.errorCode, message: e.message };
    }
    return undefined;
  };

  it("an unknown field, in Auth0's words (auth0/auth0-mcp-server PR #197)", () => {
    expect(refusal('user_email:"a@example.com"')).toEqual({
      status: 400,
      code: 'invalid_query_string',
      message: 'The search query string has an error: unknown field "user_email"',
    });
    expect(refusal('details.error:x')).toMatchObject({ status: 400, message: expect.stringContaining('unknown field "details.error"') });
  });
  it('the ? wildcard, and a leading wildcard with fewer than 3 literal characters (*sa no, *usa yes)', () => {
    expect(refusal('user_name:jo?n')).toMatchObject({ status: 400, message: expect.stringContaining('"?" is not supported') });
    expect(refusal('user_name:*sa')).toMatchObject({ status: 400, message: expect.stringContaining('3 literal characters') });
    expect(refusal('user_name:*usa')).toBeUndefined();
  });
  it('malformed queries: an open parenthesis, a range without TO, a value-less field, fuzzy search', () => {
    expect(refusal('(type:s OR type:f')).toMatchObject({ status: 400, message: expect.stringContaining('missing ")"') });
    expect(refusal('date:[2018-12-01 2018-12-31]')).toMatchObject({ status: 400, message: expect.stringContaining('[from TO to]') });
    expect(refusal('type: s')).toMatchObject({ status: 400 });
    expect(refusal('user_name:jon~')).toMatchObject({ status: 400, message: expect.stringContaining('fuzzy') });
  });
  it('dates that are not dates, even when no event would be compared', () => {
    expect(refusal('date:[yesterday TO *]')).toMatchObject({ status: 400, message: expect.stringContaining('"yesterday" is not a date') });
    expect(refusal('date:2026-02-30')).toMatchObject({ status: 400, message: expect.stringContaining('not a valid date') });
    expect(refusal('type:nothing AND date:>2026-13')).toMatchObject({ status: 400 });
  });
  it('paging past the first 1,000 search results (retrieve-log-events-using-mgmt-api.mdx, "Limitations")', () => {
    expect(() => tenant.listLogs({ page: 9, per_page: 100 })).not.toThrow();
    expect(() => tenant.listLogs({ page: 10, per_page: 100 })).toThrow(
      expect.objectContaining({ statusCode: 400, message: expect.stringContaining('first 1000 results') }),
    );
  });
});

describe('events are searchable once indexed (--log-delay)', () => {
  it('hides an event from search, by id and by checkpoint until the delay has passed since it happened', () => {
    const { tenant, at } = seeded();
    tenant.logIndexDelayMs = 2_000;
    at('2019-02-01T00:00:00.000Z');
    const fresh = tenant.log({ type: 'fp', description: 'Wrong email or password.', user_id: 'auth0|late' });
    expect(ids(tenant.listLogs({ q: 'user_id:"auth0|late"' }))).toEqual([]);
    expect(tenant.getLog(fresh.log_id)).toBeUndefined();
    expect(tenant.listLogs({ from: '0', take: 100 }).some((e) => e.log_id === fresh.log_id)).toBe(false);
    at('2019-02-01T00:00:01.999Z');
    expect(tenant.listLogs({ q: 'user_id:"auth0|late"' })).toEqual([]);
    at('2019-02-01T00:00:02.000Z');
    expect(ids(tenant.listLogs({ q: 'user_id:"auth0|late"' }))).toEqual(['auth0|late']);
    expect(tenant.getLog(fresh.log_id)?.user_id).toBe('auth0|late');
  });
});

describe('events carry the tenant-wide fields of logs-schema.json', () => {
  it('hostname, tenant_name, environment_name, and strategy/strategy_type for the database connection', () => {
    const { tenant } = newTenant({ domain: 'dev-flex.us.auth0.com' });
    const event = tenant.log({
      type: 'fp',
      description: 'Wrong email or password.',
      connection: 'Username-Password-Authentication',
      user_name: 'a@example.com',
    });
    expect(event).toMatchObject({
      hostname: 'dev-flex.us.auth0.com',
      tenant_name: 'dev-flex',
      environment_name: 'flex-sso-emulator',
      strategy: 'auth0',
      strategy_type: 'database',
    });
    expect(tenant.log({ type: 'sapi', description: 'Create a User' })).not.toHaveProperty('strategy');
  });
});
