// Pure parts of the real-tenant modes: which scenarios a tenant can run, the per-shard users,
// the app preflight, the plan file's permissions, the intercept ledger, and the report additions.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SamlClientInfo } from '../../../harness/auth0/types.ts';
import { normalizeActionCode, realTenantSkipReason, shardEmail, withUserEmail } from '../../../harness/modes/applicability.ts';
import { leakedRequests, mapLocation } from '../../../harness/modes/intercept.ts';
import { readPlan, writePlan, type RealTenantPlan } from '../../../harness/modes/plan-file.ts';
import { interceptPreflight, stagingPreflight } from '../../../harness/modes/preflight.ts';
import { startFakeSp } from '../../../fake-sp/server/start.ts';
import { buildHtmlReport } from '../../../harness/reports/html.ts';
import { buildResultsJson } from '../../../harness/reports/results-json.ts';
import { loadScenariosOrThrow } from '../../../harness/scenarios/load.ts';
import { SAMPLE } from '../reports/sample.ts';

const JQ = `JQ${'ab'.repeat(16)}`;
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const scenarios = loadScenariosOrThrow();
const byId = (id: string) => {
  const s = scenarios.find((x) => x.id === id);
  if (!s) throw new Error(`no scenario ${id}`);
  return s;
};
const CODE = 'exports.onExecutePostLogin = async () => {};';
const facts = { profile: 'enhanced' as const, bound: [{ name: 'Flex', code: CODE }], readFile: () => `${CODE}\r\n` };

describe('realTenantSkipReason', () => {
  it('runs a scenario whose Action is deployed and bound (line endings and trailing space ignored)', () => {
    expect(realTenantSkipReason(byId('pattern-a-admin'), facts)).toBeUndefined();
    expect(normalizeActionCode('a  \r\nb\n\n')).toBe('a\nb');
  });
  it('skips, with the reason, what a real tenant cannot do', () => {
    expect(realTenantSkipReason(byId('fault-expired'), facts)).toMatch(/emulator fault "expired"/);
    expect(realTenantSkipReason(byId('flow-sign-response-false'), facts)).toMatch(/overrides the SAML addon \(signResponse\)/);
    expect(realTenantSkipReason(byId('flow-idp-initiated-legacy'), facts)).toMatch(/targets the legacy Flex profile; flex.profile .* is enhanced/);
    expect(realTenantSkipReason(byId('pattern-a-admin'), { ...facts, bound: [{ name: 'Other', code: 'x' }] })).toMatch(
      /not deployed and bound .*\(bound with a deployed version: Other\).*flex-sso deploy-action scenarios\/actions\/pattern-a\.js/,
    );
    expect(
      realTenantSkipReason(byId('pattern-a-admin'), {
        ...facts,
        readFile: () => {
          throw new Error('ENOENT');
        },
      }),
    ).toMatch(/cannot be read: ENOENT/);
  });
});

describe('per-shard users', () => {
  it('suffixes the e-mail per shard and rewrites expectations of it', () => {
    expect(shardEmail('pa-admin@flex-sso.test', undefined)).toBe('pa-admin@flex-sso.test');
    expect(shardEmail('pa-admin@flex-sso.test', { index: 1, total: 1 })).toBe('pa-admin@flex-sso.test');
    expect(shardEmail('pa-admin@flex-sso.test', { index: 3, total: 4 })).toBe('pa-admin+s3@flex-sso.test');
    const moved = withUserEmail(byId('pattern-a-admin'), 'pa-admin+s3@flex-sso.test');
    expect(moved.user.email).toBe('pa-admin+s3@flex-sso.test');
    expect(moved.expect.attributes).toMatchObject({ email: 'pa-admin+s3@flex-sso.test', roles: 'admin', full_name: 'Ada Admin' });
  });
});

function app(callbacks: string[], samlp?: Record<string, unknown>): SamlClientInfo {
  return { client_id: 'cid', name: 'Twilio Flex', callbacks, ...(samlp ? { samlp } : {}) };
}

describe('stagingPreflight', () => {
  const acsUrl = `http://127.0.0.1:4010/login/callback?connection=${JQ}`;
  const expected = { acsUrl, audience: `urn:flex:${JQ}`, spPort: 4010 };
  it('accepts an app whose first callback is the local SP', () => {
    expect(stagingPreflight(app([acsUrl], { audience: `urn:flex:${JQ}`, binding: POST }), expected)).toEqual([]);
  });
  it('says exactly what to set', () => {
    expect(stagingPreflight(app([]), { ...expected, spPort: 0 }).map((p) => p.code)).toEqual(['SP_PORT_NOT_FIXED']);
    const problems = stagingPreflight(app(['https://x/cb', acsUrl], { audience: 'urn:flex:JQother', recipient: 'https://x/cb' }), expected);
    expect(problems.map((p) => p.code)).toEqual(['CALLBACK_NOT_LOCAL_SP', 'ADDON_AUDIENCE', 'ADDON_RECIPIENT']);
    expect(problems[0]?.hint).toContain(`put ${acsUrl} first`);
    expect(stagingPreflight(app([acsUrl]), expected).map((p) => p.code)).toEqual(['ADDON_OFF']);
  });
});

