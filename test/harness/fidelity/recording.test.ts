// The recorder's two halves without a browser: what a worker writes for one attempt (capture.ts),
// what `flex-sso run` completes afterwards (finish.ts), and the definition hash and addon a
// recording keeps. Redaction: nothing the harness knows to be secret, nor the tenant's identifiers,
// reaches a recording file.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { LogSearch, LogsSource } from '../../../harness/auth0/tenant-logs.ts';
import { splitAddon } from '../../../harness/fidelity/recording/addon.ts';
import { recordAttempt, type RecordSettings } from '../../../harness/fidelity/recording/capture.ts';
import { scenarioDefinitionHash } from '../../../harness/fidelity/recording/definition.ts';
import { finishRecording, type RecordingContext } from '../../../harness/fidelity/recording/finish.ts';
import { RecordingRedaction } from '../../../harness/fidelity/recording/redaction.ts';
import { parseScenarioFile } from '../../../harness/scenarios/load.ts';
import type { Scenario } from '../../../harness/scenarios/schema.ts';
import { REPO_ROOT } from '../../../harness/repo-root.ts';
import { Redactor } from '../../../harness/secrets/redact.ts';
import { buildLoginResponse } from '../../../fake-idp/saml/login-response.ts';
import { loginRequest } from '../../fake-idp/saml/fixtures.ts';

const DOMAIN = 'acme-staging.eu.auth0.com';
const CLIENT = 'SamlClient0123456789abcdefABCDEF';
const PASSWORD = 'Pw-Generated-Secret-1!';
const SECRET = 'mgmt-secret-value-xyz';
const ENV = { AUTH0_MGMT_CLIENT_SECRET: SECRET } as NodeJS.ProcessEnv;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flex-sso-rec-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const settings = (): RecordSettings => ({ dir, runId: 'run-1', ids: { domain: DOMAIN, samlClientId: CLIENT, managementClientId: 'MgmtClient0123456789' } });
const window = { from: new Date('2026-03-01T12:00:00Z'), to: new Date('2026-03-01T12:00:05Z') };

function scenario(yaml: string): Scenario {
  const parsed = parseScenarioFile(join(REPO_ROOT, 'scenarios/fidelity-test.yaml'), yaml, 'fidelity-test.yaml');
  if (!parsed.scenarios[0]) throw new Error(JSON.stringify(parsed.errors));
  return parsed.scenarios[0];
}

const SCENARIO = `id: rec-admin
title: Admin
action: pattern-a
user: { email: rec-admin@flex-sso.test, name: Ada, app_metadata: { flex: { roles: [admin] } } }
expect: { outcome: login }
`;

/** A tenant's response whose Issuer names the tenant and whose Action wrote the password and the secret as attribute names. */
async function posted(): Promise<string> {
  const r = await buildLoginResponse({
    ...loginRequest({ attributes: { [PASSWORD]: 'x', [`k-${SECRET}`]: 'y', email: 'rec-admin@flex-sso.test' } }),
    tenantIssuer: `urn:${DOMAIN}`,
  });
  return Buffer.from(r.xml, 'utf8').toString('base64');
}

describe('recordAttempt (the worker, right after the login)', () => {
  test("writes the response normalised, with the tenant's domain as a placeholder and secrets redacted", async () => {
    expect(
      recordAttempt(
        settings(),
        { scenarioId: 'rec-admin', userId: 'auth0|1', password: PASSWORD, window, outcome: 'login', passed: true, postedSamlResponse: await posted() },
        ENV,
      ),
    ).toBeUndefined();
    const xml = readFileSync(join(dir, 'rec-admin/response.xml'), 'utf8');
    expect(xml).toContain('<saml:Issuer>urn:{tenant-domain}</saml:Issuer>');
    expect(xml).toContain('<saml:Attribute Name="[REDACTED]"');
    expect(xml).toContain('<saml:Attribute Name="k-[REDACTED]"');
    expect(xml).toContain('<saml:AttributeValue xsi:type="xs:string">{user data}</saml:AttributeValue>');
    for (const leaked of [DOMAIN, PASSWORD, SECRET, 'rec-admin@flex-sso.test']) expect(xml).not.toContain(leaked);
    expect(JSON.parse(readFileSync(join(dir, 'rec-admin/.attempt.json'), 'utf8'))).toEqual({
      runId: 'run-1',
      userId: 'auth0|1',
      from: '2026-03-01T12:00:00.000Z',
      to: '2026-03-01T12:00:05.000Z',
      outcome: 'login',
      passed: true,
      response: true,
    });
  });

  test('a new attempt replaces what an earlier recording of the scenario left', async () => {
    recordAttempt(
      settings(),
      { scenarioId: 'rec-admin', userId: 'auth0|1', password: PASSWORD, window, outcome: 'login', passed: true, postedSamlResponse: await posted() },
      ENV,
    );
    writeFileSync(join(dir, 'rec-admin/scenario.json'), '{}');
    recordAttempt(settings(), { scenarioId: 'rec-admin', userId: 'auth0|1', password: PASSWORD, window, outcome: 'wrong-password', passed: true }, ENV);
    expect(readdirSync(join(dir, 'rec-admin'))).toEqual(['.attempt.json']);
  });

  test('a posted value that is no SAML response is not recorded as one', () => {
    recordAttempt(
      settings(),
      {
        scenarioId: 'rec-admin',
        userId: 'auth0|1',
        password: PASSWORD,
        window,
        outcome: 'sp-rejected',
        passed: false,
        postedSamlResponse: Buffer.from('<!DOCTYPE x><x/>').toString('base64'),
      },
      ENV,
    );
    expect(existsSync(join(dir, 'rec-admin/response.xml'))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'rec-admin/.attempt.json'), 'utf8'))).toMatchObject({ response: false });
  });

  test('never throws: a problem is returned for the report', () => {
    writeFileSync(join(dir, 'rec-admin'), 'a file where the scenario directory goes');
    expect(recordAttempt(settings(), { scenarioId: 'rec-admin', userId: 'auth0|1', password: PASSWORD, window, outcome: 'login', passed: true }, ENV)).toMatch(
      /^recording rec-admin failed: /,
    );
  });
});

