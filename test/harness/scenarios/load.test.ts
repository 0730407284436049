import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatScenarioError, loadScenarios, loadScenariosOrThrow, parseScenarioFile, ScenarioLoadError } from '../../../harness/scenarios/load.ts';

const VALID = `- id: ok-one
  title: One
  action: pattern-a
  user:
    email: one@example.com
    app_metadata: { flex: { roles: [admin] } }
  expect:
    outcome: login
    attributes: { roles: admin, team: absent }
`;

function errorsOf(text: string): string[] {
  return parseScenarioFile('/tmp/x.yaml', text, 'scenarios/x.yaml').errors.map(formatScenarioError);
}

describe('parseScenarioFile', () => {
  it('accepts a valid list and fills the defaults', () => {
    const { scenarios, errors } = parseScenarioFile('/tmp/x.yaml', VALID, 'scenarios/x.yaml');
    expect(errors).toEqual([]);
    expect(scenarios).toHaveLength(1);
    const s = scenarios[0];
    expect(s).toMatchObject({
      id: 'ok-one',
      flow: 'idp-initiated',
      loginPage: 'single-page',
      profile: 'enhanced',
      tags: [],
      addon: {},
      line: 1,
      user: { email_verified: true, user_metadata: {} },
    });
    expect(s?.actionFile).toMatch(/scenarios\/actions\/pattern-a\.js$/);
  });

  it('accepts a single scenario document', () => {
    const single = VALID.replace(/^- /, '').replace(/\n {2}/g, '\n');
    const { scenarios, errors } = parseScenarioFile('/tmp/x.yaml', single, 'scenarios/x.yaml');
    expect(errors).toEqual([]);
    expect(scenarios.map((s) => s.id)).toEqual(['ok-one']);
  });

  it('reads dependencies as name@version and fetch stubs with their defaults', () => {
    const text = `${VALID}  dependencies: [lodash@4.17.21, '@scope/pkg@^1.0.0']\n  fetch:\n    - url: https://api.example.com/roles\n      json: { roles: [agent] }\n`;
    const { scenarios, errors } = parseScenarioFile('/tmp/x.yaml', text, 'scenarios/x.yaml');
    expect(errors).toEqual([]);
    expect(scenarios[0]?.dependencies).toEqual([
      { name: 'lodash', version: '4.17.21' },
      { name: '@scope/pkg', version: '^1.0.0' },
    ]);
    expect(scenarios[0]?.fetch).toEqual([{ url: 'https://api.example.com/roles', method: 'GET', status: 200, json: { roles: ['agent'] } }]);
    expect(parseScenarioFile('/tmp/x.yaml', VALID, 'scenarios/x.yaml').scenarios[0]).toMatchObject({ dependencies: [], fetch: [] });
  });

  it.each([
    ['a dependency without a version', '  dependencies: [lodash]\n', 'dependencies[0]: "lodash" has no version'],
    [
      'more than 10 dependencies',
      `  dependencies: [${Array.from({ length: 11 }, (_, i) => `p${i}@1.0.0`).join(', ')}]\n`,
      "at most 10 npm dependencies (Auth0's limit)",
    ],
    ['a fetch stub with json and body', '  fetch: [{ url: "https://a.example/", json: {}, body: "x" }]\n', 'give json or body, not both'],
    ['a fetch stub with a relative url', '  fetch: [{ url: "/roles" }]\n', 'expected an absolute URL'],
  ])('rejects %s, naming the field', (_label, extra, message) => {
    expect(errorsOf(`${VALID}${extra}`).join('\n')).toContain(message);
  });

  it('names the file, the line and the field of a type error', () => {
    const text = VALID.replace('roles: [admin]', 'roles: admin');
    expect(errorsOf(text)).toEqual(['scenarios/x.yaml:6: user.app_metadata.flex.roles: expected array, received string']);
  });

  it('reports the line inside the second scenario of a list', () => {
    const text = `${VALID}${VALID.replace('ok-one', 'ok-two').replace('outcome: login', 'outcome: logged-in')}`;
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^scenarios\/x\.yaml:17: expect\.outcome: .*"login"/);
  });

  it('reports an unknown field at its key, with the known field it is closest to', () => {
    expect(errorsOf(VALID.replace('  title: One', '  title: One\n  flwo: sp-initiated'))).toEqual([
      'scenarios/x.yaml:3: flwo: unknown field — did you mean "flow"?',
    ]);
  });

  it('says did-you-mean for a nested unknown field, and lists the known ones when none is close', () => {
    expect(errorsOf(VALID.replace('    email: one@example.com', '    email: one@example.com\n    emial_verified: true'))).toEqual([
      'scenarios/x.yaml:6: user.emial_verified: unknown field — did you mean "email_verified"?',
    ]);
    const far = parseScenarioFile('/abs/x.yaml', VALID.replace('  title: One', '  title: One\n  zzz: 1'), 'scenarios/x.yaml').errors;
    expect(far.map((e) => [e.message, e.hint])).toEqual([['unknown field', expect.stringContaining('known here: id, title, tags, action, dependencies')]]);
  });

  it('says did-you-mean for a misspelt built-in Action, and still takes a .js path', () => {
    expect(errorsOf(VALID.replace(/action: [a-z-]+/, 'action: patern-a'))).toEqual([
      'scenarios/x.yaml:3: action: no built-in Action "patern-a" — did you mean "pattern-a"?',
    ]);
    expect(errorsOf(VALID.replace(/action: [a-z-]+/, 'action: twilio-refrence'))[0]).toContain('did you mean "twilio-reference"?');
    expect(errorsOf(VALID.replace(/action: [a-z-]+/, 'action: ./patern-a.js'))[0]).toContain('no Action file at');
  });

  it('requires checks for sp-rejected and refuses them elsewhere', () => {
    expect(errorsOf(VALID.replace('outcome: login', 'outcome: sp-rejected'))[0]).toMatch(/^scenarios\/x\.yaml:\d+: expect\.checks: expected the ids/);
    expect(errorsOf(VALID.replace('outcome: login', 'outcome: login\n    checks: [audience]'))[0]).toMatch(
      /expect\.checks: checks apply only to outcome sp-rejected/,
    );
    expect(errorsOf(VALID.replace('outcome: login', 'outcome: sp-rejected\n    checks: [audiences]'))[0]).toMatch(/expect\.checks\[0\]: .*audience/);
  });

  it('rejects a bad slug, a bad email and a missing user', () => {
    expect(errorsOf(VALID.replace('ok-one', 'Not A Slug'))[0]).toMatch(/^scenarios\/x\.yaml:1: id: expected a slug/);
    expect(errorsOf(VALID.replace('one@example.com', 'not-an-email'))[0]).toMatch(/^scenarios\/x\.yaml:5: user\.email: /);
    const noUser = 'id: a\ntitle: A\naction: pattern-a\nexpect: { outcome: login }\n';
    expect(errorsOf(noUser)).toEqual(['scenarios/x.yaml:1: user: expected object, received undefined']);
  });

  it('reports YAML syntax errors with their line', () => {
    const errors = errorsOf('- id: a\n  title: [unclosed\n  action: pattern-a\n');
    expect(errors[0]).toMatch(/^scenarios\/x\.yaml:\d+: /);
    expect(parseScenarioFile('/tmp/x.yaml', '- id: a\n  title: [unclosed\n', 'x').errors[0]?.code).toBe('YAML_SYNTAX');
  });

  it('reports an Action file that does not exist', () => {
    const errors = errorsOf(VALID.replace('action: pattern-a', 'action: ./missing-action.js'));
    expect(errors).toEqual([expect.stringMatching(/^scenarios\/x\.yaml:3: action: no Action file at \/tmp\/missing-action\.js$/)]);
  });
});

