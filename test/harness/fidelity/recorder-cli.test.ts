// `flex-sso run --mode staging --record DIR` then `flex-sso fidelity DIR`, through the real CLI, with
// the Auth0 emulator over HTTPS standing in for the tenant (as test/harness/modes/real-tenant-cli
// does): the tenant's settings deliberately differ from what the replay uses, or do not, and the
// fidelity run reports exactly that difference (exit 1) or none (exit 0).
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionName } from '../../../harness/run/seed.ts';
import { REPO_ROOT } from '../../../harness/repo-root.ts';
import { startHttpsEmulator, type HttpsEmulator } from '../auth0/emulator.ts';

const JQ = `JQ${'f1de17'.repeat(5)}aa`;
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const SHA1 = 'http://www.w3.org/2000/09/xmldsig#';
const NEVER_CONTACTED = `https://flex-acs.invalid/login/callback?connection=${JQ}`;

const SCENARIOS = `- id: fr-admin
  title: IdP-initiated admin
  action: pattern-a
  user: { email: fr-admin@flex-sso.test, name: Ada Admin, app_metadata: { flex: { roles: [admin] } } }
  expect: { outcome: login, attributes: { roles: admin } }
- id: fr-sp
  title: SP-initiated agent
  action: pattern-a
  flow: sp-initiated
  user: { email: fr-sp@flex-sso.test, name: Sven Sp, app_metadata: { flex: { roles: [agent], team: RAMP }, program: RAMP } }
  expect: { outcome: login, attributes: { roles: agent, team: RAMP } }
- id: fr-wrong-password
  title: A wrong password (no SAML response, an fp log event)
  action: pattern-a
  user: { email: fr-wp@flex-sso.test, app_metadata: { flex: { roles: [agent] } } }
  expect: { outcome: wrong-password, password: not-the-password }
- id: fr-fault
  title: Needs an emulator fault (skipped on a tenant, so never recorded)
  action: pattern-a
  user: { email: fr-fault@flex-sso.test, app_metadata: { flex: { roles: [agent] } } }
  fault: { kind: http-500 }
  expect: { outcome: idp-error }
`;

