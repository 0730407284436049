import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { userFromJson, UserInputError, usersFromScenarios } from '../../../harness/action-test/users.ts';

const dir = mkdtempSync(join(tmpdir(), 'flex-sso-users-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('userFromJson', () => {
  it('keeps the fields the event needs from an Auth0 user export', () => {
    const { user } = userFromJson(JSON.stringify({
      user_id: 'auth0|1', email: 'a@example.com', name: 'A', email_verified: true, last_ip: '1.2.3.4',
      app_metadata: { flex: { roles: ['admin'] } }, user_metadata: null,
    }), 'u.json');
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

describe('usersFromScenarios', () => {
  it('takes user: (and id:) from single-scenario and list files, skipping entries without a user', () => {
    mkdirSync(join(dir, 'a'), { recursive: true });
    writeFileSync(join(dir, 'a', 'one.yaml'), 'id: one\nuser:\n  email: one@example.com\n');
    writeFileSync(join(dir, 'a', 'two.yml'), '- id: two\n  user: { email: two@example.com }\n- title: no user\n- user: { email: three@example.com }\n');
    writeFileSync(join(dir, 'a', 'ignored.txt'), 'user: {}');
    const users = usersFromScenarios('a/*', dir);
    expect(users).toEqual([
      { source: 'a/one.yaml', id: 'one', user: { email: 'one@example.com' } },
      { source: 'a/two.yml[0]', id: 'two', user: { email: 'two@example.com' } },
      { source: 'a/two.yml[2]', user: { email: 'three@example.com' } },
    ]);
  });

  it('names the file and field of an invalid user, and a YAML syntax error', () => {
    writeFileSync(join(dir, 'bad.yaml'), 'id: bad\nuser:\n  name: No Email\n');
    expect(() => usersFromScenarios('bad.yaml', dir)).toThrow('bad.yaml: user: email: expected an email address');
    writeFileSync(join(dir, 'broken.yaml'), 'user: [\n');
    expect(() => usersFromScenarios('broken.yaml', dir)).toThrow(UserInputError);
  });
});

describe('usersFromScenarios: the Action runtime a scenario declares', () => {
  it('carries its dependencies and fetch stubs to the run, and rejects a dependency without a version', () => {
    mkdirSync(join(dir, 'rt'), { recursive: true });
    writeFileSync(join(dir, 'rt', 'ok.yaml'), 'id: rt\nuser: { email: rt@example.com }\ndependencies: [lodash@4.17.21]\nfetch: [{ url: "https://api.example.com/r", json: [1] }]\n');
    expect(usersFromScenarios('rt/ok.yaml', dir)[0]).toMatchObject({
      dependencies: [{ name: 'lodash', version: '4.17.21' }],
      fetchStubs: [{ url: 'https://api.example.com/r', method: 'GET', status: 200, json: [1] }],
    });
    writeFileSync(join(dir, 'rt', 'bad.yaml'), 'id: rt\nuser: { email: rt@example.com }\ndependencies: [lodash]\n');
    expect(() => usersFromScenarios('rt/bad.yaml', dir)).toThrow('dependencies: "lodash" has no version');
  });
});
