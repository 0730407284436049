// `flex-sso init` through the real CLI: the config file plus a starter sso/ folder whose scenarios
// load against the shipped schema with their Action resolved next to them; nothing existing is
// ever overwritten (the config: an error, exit 2; a starter file: kept, and said so).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadScenarios } from '../../../harness/scenarios/load.ts';
import { runCli } from '../../helpers/cli.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flex-sso-init-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const PATTERN_A = readFileSync(new URL('../../../scenarios/actions/pattern-a.js', import.meta.url), 'utf8');

describe('flex-sso init', () => {
  it('writes the config and a starter sso/ folder: one scenario file and the Pattern A Action it runs', async () => {
    const result = await runCli(['init'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(dir, 'flex-sso.config.yaml'), 'utf8')).toContain('profile: enhanced');
    expect(readFileSync(join(dir, 'sso/actions/flex-attributes.js'), 'utf8')).toBe(PATTERN_A);
    expect(result.stdout).toContain('wrote sso/flex-login.yaml\nwrote sso/actions/flex-attributes.js\n');
    expect(result.stdout).toContain('run the starter scenarios on the emulator: npx flex-sso run\n');
    expect(readFileSync(join(dir, 'flex-sso.config.yaml'), 'utf8')).toMatch(/^scenarios: sso\/\*\*\/\*\.yaml$/m);
    const loaded = loadScenarios('sso/*.yaml', { cwd: dir });
    expect(loaded.errors).toEqual([]);
    expect(loaded.scenarios.map((s) => [s.id, s.file, s.line, s.actionFile])).toEqual([
      ['starter-agent', 'sso/flex-login.yaml', 8, join(dir, 'sso/actions/flex-attributes.js')],
      ['starter-supervisor', 'sso/flex-login.yaml', 19, join(dir, 'sso/actions/flex-attributes.js')],
    ]);
  });

  it('keeps a starter file that exists, says so, and still writes the missing one', async () => {
    mkdirSync(join(dir, 'sso'));
    writeFileSync(join(dir, 'sso/flex-login.yaml'), '# mine\n');
    const result = await runCli(['init', '--legacy'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(dir, 'sso/flex-login.yaml'), 'utf8')).toBe('# mine\n');
    expect(result.stdout).toContain('kept sso/flex-login.yaml (it exists; init never overwrites a starter file)');
    expect(result.stdout).toContain('wrote sso/actions/flex-attributes.js');
    expect(readFileSync(join(dir, 'flex-sso.config.yaml'), 'utf8')).toContain('profile: legacy');
  });

  it('refuses an existing config with exit 2 and the fix, writing nothing', async () => {
    writeFileSync(join(dir, 'flex-sso.config.yaml'), 'mode: emulator\n');
    const result = await runCli(['init'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/flex-sso\.config\.yaml already exists[\s\S]*--force/);
    expect(readFileSync(join(dir, 'flex-sso.config.yaml'), 'utf8')).toBe('mode: emulator\n');
    expect(existsSync(join(dir, 'sso'))).toBe(false);
  });

  it('--force replaces the config but never a starter file; --no-starter writes no sso/', async () => {
    mkdirSync(join(dir, 'sso/actions'), { recursive: true });
    writeFileSync(join(dir, 'flex-sso.config.yaml'), 'old\n');
    writeFileSync(join(dir, 'sso/actions/flex-attributes.js'), '// mine\n');
    const forced = await runCli(['init', '--force'], { cwd: dir });
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(dir, 'flex-sso.config.yaml'), 'utf8')).toContain('profile: enhanced');
    expect(readFileSync(join(dir, 'sso/actions/flex-attributes.js'), 'utf8')).toBe('// mine\n');
    const other = mkdtempSync(join(tmpdir(), 'flex-sso-init-'));
    try {
      const bare = await runCli(['init', '--no-starter'], { cwd: other });
      expect(bare.code, bare.stderr).toBe(0);
      expect(existsSync(join(other, 'flex-sso.config.yaml'))).toBe(true);
      expect(existsSync(join(other, 'sso'))).toBe(false);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