interface Report {
  addon: string;
  scenarios: {
    id: string;
    differences: number;
    posted: { tenant: boolean; emulator: boolean };
    response: { path: string; kind: string; attribute?: string; expected?: string; actual?: string }[];
    logs: unknown[] | null;
    notes: string[];
  }[];
  summary: { replayed: number; differing: number; differences: number };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

let emu: HttpsEmulator;
let patternA = '';

function bind(...ids: string[]): void {
  emu.idp.tenant.setBindings(
    'post-login',
    ids.map((id, i) => ({ ref: { type: 'action_id' as const, value: id }, display_name: i === 0 ? 'Flex Pattern A' : `Extra ${i}` })),
  );
}

/** The tenant's SAML app: Twilio's guide (HTTP-POST, signResponse, Flex audience) but signing RSA-SHA256. */
async function recordRun(name: string, options: { mode?: 'staging' | 'intercept'; grep?: string } = {}) {
  const mode = options.mode ?? 'staging';
  const port = mode === 'staging' ? await freePort() : 0;
  emu.idp.tenant.updateApplication(emu.idp.defaultClientId, {
    callbacks: [mode === 'staging' ? `http://127.0.0.1:${port}/login/callback?connection=${JQ}` : NEVER_CONTACTED],
    addons: { samlp: { audience: `urn:flex:${JQ}`, signResponse: true, binding: POST, signatureAlgorithm: 'rsa-sha256', digestAlgorithm: 'sha256' } },
  });
  const config = emu.writeFile(`${name}.config.yaml`, `flex:\n  profile: enhanced\n  connectionId: ${JQ}\nsp:\n  port: ${port}\n  storeDir: sp-${name}\n`);
  return emu.cli(
    [
      'run',
      '--mode',
      mode,
      '--config',
      config,
      '--scenarios',
      'fr.yaml',
      ...(options.grep ? ['--grep', options.grep] : []),
      '--workers',
      '1',
      '--out',
      `out-${name}`,
      '--reporter',
      'json',
      '--record',
      name,
    ],
    { FLEX_SSO_INSECURE_TLS: '1', FLEX_SSO_TENANT_LOG_WAIT_MS: '3000' },
  );
}

const fidelity = (args: string[]) => emu.cli(['fidelity', ...args]);

/** The CLI on a pseudo-terminal (util-linux `script`): what a person at a terminal sees, stdout and stderr together. */
function onTerminal(args: string[]): Promise<string> {
  const bin = fileURLToPath(new URL('../../../bin/flex-sso.js', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', [process.execPath, bin, ...args].join(' '), '/dev/null'], {
      cwd: emu.dir,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('error', reject);
    child.on('close', () => resolve(out));
  });
}

beforeAll(async () => {
  emu = await startHttpsEmulator();
  const file = join(REPO_ROOT, 'scenarios/actions/pattern-a.js');
  const action = emu.idp.tenant.createAction({ name: actionName(file), code: readFileSync(file, 'utf8') });
  emu.idp.tenant.deployAction(action.id);
  patternA = action.id;
  bind(patternA);
  emu.writeFile('fr.yaml', SCENARIOS);
}, 60_000);
afterAll(async () => {
  await emu?.close();
});

describe('flex-sso run --record, then flex-sso fidelity', () => {
  let recorded = false;

  it('records each scenario that ran: normalised response, tenant log events, manifest; redacted; the verdicts unchanged', async () => {
    const result = await recordRun('rec');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const dir = join(emu.dir, 'rec');
    expect(readdirSync(dir).sort()).toEqual(['fr-admin', 'fr-sp', 'fr-wrong-password']);
    expect(readdirSync(join(dir, 'fr-admin')).sort()).toEqual(['response.xml', 'scenario.json', 'tenant-logs.json']);
    expect(readdirSync(join(dir, 'fr-wrong-password')).sort()).toEqual(['scenario.json', 'tenant-logs.json']);
    const manifest = JSON.parse(readFileSync(join(dir, 'fr-sp/scenario.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      format: 1,
      harnessVersion: '0.1.0',
      mode: 'staging',
      tenantDomain: 'redacted',
      scenario: {
        id: 'fr-sp',
        file: 'fr.yaml',
        action: 'pattern-a',
        flow: 'sp-initiated',
        profile: 'enhanced',
        definitionHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      },
      sp: { acsUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/login\/callback\?connection=JQ/), entityId: `urn:flex:${JQ}` },
      addon: { audience: `urn:flex:${JQ}`, signResponse: true, signatureAlgorithm: 'rsa-sha256', digestAlgorithm: 'sha256', binding: POST },
      addonNotModelled: [],
      boundActions: [{ name: 'Flex Pattern A', scenarioAction: true }],
      attempt: { outcome: 'login', passed: true, response: true },
    });
    const response = readFileSync(join(dir, 'fr-admin/response.xml'), 'utf8');
    expect(response).toContain('<saml:Issuer>urn:{tenant-domain}</saml:Issuer>');
    expect(response).toContain('<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>');
    expect(response).toContain('<saml:AttributeValue xsi:type="xs:string">{user data}</saml:AttributeValue>');
    expect(JSON.parse(readFileSync(join(dir, 'fr-admin/tenant-logs.json'), 'utf8'))).toMatchObject({
      format: 1,
      events: [{ type: 's', fields: { description: 'Success Login', hostname: '{string}' } }],
    });
    expect(JSON.parse(readFileSync(join(dir, 'fr-wrong-password/tenant-logs.json'), 'utf8'))).toMatchObject({
      events: [{ type: 'fp', fields: { 'details.error.message': 'Wrong email or password.' } }],
    });
    expect(result.stderr).toMatch(/record +fr-wrong-password: no SAML response, 1 tenant log event\(s\)/);
    // Redacted: the tenant's domain, the app's and the management client's ids, the secret (passwords: recording.test.ts).
    for (const scenario of readdirSync(dir)) {
      for (const file of readdirSync(join(dir, scenario))) {
        const text = readFileSync(join(dir, scenario, file), 'utf8');
        for (const secret of [emu.idp.domain, emu.idp.defaultClientId, emu.idp.managementClientId, emu.secret])
          expect(text, `${scenario}/${file}`).not.toContain(secret);
      }
    }
    // The verdicts are the run's own: the same as without --record.
    const results = JSON.parse(readFileSync(join(emu.dir, 'out-rec/results.json'), 'utf8')) as { summary: Record<string, number> };
    expect(results.summary).toMatchObject({ total: 3, passed: 3, failed: 0, skipped: 1 });
    recorded = true;
  }, 180_000);

  it('replays with the recorded addon: no difference, exit 0 (JSON exact)', async () => {
    expect(recorded).toBe(true);
    const result = await fidelity(['rec', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.summary).toEqual({ replayed: 3, differing: 0, differences: 0 });
    expect(report.scenarios.map((s) => [s.id, s.posted, s.response, s.logs])).toEqual([
      ['fr-admin', { tenant: true, emulator: true }, [], []],
      ['fr-sp', { tenant: true, emulator: true }, [], []],
      ['fr-wrong-password', { tenant: false, emulator: false }, [], []],
    ]);
    // Progress only on a terminal: none in the JSON run's stderr.
    expect(result.stderr).not.toContain('replaying');
    const human = await fidelity(['rec']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain("fidelity: the emulator reproduced the tenant's output for all 3 recorded scenario(s)");
    const terminal = await onTerminal(['fidelity', 'rec', '--scenarios', 'fr-sp']);
    expect(terminal).toContain('replaying 1/1 fr-sp');
    expect(terminal).toContain('fr-sp: no difference');
  }, 60_000);

  it("replays with the emulator run's addon (SHA-1, Auth0's default) while the tenant signs RSA-SHA256: exactly that difference, exit 1", async () => {
    expect(recorded).toBe(true);
    const result = await fidelity(['rec', '--addon', 'emulator', '--json', '--out', 'replay-out']);
    expect(result.code, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    const algorithms = [
      {
        path: '/Response/Signature/SignedInfo/SignatureMethod',
        kind: 'attribute-value',
        attribute: 'Algorithm',
        expected: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
        actual: `${SHA1}rsa-sha1`,
      },
      {
        path: '/Response/Signature/SignedInfo/Reference/DigestMethod',
        kind: 'attribute-value',
        attribute: 'Algorithm',
        expected: 'http://www.w3.org/2001/04/xmlenc#sha256',
        actual: `${SHA1}sha1`,
      },
    ];
    expect(report.scenarios.map((s) => [s.id, s.response, s.logs])).toEqual([
      ['fr-admin', algorithms, []],
      ['fr-sp', algorithms, []],
      ['fr-wrong-password', [], []],
    ]);
    expect(report.summary).toEqual({ replayed: 3, differing: 2, differences: 4 });
    // --out: the emulator's output in the recording's layout.
    expect(readFileSync(join(emu.dir, 'replay-out/fr-admin/response.xml'), 'utf8')).toContain(`<ds:SignatureMethod Algorithm="${SHA1}rsa-sha1"/>`);
    expect(JSON.parse(readFileSync(join(emu.dir, 'replay-out/fidelity.json'), 'utf8'))).toEqual(report);
    const human = await fidelity(['rec', '--addon', 'emulator', '--scenarios', 'fr-admin']);
    expect(human.code).toBe(1);
    expect(human.stdout).toBe(
      [
        'fr-admin: 2 differences',
        '  response:',
        `    ~ /Response/Signature/SignedInfo/SignatureMethod @Algorithm: tenant "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", emulator "${SHA1}rsa-sha1"`,
        `    ~ /Response/Signature/SignedInfo/Reference/DigestMethod @Algorithm: tenant "http://www.w3.org/2001/04/xmlenc#sha256", emulator "${SHA1}sha1"`,
        "  note: replayed with the addon emulator runs configure (--addon emulator), not the tenant's",
        'fidelity: 1 of 1 recorded scenario(s) differ from the tenant (2 differences)',
        '',
      ].join('\n'),
    );
  }, 60_000);

  it('intercept mode, a tenant whose Login flow runs one more Action than the scenario: the extra attribute, named, exit 1', async () => {
    const extra = emu.idp.tenant.createAction({
      name: 'add-department',
      code: "exports.onExecutePostLogin = async (event, api) => { api.samlResponse.setAttribute('department', 'Support'); };",
    });
    emu.idp.tenant.deployAction(extra.id);
    bind(patternA, extra.id);
    try {
      const run = await recordRun('rec-extra', { mode: 'intercept', grep: 'fr-admin:' });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(JSON.parse(readFileSync(join(emu.dir, 'rec-extra/fr-admin/scenario.json'), 'utf8'))).toMatchObject({
        mode: 'intercept',
        sp: { acsUrl: NEVER_CONTACTED },
        boundActions: [
          { name: 'Flex Pattern A', scenarioAction: true },
          { name: 'Extra 1', scenarioAction: false },
        ],
      });
    } finally {
      bind(patternA);
    }
    const result = await fidelity(['rec-extra']);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toBe(
      [
        'fr-admin: 1 difference',
        '  response:',
        '    - /Response/Assertion/AttributeStatement/Attribute[@Name="department"]: only in the tenant\'s response',
        '  note: the tenant\'s Login flow also ran "Extra 1"; the replay runs only the scenario\'s Action',
        'fidelity: 1 of 1 recorded scenario(s) differ from the tenant (1 difference)',
        '',
      ].join('\n'),
    );
  }, 180_000);

  it('refuses (exit 2) a missing recording, another format, a changed scenario and one that no longer exists', async () => {
    expect(recorded).toBe(true);
    const missing = await fidelity(['no-such-dir']);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('[RECORDING_NOT_FOUND]')]);

    cpSync(join(emu.dir, 'rec'), join(emu.dir, 'rec-old'), { recursive: true });
    const manifestPath = join(emu.dir, 'rec-old/fr-admin/scenario.json');
    writeFileSync(manifestPath, readFileSync(manifestPath, 'utf8').replace('"format": 1', '"format": 2'));
    const old = await fidelity(['rec-old']);
    expect([old.code, old.stderr]).toEqual([
      2,
      expect.stringContaining('recording format 2 (flex-sso 0.1.0); this flex-sso reads format 1 [RECORDING_INCOMPATIBLE]'),
    ]);
    rmSync(join(emu.dir, 'rec-old'), { recursive: true });

    const original = readFileSync(join(emu.dir, 'fr.yaml'), 'utf8');
    try {
      emu.writeFile('fr.yaml', original.replace('name: Sven Sp', 'name: Sven Changed'));
      const changed = await fidelity(['rec']);
      expect([changed.code, changed.stderr]).toEqual([
        2,
        expect.stringContaining(
          'scenario(s) changed since they were recorded (user, Action code or dependencies, flow, profile or addon): fr-sp [SCENARIO_CHANGED]',
        ),
      ]);
      // A new title or expectation is not a new login: still replayable.
      emu.writeFile('fr.yaml', original.replace('title: SP-initiated agent', 'title: Renamed'));
      expect((await fidelity(['rec', '--scenarios', 'fr-sp'])).code).toBe(0);
      emu.writeFile('fr.yaml', original.replace('- id: fr-sp', '- id: fr-sp-renamed'));
      const gone = await fidelity(['rec']);
      expect([gone.code, gone.stderr]).toEqual([2, expect.stringContaining('fr-sp (no longer in fr.yaml)')]);
    } finally {
      emu.writeFile('fr.yaml', original);
    }
    expect(existsSync(join(emu.dir, 'rec/fr-admin/.attempt.json'))).toBe(false);
  }, 60_000);
});