describe('loadScenarios', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'flex-sso-load-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'a.yaml'), VALID);
    writeFileSync(join(dir, 'sub', 'b.yaml'), VALID.replace('ok-one', 'ok-two'));
    writeFileSync(join(dir, 'sub', 'dup.yml'), VALID);
    writeFileSync(join(dir, 'notes.txt'), 'not a scenario');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('selects files by glob, relative to cwd', () => {
    const result = loadScenarios('sub/b.yaml', { cwd: dir });
    expect(result.errors).toEqual([]);
    expect(result.scenarios.map((s) => `${s.file}:${s.line}:${s.id}`)).toEqual(['sub/b.yaml:1:ok-two']);
  });

  it('reports duplicate ids across files', () => {
    const result = loadScenarios(`${dir}/**/*.{yaml,yml}`, { cwd: dir });
    expect(result.errors.map(formatScenarioError)).toEqual(['sub/dup.yml:1: id: duplicate scenario id "ok-one" (first defined at a.yaml:1)']);
  });

  it('says when nothing matches', () => {
    expect(() => loadScenariosOrThrow('nothing/*.yaml', { cwd: dir })).toThrow(ScenarioLoadError);
    expect(loadScenarios('nothing/*.yaml', { cwd: dir }).errors[0]?.code).toBe('NO_SCENARIOS');
    expect(loadScenarios('no-such-id-*').errors[0]?.message).toBe('no scenario id matches');
  });

  it('loads the shipped matrix: at least 24 valid scenarios with unique ids', () => {
    const scenarios = loadScenariosOrThrow();
    expect(scenarios.length).toBeGreaterThanOrEqual(24);
    expect(new Set(scenarios.map((s) => s.id)).size).toBe(scenarios.length);
    const has = (pred: (s: (typeof scenarios)[number]) => boolean): boolean => scenarios.some(pred);
    expect(has((s) => s.flow === 'sp-initiated') && has((s) => s.flow === 'idp-initiated')).toBe(true);
    expect(has((s) => s.profile === 'legacy') && has((s) => s.profile === 'enhanced')).toBe(true);
    expect(has((s) => s.loginPage === 'identifier-first') && has((s) => s.loginPage === 'classic-lock')).toBe(true);
    expect(has((s) => s.addon.signResponse === false) && has((s) => s.addon.signResponse === true)).toBe(true);
    for (const outcome of ['login', 'sp-rejected', 'idp-error', 'wrong-password'] as const) expect(has((s) => s.expect.outcome === outcome)).toBe(true);
    expect(
      scenarios
        .filter((s) => s.fault)
        .map((s) => s.fault?.kind)
        .sort(),
    ).toEqual(['expired', 'http-500', 'key-rotated', 'key-rotated', 'missing-attribute', 'wrong-audience']);
  });

  it('selects shipped scenarios by id glob', () => {
    const ids = loadScenariosOrThrow('pattern-b-*').map((s) => s.id);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(ids.every((id) => id.startsWith('pattern-b-'))).toBe(true);
  });
});
