// action-test as an offline assertion (issue 19): the Action's run becomes the response Auth0 would
// build (fake-idp buildLoginResponse), judged by the fake SP's pipeline (its `flex` check), and a
// scenario's expect is compared by harness/run/assert.ts — real worker threads, real signatures.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { testAction } from '../../../harness/action-test/run.ts';
import { usersFromScenarios } from '../../../harness/action-test/users.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const action = (name: string) => join(ROOT, 'scenarios', 'actions', `${name}.js`);
const NOW = new Date('2026-03-01T12:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'flex-sso-dry-matrix-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SLOW = { timeout: 60_000 };

const run = (name: string, users: Parameters<typeof testAction>[2]) => testAction(action(name), readFileSync(action(name), 'utf8'), users, { now: NOW });

describe("action-test --user: the fake SP's Flex checks judge the emitted attributes", SLOW, () => {
  it.each(['pattern-a', 'pattern-b', 'twilio-reference'])(
    '%s: roles ["superviser"] and no team is rejected with did-you-mean (FLEX_UNKNOWN_ROLE)',
    async (name) => {
      const [result] = await run(name, [
        { source: 'typo.json', user: { email: 'terry@example.com', name: 'Terry Typo', app_metadata: { flex: { roles: ['superviser'] } } } },
      ]);
      expect(result?.emitted).toBe(true);
      expect(result?.passed).toBe(false);
      expect(result?.flex).toMatchObject({ status: 'failed', code: 'FLEX_UNKNOWN_ROLE', actual: 'superviser' });
      expect(result?.flex?.detail).toContain('did you mean `supervisor`?');
    },
  );

  it.each(['pattern-a', 'pattern-b', 'twilio-reference'])('%s: a valid supervisor passes (the verdict is valid)', async (name) => {
    const [result] = await run(name, [
      {
        source: 'ok.json',
        user: { email: 'sam@example.com', name: 'Sam Super', app_metadata: { flex: { roles: ['supervisor'], team: 'RAMP' }, program: 'RAMP' } },
      },
    ]);
    expect(result?.flex?.status).toBe('ok');
    expect(result?.verdict?.valid).toBe(true);
    expect(result?.passed).toBe(true);
  });

  it("an Action that emits only email fails Flex's required attributes (Twilio error 45050)", async () => {
    const file = join(dir, 'partial.js');
    writeFileSync(file, "exports.onExecutePostLogin = async (event, api) => { api.samlResponse.setAttribute('email', event.user.email); };\n");
    const [result] = await testAction(file, readFileSync(file, 'utf8'), [{ source: 'u', user: { email: 'a@example.com' } }], { now: NOW });
    expect(result?.passed).toBe(false);
    expect(result?.flex).toMatchObject({ code: 'FLEX_MISSING_REQUIRED', actual: 'missing: full_name, roles' });
  });

  it('RBAC roles read from a tenant reach event.authorization.roles', async () => {
    const file = join(dir, 'rbac.js');
    writeFileSync(
      file,
      "exports.onExecutePostLogin = async (event, api) => { api.samlResponse.setAttribute('email', event.user.email); api.samlResponse.setAttribute('full_name', event.user.name); api.samlResponse.setAttribute('roles', event.authorization.roles); };\n",
    );
    const [result] = await testAction(file, readFileSync(file, 'utf8'), [{ source: 'u', user: { email: 'r@example.com', name: 'R' }, roles: ['agent'] }], {
      now: NOW,
    });
    expect(result?.verdict?.attributes.roles).toEqual(['agent']);
    expect(result?.passed).toBe(true);
  });
});

describe('action-test --scenarios: each scenario of this Action compared with its expect', SLOW, () => {
  it('pattern-a-role-typo is judged sp-rejected by `flex`, as its expect says, and every shipped Pattern A scenario matches', async () => {
    const results = await run('pattern-a', usersFromScenarios(join(ROOT, 'scenarios', 'pattern-a.yaml'), ROOT));
    const typo = results.find((r) => r.id === 'pattern-a-role-typo');
    expect(typo?.scenario).toMatchObject({ compared: true, assertion: { passed: true, outcome: 'sp-rejected' } });
    expect(typo?.scenario?.compared && typo.scenario.assertion.fields.find((f) => f.field === 'check:flex')).toMatchObject({
      ok: true,
      actual: 'failed FLEX_UNKNOWN_ROLE',
    });
    expect(results.filter((r) => !r.passed).map((r) => r.id)).toEqual([]);
  });

  it('a wrong expectation is a mismatch with expected vs received, and fails the run', async () => {
    writeFileSync(
      join(dir, 'wrong.yaml'),
      [
        '- id: wrong-team',
        '  title: t',
        '  action: pattern-a',
        '  user: { email: w@flex-sso.test, name: W, app_metadata: { flex: { roles: [agent], team: RAMP }, program: RAMP } }',
        '  expect: { outcome: login, attributes: { team: ramp, roles: supervisor } }',
        '',
      ].join('\n'),
    );
    const [result] = await run('pattern-a', usersFromScenarios(join(dir, 'wrong.yaml'), dir));
    expect(result?.passed).toBe(false);
    const fields = result?.scenario?.compared ? result.scenario.assertion.fields : [];
    expect(fields.filter((f) => !f.ok).map((f) => [f.field, f.expected, f.actual])).toEqual([
      ['team', '"ramp"', '"RAMP"'],
      ['roles', '{supervisor}', '{agent}'],
    ]);
  });

  it("applies the scenario's fault and addon as the emulator does: fault-wrong-audience fails `audience`, as expected", async () => {
    const users = usersFromScenarios('fault-wrong-audience', ROOT);
    const scenario = users[0]?.scenario;
    const results = await testAction(scenario?.actionFile ?? '', readFileSync(scenario?.actionFile ?? '', 'utf8'), users, { now: NOW });
    expect(results[0]?.verdict?.checks.find((c) => c.id === 'audience')).toMatchObject({ status: 'failed', code: 'AUD_MISMATCH' });
    expect(results[0]?.scenario).toMatchObject({ compared: true, assertion: { passed: true } });
  });

  it('does not compare a scenario decided on the login page, nor one of another Action, and neither fails the run', async () => {
    const users = usersFromScenarios(join(ROOT, 'scenarios', 'protections.yaml'), ROOT)
      .slice(0, 1)
      .concat(usersFromScenarios('pattern-b-*', ROOT).slice(0, 1));
    const results = await run('pattern-a', users);
    expect(results.map((r) => r.scenario?.compared)).toEqual([false, false]);
    expect(results.every((r) => r.passed)).toBe(true);
  });
});
