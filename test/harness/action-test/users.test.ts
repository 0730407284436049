import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { userFromJson, UserInputError, usersFromScenarios } from '../../../harness/action-test/users.ts';

const dir = mkdtempSync(join(tmpdir(), 'flex-sso-users-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('userFromJson', () => {
  it('keeps the fields the event needs from an Auth0 user export', () => {
    const { user } = userFromJson(
      JSON.stringify({
        user_id: 'auth0|1',
        email: 'a@example.com',
        name: 'A',
        email_verified: true,
        last_ip: '1.2.3.4',
        app_metadata: { flex: { roles: ['admin'] } },
        user_metadata: null,
      }),
      'u.json',
    );
    expect(user).toEqual({ user_id: 'auth0|1', email: 'a@example.com', name: 'A', email_verified: true, app_metadata: { flex: { roles: ['admin'] } } });
  });

  it.each([
    ['[]', 'expected a JSON object'],
    ['{"email":"not-an-email"}', 'email: expected an email address'],
    ['{"email":"a@example.com","name":5}', 'name: expected a string'],
    ['{"email":"a@example.com","app_metadata":[1]}', 'app_metadata: expected an object'],
    ['{', 'not valid JSON'],
  ])('rejects %s', (text, message) => {
    expect(() => userFromJson(text, 'u.json')).toThrow(UserInputError);
    expect(() => userFromJson(text, 'u.json')).toThrow(message);
  });
});

const scenario = (id: string, email: string, extra = ''): string =>
  `- id: ${id}\n  title: ${id}\n  action: pattern-a\n  user: { email: ${email}, app_metadata: { flex: { roles: [agent] } } }\n${extra}  expect: { outcome: login }\n`;

describe('usersFromScenarios (the loader `flex-sso run` uses)', () => {
  it("takes each scenario's user, id and definition from the files the glob selects", () => {
    mkdirSync(join(dir, 'a'), { recursive: true });
    writeFileSync(join(dir, 'a', 'one.yaml'), scenario('one', 'one@example.com'));
    writeFileSync(join(dir, 'a', 'two.yml'), scenario('two', 'two@example.com') + scenario('three', 'three@example.com'));
    writeFileSync(join(dir, 'a', 'ignored.txt'), 'user: {}');
    const users = usersFromScenarios('a/*', dir);
    expect(users.map((u) => [u.source, u.id, u.user.email, u.scenario?.expect.outcome])).toEqual([
      ['a/one.yaml:1', 'one', 'one@example.com', 'login'],
      ['a/two.yml:1', 'two', 'two@example.com', 'login'],
      ['a/two.yml:6', 'three', 'three@example.com', 'login'],
    ]);
    // The scenario's password is never handed to the Action's event.
    writeFileSync(join(dir, 'a', 'pw.yaml'), scenario('pw', 'pw@example.com').replace('user: {', 'user: { password: Secret-pass-1,'));
    expect(usersFromScenarios('a/pw.yaml', dir)[0]?.user).not.toHaveProperty('password');
  });

  it('lists every invalid scenario with file, line and field (exit 2 upstream), and a YAML syntax error', () => {
    writeFileSync(join(dir, 'bad.yaml'), 'id: bad\ntitle: t\naction: pattern-a\nuser:\n  name: No Email\nexpect: { outcome: login }\n');
    expect(() => usersFromScenarios('bad.yaml', dir)).toThrow(
      expect.objectContaining({ code: 'SCENARIO_INVALID', message: expect.stringContaining('bad.yaml:5: user.email') }),
    );
    writeFileSync(join(dir, 'broken.yaml'), 'user: [\n');
    expect(() => usersFromScenarios('broken.yaml', dir)).toThrow(UserInputError);
  });

  it('says SCENARIOS_NONE when nothing matches', () => {
    expect(() => usersFromScenarios('nothing/*.yaml', dir)).toThrow(expect.objectContaining({ code: 'SCENARIOS_NONE' }));
  });
});

describe('usersFromScenarios: the Action runtime a scenario declares', () => {
  it('carries its dependencies and fetch stubs to the run, and rejects a dependency without a version', () => {
    mkdirSync(join(dir, 'rt'), { recursive: true });
    writeFileSync(
      join(dir, 'rt', 'ok.yaml'),
      scenario('rt', 'rt@example.com', '  dependencies: [lodash@4.17.21]\n  fetch: [{ url: "https://api.example.com/r", json: [1] }]\n'),
    );
    expect(usersFromScenarios('rt/ok.yaml', dir)[0]).toMatchObject({
      dependencies: [{ name: 'lodash', version: '4.17.21' }],
      fetchStubs: [{ url: 'https://api.example.com/r', method: 'GET', status: 200, json: [1] }],
    });
    writeFileSync(join(dir, 'rt', 'bad.yaml'), scenario('rt', 'rt@example.com', '  dependencies: [lodash]\n'));
    expect(() => usersFromScenarios('rt/bad.yaml', dir)).toThrow('"lodash" has no version');
  });
});
