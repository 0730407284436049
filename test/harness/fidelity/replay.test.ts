// flex-sso fidelity's parts without a tenant: reading a recording (every unusable one is a usage
// error with the fix), the AuthnRequest and auto-POST page of the HTTP replay, and the report
// (human lines escaped for the terminal, JSON exact).
import { inflateRawSync } from 'node:zlib';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parseAuthnRequest } from '../../../fake-idp/saml/authn-request.ts';
import { autoPostFormHtml } from '../../../fake-idp/login/pages.ts';
import { stableJson, type RecordedScenario } from '../../../harness/fidelity/recording/format.ts';
import { authnRequestParameter, samlResponseOf } from '../../../harness/fidelity/replay/http-login.ts';
import { readRecording } from '../../../harness/fidelity/replay/read.ts';
import { buildReport, formatReport } from '../../../harness/fidelity/report.ts';
import type { ScenarioFidelity } from '../../../harness/fidelity/replay/compare.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flex-sso-fid-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const RECORD: RecordedScenario = {
  format: 1,
  harnessVersion: '0.1.0',
  recordedAt: '2026-03-01T12:00:00.000Z',
  mode: 'staging',
  tenantDomain: 'redacted',
  scenario: { id: 'a', file: 'a.yaml', definitionHash: 'sha256:x', action: 'pattern-a', flow: 'idp-initiated', profile: 'enhanced' },
  sp: { acsUrl: 'http://127.0.0.1:4010/acs', entityId: 'urn:flex:JQ1' },
  addon: {},
  addonNotModelled: [],
  boundActions: [],
  attempt: { outcome: 'wrong-password', passed: true, response: false },
};

function write(id: string, files: Record<string, string>): void {
  mkdirSync(join(dir, id), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, id, name), text);
}

const LOGS = stableJson({ format: 1, events: [] });

function refusal(): { code?: string; message: string; hint?: string } {
  try {
    readRecording(dir);
  } catch (error) {
    return error as { code?: string; message: string; hint?: string };
  }
  throw new Error('readRecording accepted the directory');
}

describe('readRecording', () => {
  test('reads a complete recording', () => {
    write('a', { 'scenario.json': stableJson(RECORD), 'tenant-logs.json': LOGS });
    expect(readRecording(dir)).toEqual([{ dir: join(dir, 'a'), record: RECORD, logs: { format: 1, events: [] } }]);
  });

  test.each([
    ['no recorded scenario', {}, 'RECORDING_EMPTY', /holds no recorded scenario/],
    ['an attempt flex-sso run did not complete', { a: { '.attempt.json': '{}' } }, 'RECORDING_INCOMPLETE', /did not complete it/],
    [
      'another format',
      { a: { 'scenario.json': stableJson({ ...RECORD, format: 7, harnessVersion: '9.0.0' }), 'tenant-logs.json': LOGS } },
      'RECORDING_INCOMPATIBLE',
      /recording format 7 \(flex-sso 9\.0\.0\); this flex-sso reads format 1/,
    ],
    ['not JSON', { a: { 'scenario.json': '{', 'tenant-logs.json': LOGS } }, 'RECORDING_UNREADABLE', /scenario\.json: not a recording file/],
    [
      "a field that is not the recorder's",
      { a: { 'scenario.json': stableJson({ ...RECORD, extra: 1 }), 'tenant-logs.json': LOGS } },
      'RECORDING_UNREADABLE',
      /not a recording file/,
    ],
    [
      "another scenario's directory",
      { b: { 'scenario.json': stableJson(RECORD), 'tenant-logs.json': LOGS } },
      'RECORDING_UNREADABLE',
      /holds the recording of scenario "a"/,
    ],
    [
      'a response the manifest does not mention',
      { a: { 'scenario.json': stableJson(RECORD), 'tenant-logs.json': LOGS, 'response.xml': '<x/>' } },
      'RECORDING_UNREADABLE',
      /posted no SAML response, but response\.xml is there/,
    ],
    ['no tenant-logs.json', { a: { 'scenario.json': stableJson(RECORD) } }, 'RECORDING_UNREADABLE', /tenant-logs\.json: not a recording file/],
  ])('refuses %s (exit 2, with the fix)', (_what, layout: Record<string, Record<string, string>>, code, message) => {
    for (const [id, files] of Object.entries(layout)) write(id, files);
    const error = refusal();
    expect(error).toMatchObject({ code, exitCode: 2 });
    expect(error.message).toMatch(message);
    expect(error.hint).toBeTruthy();
  });

  test('refuses a directory that does not exist', () => {
    rmSync(dir, { recursive: true });
    expect(refusal()).toMatchObject({ code: 'RECORDING_NOT_FOUND' });
    mkdirSync(dir);
  });
});

describe('the HTTP replay', () => {
  test("its AuthnRequest is what the emulator parses as the fake SP's: issuer, ACS, id", () => {
    const parameter = authnRequestParameter({
      id: '_r1',
      issuer: 'urn:flex:JQ1',
      acsUrl: 'https://x/acs?connection=JQ1&a="b"',
      destination: 'https://t/samlp/c',
      now: new Date('2026-03-01T12:00:00Z'),
    });
    const parsed = parseAuthnRequest(inflateRawSync(Buffer.from(parameter, 'base64')).toString('utf8'));
    expect(parsed).toEqual({
      ok: true,
      request: {
        id: '_r1',
        issuer: 'urn:flex:JQ1',
        assertionConsumerServiceUrl: 'https://x/acs?connection=JQ1&a="b"',
        destination: 'https://t/samlp/c',
        protocolBinding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
      },
    });
  });

  test("reads the SAMLResponse of the emulator's auto-POST page, entities decoded", () => {
    expect(samlResponseOf(autoPostFormHtml({ acsUrl: 'https://sp/acs', samlResponse: 'PHg+/a+b=', relayState: 'r&"' }))).toBe('PHg+/a+b=');
    expect(samlResponseOf('<form><input name="SAMLResponse" value="a&amp;b"></form>')).toBe('a&b');
    expect(samlResponseOf('<p>Wrong email or password</p>')).toBeUndefined();
  });
});

