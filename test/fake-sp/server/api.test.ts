// Capture API (/api/logins), landing page, dashboard and the catch-all answers, over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginRecordSummary, RunningSp } from '../../../fake-sp/server/start.ts';
import { buildSignedResponse, makeKey } from './support/auth0-response.ts';
import type { TestKey } from './support/auth0-response.ts';
import { JSON_ACCEPT, NOW, postForm, removeDir, startSp, tempDir } from './support/sp-fixture.ts';

let key: TestKey;
let dir: string;
let sp: RunningSp;
let clockNow = NOW;
const ids: string[] = [];

beforeAll(async () => {
  key = await makeKey();
  dir = await tempDir();
  sp = await startSp(key, dir, { clock: () => clockNow });
  const logins = [
    { email: 'a@example.com', relayState: 'rs-a', roles: ['agent'] },
    { email: 'b@example.com', relayState: 'rs-b', roles: ['supervisor'] },
    { email: 'a@example.com', relayState: 'rs-a2', roles: ['superviser'] },
  ];
  for (const [i, l] of logins.entries()) {
    clockNow = new Date(NOW.getTime() + i * 60_000);
    const { base64 } = buildSignedResponse({
      key,
      acsUrl: sp.acsUrls.enhanced as string,
      audience: sp.audiences.enhanced as string,
      now: clockNow,
      email: l.email,
      roles: l.roles,
    });
    const res = await postForm(sp.acsUrls.enhanced as string, { SAMLResponse: base64, RelayState: l.relayState });
    ids.push(res.headers.get('x-login-id') as string);
  }
});
afterAll(async () => {
  await sp?.close();
  await removeDir(dir);
});

const list = async (query = '') => {
  const res = await fetch(`${sp.url}/api/logins${query}`);
  return { status: res.status, body: (await res.json()) as { logins: LoginRecordSummary[]; error?: { code: string } } };
};

describe('GET /api/logins', () => {
  it('lists summaries newest first with the failed check ids', async () => {
    const { status, body } = await list();
    expect(status).toBe(200);
    expect(body.logins.map((l) => l.id)).toEqual([...ids].reverse());
    expect(body.logins[0]).toMatchObject({
      email: 'a@example.com',
      valid: false,
      roles: ['superviser'],
      relayState: 'rs-a2',
      profile: 'enhanced',
      httpStatus: 403,
    });
    expect(body.logins[0]?.failedChecks).toEqual(['flex']);
    expect(body.logins[2]).toMatchObject({ valid: true, failedChecks: [], httpStatus: 302 });
    expect(body.logins[0]).not.toHaveProperty('verdict');
  });

  it('filters by relayState, email, since and limit', async () => {
    expect((await list('?relayState=rs-b')).body.logins.map((l) => l.id)).toEqual([ids[1]]);
    expect((await list('?email=A@example.com')).body.logins.map((l) => l.id)).toEqual([ids[2], ids[0]]);
    expect((await list(`?since=${encodeURIComponent(new Date(NOW.getTime() + 60_000).toISOString())}`)).body.logins.map((l) => l.id)).toEqual([ids[2], ids[1]]);
    expect((await list('?limit=1')).body.logins.map((l) => l.id)).toEqual([ids[2]]);
  });

  it('rejects an unparsable since, a bad limit and a repeated filter with 400 JSON', async () => {
    for (const [query, code] of [
      ['?since=yesterday', 'API_BAD_SINCE'],
      ['?limit=0', 'API_BAD_LIMIT'],
      ['?limit=abc', 'API_BAD_LIMIT'],
      ['?email=a&email=b', 'API_BAD_QUERY'],
    ] as const) {
      const { status, body } = await list(query);
      expect(status, query).toBe(400);
      expect(body.error?.code, query).toBe(code);
    }
  });
});

describe('GET /api/logins/:id', () => {
  it('returns the full record with its verdict', async () => {
    const res = await fetch(`${sp.url}/api/logins/${ids[0]}`);
    expect(res.status).toBe(200);
    const record = (await res.json()) as { id: string; verdict: { valid: boolean; checks: unknown[] }; samlResponse: string };
    expect(record.id).toBe(ids[0]);
    expect(record.verdict.valid).toBe(true);
    expect(record.verdict.checks).toHaveLength(15);
    expect(record.samlResponse.length).toBeGreaterThan(100);
  });

  it('answers 404 JSON for an unknown id', async () => {
    const res = await fetch(`${sp.url}/api/logins/lg_nope`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('API_UNKNOWN_LOGIN');
  });
});

describe('pages', () => {
  it('the landing page shows the verdict of a known login and 404s an unknown one', async () => {
    const ok = await fetch(`${sp.url}/flex/agent-desktop?login=${ids[1]}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await ok.text();
    expect(html).toContain('b@example.com');
    expect(html).toContain('data-valid="true"');
    const unknown = await fetch(`${sp.url}/flex/agent-desktop?Token=bm9wZQ`);
    expect(unknown.status).toBe(404);
  });

  it('the dashboard lists every login', async () => {
    const res = await fetch(sp.dashboardUrl);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const id of ids) expect(html).toContain(`data-login-id="${id}"`);
  });

  it('an unknown route is a 404 with a JSON or HTML error, never a stack trace', async () => {
    const json = await fetch(`${sp.url}/nope`, { headers: JSON_ACCEPT });
    expect(json.status).toBe(404);
    expect(((await json.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    const html = await fetch(`${sp.url}/nope`);
    expect(html.status).toBe(404);
    expect(await html.text()).not.toMatch(/at .*\.ts:\d+/);
  });
});