describe('interceptPreflight', () => {
  const flexAcs = `https://login.flex.us1.twilio.com/login/callback?connection=${JQ}`;
  const expected = { acsPath: `/login/callback?connection=${JQ}`, audience: `urn:flex:${JQ}` };
  it('returns the Flex ACS to intercept', () => {
    expect(interceptPreflight(app([flexAcs], { audience: `urn:flex:${JQ}` }), expected)).toEqual({ acsUrl: flexAcs, problems: [] });
  });
  it('refuses another connection, a non-first Flex callback and plain http', () => {
    expect(interceptPreflight(app(['https://login.flex.us1.twilio.com/login/callback?connection=JQ0'], {}), expected).problems[0]?.code).toBe(
      'CALLBACK_NOT_FLEX',
    );
    expect(interceptPreflight(app(['https://a/cb', flexAcs], {}), expected).problems[0]?.message).toContain(`${flexAcs} is not first`);
    expect(interceptPreflight(app([flexAcs.replace('https:', 'http:')], {}), expected).problems.map((p) => p.code)).toEqual(['CALLBACK_NOT_HTTPS']);
  });
});

describe('plan file', () => {
  it('is written 0600 in a private directory and deleted on dispose', () => {
    const plan: RealTenantPlan = {
      mode: 'staging',
      domain: 't.example',
      samlClientId: 'cid',
      samlUrl: 'https://t.example/samlp/cid',
      profile: 'enhanced',
      tenantAcsUrl: 'http://127.0.0.1:4010/login/callback',
      sp: { url: 'http://127.0.0.1:4010', loginUrl: 'http://127.0.0.1:4010/login', acsUrl: 'http://127.0.0.1:4010/login/callback' },
      scenarios: { a: { run: true, email: 'a@flex-sso.test', userId: 'auth0|1', password: 'secret-pass' }, b: { run: false, reason: 'why' } },
    };
    const handle = writePlan(plan);
    expect(statSync(handle.file).mode & 0o777).toBe(0o600);
    expect(readPlan(handle.file)).toEqual(plan);
    handle.dispose();
    expect(existsSync(handle.file)).toBe(false);
  });
});

describe('intercept ledger', () => {
  const acs = `https://flex-acs.invalid/login/callback?connection=${JQ}`;
  it('has no leak when every request to the Flex origin was served by the fake SP', () => {
    const landing = 'https://flex-acs.invalid/flex/agent-desktop?login=1';
    expect(
      leakedRequests({ requested: ['https://t/samlp/x', acs, landing], forwarded: [`POST ${acs}`, `GET ${landing}`], acsPosts: [acs], errors: [] }, acs),
    ).toEqual([]);
  });
  it('names a request to the Flex origin the interceptor never served', () => {
    expect(leakedRequests({ requested: [acs, 'https://flex-acs.invalid/other'], forwarded: [`POST ${acs}`], acsPosts: [acs], errors: [] }, acs)).toEqual([
      'https://flex-acs.invalid/other',
    ]);
  });
  it("maps the SP's redirects onto the Flex origin and leaves others alone", () => {
    const sp = 'http://127.0.0.1:4010';
    expect(mapLocation('/flex/agent-desktop?login=1', sp, 'https://flex-acs.invalid')).toBe('https://flex-acs.invalid/flex/agent-desktop?login=1');
    expect(mapLocation(`${sp}/x#y`, sp, 'https://flex-acs.invalid')).toBe('https://flex-acs.invalid/x#y');
    expect(mapLocation('https://elsewhere.example/p', sp, 'https://flex-acs.invalid')).toBe('https://elsewhere.example/p');
    expect(mapLocation(null, sp, 'https://flex-acs.invalid')).toBeUndefined();
  });
});

