// Hostile scenario and config files (SECURITY.md): a YAML alias bomb is a located error, never a
// crash or a memory blow-up; a scenario's `action:` cannot make the harness read (and deploy or run)
// an arbitrary local file. The valid cases are accepted next to each refusal.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { parseScenarioFile } from '../../harness/scenarios/load.ts';
import { parseValidatedYaml } from '../../harness/yaml/validated-yaml.ts';

const scenario = (action: string): string => `- id: hostile-one
  title: One
  action: ${action}
  user:
    email: one@example.com
  expect:
    outcome: login
`;

// Each level multiplies by 10: fully expanded, 10^8 strings ("billion laughs").
const ALIAS_BOMB = [
  'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
  ...'bcdefgh'.split('').map((l, i) => `${l}: &${l} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(',')}]`),
].join('\n');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'flex-sso-hostile-'));
  mkdirSync(join(dir, 'scenarios'));
  writeFileSync(join(dir, 'scenarios', 'mine.js'), 'exports.onExecutePostLogin = async () => {};\n');
  writeFileSync(join(dir, 'scenarios', 'notes.txt'), 'not an Action');
  writeFileSync(join(dir, 'outside.js'), 'exports.onExecutePostLogin = async () => {};\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('YAML alias bombs', () => {
  test('a scenario file with exponential aliases is a YAML_SYNTAX error, not an exception', () => {
    const result = parseScenarioFile(join(dir, 'scenarios', 'bomb.yaml'), ALIAS_BOMB, 'bomb.yaml');
    expect(result.scenarios).toEqual([]);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'YAML_SYNTAX', message: expect.stringMatching(/alias/i) })]);
  });

  test('a config-style document with the bomb is refused the same way; a few aliases are fine', () => {
    const schema = z.record(z.string(), z.unknown());
    expect(parseValidatedYaml(ALIAS_BOMB, 'flex-sso.yaml', schema).issues[0]).toMatchObject({ code: 'YAML_SYNTAX' });
    const ok = parseValidatedYaml('base: &b { roles: [agent] }\nother: *b\n', 'flex-sso.yaml', schema);
    expect(ok.issues).toEqual([]);
    expect(ok.value).toEqual({ base: { roles: ['agent'] }, other: { roles: ['agent'] } });
  });
});

describe('Action paths in scenario files', () => {
  const parse = (action: string) => parseScenarioFile(join(dir, 'scenarios', 'x.yaml'), scenario(action), 'x.yaml');

  test('a .js file next to the scenario file is accepted', () => {
    const result = parse('./mine.js');
    expect(result.errors).toEqual([]);
    expect(result.scenarios[0]?.actionFile).toBe(join(dir, 'scenarios', 'mine.js'));
  });

  test.each([
    ['../../../../../../../etc/passwd', /not a \.js file/],
    ['./notes.txt', /not a \.js file/],
    ['../outside.js', /outside the scenario's directory/],
    ['/etc/hostname.js', /outside the scenario's directory/],
  ])('%s is refused (ACTION_PATH_REFUSED) before it is read', (action, message) => {
    const result = parse(action);
    expect(result.scenarios).toEqual([]);
    expect(result.errors).toEqual([
      expect.objectContaining({ code: 'ACTION_PATH_REFUSED', field: 'action', line: 3, message: expect.stringMatching(message) }),
    ]);
  });
});