describe('the report', () => {
  const hostile: ScenarioFidelity = {
    id: 'evil',
    posted: { tenant: true, emulator: false },
    emulatorPage: { status: 400, url: '/u/login', errorCode: 'wrong-email-credentials' },
    response: [{ path: '/Response/Assertion/AttributeStatement/Attribute[@Name="a\u001b[31mb"]', kind: 'element-missing' }],
    logs: [
      { event: 's\u202e', kind: 'field-value', field: 'description\n', expected: 'Success\u001b[0m', actual: 'ok' },
      { event: 's', kind: 'field-missing', field: 'details.prompts[0].name', expected: '{string}', notModelled: true },
    ],
    notes: ['note \u0007'],
    emulator: { logs: [] },
  };

  test('human lines escape what the tenant sent; not-modelled fields are marked', () => {
    expect(formatReport(buildReport('/rec', 'recorded', [hostile]))).toBe(
      [
        'evil: 4 differences',
        '  ~ SAML response: the tenant posted one, the emulator posted none (the emulator stopped on /u/login, HTTP 400, "wrong-email-credentials")',
        '  response:',
        '    - /Response/Assertion/AttributeStatement/Attribute[@Name="a\\u001b[31mb"]: only in the tenant\'s response',
        '  tenant logs:',
        '    ~ event s\\u202e description\\n: tenant "Success\\u001b[0m", emulator "ok"',
        '    - event s details.prompts[0].name: only in the tenant\'s event ("{string}") (not modelled: docs/emulator-fidelity.md)',
        '  note: note \\u0007',
        'fidelity: 1 of 1 recorded scenario(s) differ from the tenant (4 differences)',
        '',
      ].join('\n'),
    );
  });

  test("JSON keeps the values exact and leaves the emulator's output out", () => {
    const report = buildReport('/rec', 'emulator', [hostile]);
    expect(JSON.parse(JSON.stringify(report))).toEqual({
      format: 1,
      recording: '/rec',
      addon: 'emulator',
      scenarios: [
        {
          id: 'evil',
          posted: hostile.posted,
          emulatorPage: hostile.emulatorPage,
          response: hostile.response,
          logs: hostile.logs,
          notes: hostile.notes,
          differences: 4,
        },
      ],
      summary: { replayed: 1, differing: 1, differences: 4 },
    });
  });
});

describe('selectRecorded', () => {
  const yaml = (id: string) => `- id: ${id}\n  title: t\n  action: pattern-a\n  user: { email: ${id}@flex-sso.test }\n  expect: { outcome: login }\n`;

  async function entries(files: Record<string, string[]>) {
    const { scenarioDefinitionHash } = await import('../../../harness/fidelity/recording/definition.ts');
    const { parseScenarioFile } = await import('../../../harness/scenarios/load.ts');
    const out = [];
    for (const [file, ids] of Object.entries(files)) {
      writeFileSync(join(dir, file), ids.map(yaml).join(''));
      for (const s of parseScenarioFile(join(dir, file), ids.map(yaml).join(''), file).scenarios) {
        out.push({
          dir: join(dir, 'rec', s.id),
          record: { ...RECORD, scenario: { ...RECORD.scenario, id: s.id, file, definitionHash: scenarioDefinitionHash(s) } },
          logs: { format: 1, events: [] },
        });
      }
    }
    return out;
  }

  test('by id glob, by the files that define them now, or every recorded one from the files the recording names', async () => {
    const { selectRecorded } = await import('../../../harness/fidelity/replay/select.ts');
    const recorded = await entries({ 'one.yaml': ['s-a', 's-b'], 'two.yaml': ['t-a'] });
    expect(selectRecorded(recorded, undefined, dir).map((s) => s.scenario.id)).toEqual(['s-a', 's-b', 't-a']);
    expect(selectRecorded(recorded, 's-*', dir).map((s) => s.scenario.id)).toEqual(['s-a', 's-b']);
    expect(selectRecorded(recorded, './two.yaml', dir).map((s) => [s.scenario.id, s.scenario.file])).toEqual([['t-a', 'two.yaml']]);
    expect(() => selectRecorded(recorded, 'zzz-*', dir)).toThrow(
      expect.objectContaining({ code: 'NO_SCENARIO_SELECTED', message: expect.stringContaining('selects none of the 3 recorded scenario(s) (s-a, s-b, t-a)') }),
    );
    rmSync(join(dir, 'two.yaml'));
    expect(() => selectRecorded(recorded, undefined, dir)).toThrow(
      expect.objectContaining({ code: 'SCENARIO_GONE', message: expect.stringContaining('t-a (its file two.yaml no longer exists)') }),
    );
    expect(selectRecorded(recorded, 's-b', dir).map((s) => s.scenario.id)).toEqual(['s-b']);
  });
});