describe('reports: skipped scenarios and tenant logs', () => {
  const report = {
    ...SAMPLE,
    skipped: [{ id: 'fault-expired', title: 'Expired', reason: 'needs the emulator fault "expired" <x>' }],
    scenarios: [
      SAMPLE.scenarios[0]!,
      {
        ...SAMPLE.scenarios[1]!,
        tenantLogs: {
          polls: 1,
          waitedMs: 0,
          timedOut: false,
          events: [
            {
              date: '2026-03-01T10:00:00.000Z',
              type: 'f',
              typeName: 'Failed Login',
              description: 'Action <error>',
              details: { error: { message: 'roles <missing>' } },
            },
          ],
        },
      },
    ],
  };
  it("results.json lists the skipped scenarios with their reason and a failed scenario's tenant logs", () => {
    const json = buildResultsJson(report);
    expect(json.summary).toMatchObject({ total: 2, skipped: 1 });
    expect(json.skipped).toEqual(report.skipped);
    expect(json.scenarios[0]?.tenantLogs).toBeUndefined();
    expect(json.scenarios[1]?.tenantLogs).toEqual(report.scenarios[1]?.tenantLogs);
  });
  it('report.html shows both, escaped', () => {
    const html = buildHtmlReport(report, new Date('2026-03-01T10:00:00Z'));
    expect(html).toContain('Skipped (1)');
    expect(html).toContain('needs the emulator fault &quot;expired&quot; &lt;x&gt;');
    expect(html).toContain('Auth0 tenant logs');
    expect(html).toContain('Action &lt;error&gt;');
    expect(html).not.toContain('roles <missing>');
    // Labelled as what it is: tenant log details hold errors and execution ids, not console output.
    expect(html).not.toContain('details (Action console output)');
    expect(html).toContain('details (errors, execution ids)');
    expect(html).toContain("not the Action's console output");
    expect(buildHtmlReport({ ...report, scenarios: [{ ...SAMPLE.scenarios[1]!, tenantLogs: { error: 'HTTP 403 <b>' } }] }, new Date())).toContain(
      'could not read the tenant logs: HTTP 403 &lt;b&gt;',
    );
  });
  it('report.html says when it waited for Auth0 to index the events, and when it found none', () => {
    const lookup = {
      events: [{ date: '2026-03-01T10:00:00.000Z', type: 'fp', typeName: 'Failed Login (Incorrect Password)' }],
      polls: 4,
      waitedMs: 3_000,
      timedOut: false,
    };
    const found = buildHtmlReport({ ...report, scenarios: [{ ...SAMPLE.scenarios[1]!, tenantLogs: lookup }] }, new Date());
    expect(found).toContain('Found after 4 searches, 3.0 s of waiting: Auth0 indexes log events a few seconds after they happen.');
    const none = buildHtmlReport(
      { ...report, scenarios: [{ ...SAMPLE.scenarios[1]!, tenantLogs: { events: [], polls: 11, waitedMs: 10_000, timedOut: true } }] },
      new Date(),
    );
    expect(none).toContain('Searched 11 times over 10.0 s and found nothing');
    expect(none).toContain('no log event for this user during the attempt');
  });
  it("report.html and results.json show an emulator run's Action console output from the real-time logs, labelled and linked", () => {
    const actionLogs = {
      pageUrl: 'http://127.0.0.1:1/__emulator/actions/realtime-logs/page?user_name=a%40x',
      entries: [
        {
          action: 'pattern-a',
          executionId: 'exec-1',
          console: [{ level: 'log', message: 'team <RAMP>' }],
          consoleChars: 300,
          truncated: true,
          error: 'Error: boom',
        },
      ],
    };
    const withLogs = { ...report, scenarios: [{ ...SAMPLE.scenarios[1]!, actionLogs }] };
    const html = buildHtmlReport(withLogs, new Date());
    expect(html).toContain("Action console output (emulator's Actions real-time logs)");
    expect(html).toContain('href="http://127.0.0.1:1/__emulator/actions/realtime-logs/page?user_name=a%40x"');
    expect(html).toContain('[log] team &lt;RAMP&gt;');
    expect(html).toContain('256 of 300 characters kept');
    expect(buildResultsJson(withLogs).scenarios[0]?.actionLogs).toEqual(actionLogs);
  });
});

describe('fake SP publicUrl (intercept: the IdP addresses the real Flex ACS)', () => {
  const options = (publicUrl?: string) => ({
    port: 0,
    storeDir: mkdtempSync(join(tmpdir(), 'flex-sso-sp-')),
    profiles: [{ kind: 'enhanced' as const, connectionId: JQ }],
    idp: { certificates: [] },
    ...(publicUrl !== undefined ? { publicUrl } : {}),
  });
  it('expects Destination/Recipient on the public ACS while listening locally', async () => {
    const opts = options('https://login.flex.us1.twilio.com/');
    const sp = await startFakeSp(opts);
    try {
      expect(sp.acsUrls.enhanced).toBe(`https://login.flex.us1.twilio.com/login/callback?connection=${JQ}`);
      expect(sp.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await sp.close();
      rmSync(opts.storeDir, { recursive: true, force: true });
    }
  });
  it('rejects a publicUrl that is not an absolute http(s) URL', async () => {
    const opts = options('flex-acs');
    await expect(startFakeSp(opts)).rejects.toMatchObject({ code: 'SP_BAD_PUBLIC_URL' });
    rmSync(opts.storeDir, { recursive: true, force: true });
  });
});