function context(logs: LogsSource, overrides: Partial<RecordingContext> = {}): RecordingContext {
  const redactor = new Redactor([SECRET, PASSWORD]);
  return {
    settings: settings(),
    mode: 'staging',
    recordedAt: new Date('2026-03-01T12:30:00Z'),
    sp: { acsUrl: 'http://127.0.0.1:4010/login/callback?connection=JQ1', entityId: 'urn:flex:JQ1' },
    addon: { audience: 'urn:flex:JQ1', signResponse: true, signingCert: '-----BEGIN CERTIFICATE-----' },
    bound: [
      { name: 'Flex Pattern A', code: readFileSync(join(REPO_ROOT, 'scenarios/actions/pattern-a.js'), 'utf8').trim() },
      { name: 'Other', code: 'x' },
    ],
    logs,
    redaction: new RecordingRedaction(settings().ids, redactor),
    waitMs: 0,
    ...overrides,
  };
}

describe('finishRecording (flex-sso run, after every login)', () => {
  const s = scenario(SCENARIO);
  const attempt = () =>
    recordAttempt(settings(), { scenarioId: 'rec-admin', userId: 'auth0|1', password: PASSWORD, window, outcome: 'login', passed: true }, ENV);

  test("fetches the attempt's log events, writes tenant-logs.json and scenario.json, removes the attempt", async () => {
    attempt();
    const searches: LogSearch[] = [];
    const logs: LogsSource = {
      listLogs: async (request) => {
        searches.push(request);
        return [
          { type: 's', date: '2026-03-01T12:00:03Z', user_id: 'auth0|1', hostname: DOMAIN, description: `Success Login on ${DOMAIN}`, client_id: CLIENT },
          { type: 's', date: '2026-03-01T11:00:00Z', user_id: 'auth0|1', description: 'an earlier attempt: outside the window' },
          { type: 'fp', date: '2026-03-01T12:00:01Z', user_id: 'auth0|2', description: 'another user' },
        ];
      },
    };
    const lines: string[] = [];
    const result = await finishRecording(context(logs), [s], (l) => lines.push(l));
    expect(result).toEqual({ recorded: ['rec-admin'], problems: [] });
    expect(searches.map((r) => [r.q, r.page, r.per_page])).toEqual([
      ['(user_id:"auth0|1") AND date:[2026-03-01T11:59:55.000Z TO 2026-03-01T12:00:10.000Z]', 0, 100],
    ]);
    expect(JSON.parse(readFileSync(join(dir, 'rec-admin/tenant-logs.json'), 'utf8'))).toEqual({
      format: 1,
      events: [
        {
          type: 's',
          fields: {
            client_id: '{string}',
            date: '{string}',
            description: 'Success Login on {tenant-domain}',
            hostname: '{string}',
            type: 's',
            user_id: '{string}',
          },
        },
      ],
    });
    const manifest = JSON.parse(readFileSync(join(dir, 'rec-admin/scenario.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      format: 1,
      mode: 'staging',
      recordedAt: '2026-03-01T12:30:00.000Z',
      tenantDomain: 'redacted',
      scenario: { id: 'rec-admin', file: 'fidelity-test.yaml', definitionHash: scenarioDefinitionHash(s) },
      addon: { audience: 'urn:flex:JQ1', signResponse: true },
      addonNotModelled: ['signingCert'],
      boundActions: [
        { name: 'Flex Pattern A', scenarioAction: true },
        { name: 'Other', scenarioAction: false },
      ],
      attempt: { outcome: 'login', passed: true, response: false },
    });
    expect(existsSync(join(dir, 'rec-admin/.attempt.json'))).toBe(false);
    expect(lines).toEqual(['record    rec-admin: no SAML response, 1 tenant log event(s)']);
  });

  test('one search for several attempts, repeated until Auth0 has indexed an event of each user', async () => {
    attempt();
    const other = scenario(SCENARIO.replace('id: rec-admin', 'id: rec-agent'));
    recordAttempt(
      settings(),
      {
        scenarioId: 'rec-agent',
        userId: 'auth0|2',
        password: PASSWORD,
        window: { from: new Date('2026-03-01T12:00:06Z'), to: new Date('2026-03-01T12:00:08Z') },
        outcome: 'login',
        passed: true,
      },
      ENV,
    );
    const searches: string[] = [];
    const indexed = [
      { type: 's', date: '2026-03-01T12:00:02Z', user_id: 'auth0|1' },
      { type: 'fp', date: '2026-03-01T12:00:07Z', user_id: 'auth0|2', description: 'Wrong email or password.' },
      { type: 's', date: '2026-03-01T12:00:07.500Z', user_id: 'auth0|2' },
    ];
    const logs: LogsSource = {
      listLogs: async (request) => {
        searches.push(request.q);
        return searches.length === 1 ? indexed.slice(0, 1) : indexed;
      },
    };
    let clock = 0;
    const slept: number[] = [];
    const ctx = context(logs, {
      waitMs: 10_000,
      now: () => clock,
      sleep: async (ms) => {
        slept.push(ms);
        clock += ms;
      },
    });
    const result = await finishRecording(ctx, [s, other], () => undefined);
    expect(result.recorded).toEqual(['rec-admin', 'rec-agent']);
    expect(searches).toEqual(Array(2).fill('(user_id:"auth0|1" OR user_id:"auth0|2") AND date:[2026-03-01T11:59:55.000Z TO 2026-03-01T12:00:13.000Z]'));
    expect(slept).toEqual([1000]);
    const types = (id: string) =>
      (JSON.parse(readFileSync(join(dir, id, 'tenant-logs.json'), 'utf8')) as { events: { type: string }[] }).events.map((e) => e.type);
    expect([types('rec-admin'), types('rec-agent')]).toEqual([['s'], ['fp', 's']]);
  });

  test('unreadable tenant logs are recorded as such, reported, and never thrown', async () => {
    attempt();
    const logs: LogsSource = {
      listLogs: async () => {
        throw new Error(`HTTP 403 from ${DOMAIN}: insufficient scope read:logs (secret ${SECRET})`);
      },
    };
    const result = await finishRecording(context(logs), [s], () => undefined);
    expect(result.recorded).toEqual(['rec-admin']);
    expect(result.problems).toEqual(['rec-admin: HTTP 403 from {tenant-domain}: insufficient scope read:logs (secret [REDACTED])']);
    expect(JSON.parse(readFileSync(join(dir, 'rec-admin/tenant-logs.json'), 'utf8'))).toEqual({
      format: 1,
      error: 'HTTP 403 from {tenant-domain}: insufficient scope read:logs (secret [REDACTED])',
    });
  });

  test("completes only this run's attempts; scenarios without one (skipped, another shard's) are left alone", async () => {
    attempt();
    const other = scenario(SCENARIO.replace('id: rec-admin', 'id: rec-other'));
    mkdirSync(join(dir, 'rec-other'));
    const result = await finishRecording(context({ listLogs: async () => [] }, { settings: { ...settings(), runId: 'run-2' } }), [s, other], () => undefined);
    expect(result.recorded).toEqual([]);
    expect(existsSync(join(dir, 'rec-admin/.attempt.json'))).toBe(true);
  });
});

describe('scenarioDefinitionHash', () => {
  const base = scenario(SCENARIO);
  test('changes with what shapes the login, not with a title, tags or expectation', () => {
    const hash = scenarioDefinitionHash(base);
    expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(
      scenarioDefinitionHash(
        scenario(SCENARIO.replace('title: Admin', 'title: Renamed\ntags: [x]').replace('outcome: login', 'outcome: sp-rejected, checks: [flex]')),
      ),
    ).toBe(hash);
    expect(scenarioDefinitionHash(scenario(SCENARIO.replace('roles: [admin]', 'roles: [agent]')))).not.toBe(hash);
    expect(scenarioDefinitionHash(scenario(`${SCENARIO}flow: sp-initiated\n`))).not.toBe(hash);
    expect(scenarioDefinitionHash(base, () => 'exports.onExecutePostLogin = async () => {};')).not.toBe(hash);
    // The Action's code is compared as the run compares it with the deployed code: line endings and trailing blanks do not count.
    const code = readFileSync(base.actionFile, 'utf8');
    expect(scenarioDefinitionHash(base, () => `${code.replace(/\n/g, '  \r\n')}\n\n`)).toBe(hash);
  });
});

describe('splitAddon', () => {
  test('keeps the modelled fields with values the emulator accepts; names the others without their values', () => {
    expect(
      splitAddon({ audience: 'urn:flex:JQ1', signatureAlgorithm: 'rsa-sha256', digestAlgorithm: 'md5', signingCert: 'PEM', mappings: { email: 'email' } }),
    ).toEqual({
      addon: { audience: 'urn:flex:JQ1', signatureAlgorithm: 'rsa-sha256', mappings: { email: 'email' } },
      notModelled: ['digestAlgorithm', 'signingCert'],
    });
    expect(splitAddon(undefined)).toEqual({ addon: {}, notModelled: [] });
  });
});
