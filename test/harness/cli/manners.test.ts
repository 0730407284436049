// CLI manners (issue 19): usage without a command, colour, --help examples that work, run --list,
// --headed/--debug/--retries, and one broken scenario file not blocking --grep of the others.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { planRun, selectScenarios, type RunOptions } from '../../../harness/cli/commands/run.ts';
import { CliError } from '../../../harness/cli/errors.ts';
import { expandGlob } from '../../../harness/scenarios/glob.ts';
import { loadScenarios } from '../../../harness/scenarios/load.ts';
import { REPO_ROOT } from '../../../harness/repo-root.ts';
import { colourEnabled, paint } from '../../../harness/text/colour.ts';
import { runCli } from '../../helpers/cli.ts';

const SLOW = { timeout: 120_000 };
const DEFAULTS: RunOptions = { mode: 'emulator', reporter: 'list,html,junit,json', out: 'reports' };
const dir = mkdtempSync(join(tmpdir(), 'flex-sso-manners-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ESC = '\u001b[';

describe('flex-sso with no command', SLOW, () => {
  it('prints the usage on stderr and exits 2, as the README says', async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Usage: flex-sso \[options\] \[command\]/);
    expect(result.stderr).toContain('flex-sso: no command given [NO_COMMAND]');
  });
});

describe('colour', () => {
  it('is on for a terminal, off with NO_COLOR or TERM=dumb, on for a pipe with FORCE_COLOR', () => {
    expect(colourEnabled({ isTTY: true }, {})).toBe(true);
    expect(colourEnabled({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colourEnabled({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(colourEnabled({ isTTY: false }, {})).toBe(false);
    expect(colourEnabled({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(colourEnabled({ isTTY: true }, { FORCE_COLOR: '0', NO_COLOR: '1' })).toBe(false);
  });

  it('paints the verdict marks only, and leaves the text alone when off', () => {
    expect(paint('  ✓ a\n  ✗ b\nFlex        REJECTED by', true)).toBe(
      `  ${ESC}32m✓${ESC}39m a\n  ${ESC}31m✗${ESC}39m b\nFlex        ${ESC}31mREJECTED${ESC}39m by`,
    );
    expect(paint('  ✓ a', false)).toBe('  ✓ a');
  });

  it('action-test colours with FORCE_COLOR, and --no-color anywhere on the line turns it off', SLOW, async () => {
    const user = join(dir, 'typo.json');
    writeFileSync(user, JSON.stringify({ email: 't@example.com', name: 'T', app_metadata: { flex: { roles: ['superviser'] } } }));
    const args = ['action-test', join(REPO_ROOT, 'scenarios/actions/pattern-a.js'), '--user', user, '--now', '2026-03-01T12:00:00Z'];
    const coloured = await runCli(args, { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(coloured.code).toBe(1);
    expect(coloured.stdout).toContain(`${ESC}31mREJECTED${ESC}39m`);
    const plain = await runCli([...args, '--no-color'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(plain.code).toBe(1);
    expect(plain.stdout).not.toContain(ESC);
    expect(plain.stdout).toContain('REJECTED');
  });
});

describe('--help examples that work', SLOW, () => {
  it.each(['login', 'run', 'action-test', 'serve'])('%s: every example uses options the command has, shipped users and files that exist', async (name) => {
    const help = (await runCli([name, '--help'])).stdout;
    // An example is the command before its description column (two or more spaces).
    const examples = help
      .split('\n')
      .filter((l) => /^\s+(\S+=\S+\s+)?flex-sso /.test(l))
      .map((l) => l.trim().split(/\s{2,}/)[0] as string);
    expect(examples.length).toBeGreaterThan(0);
    // The options the help lists (and the global --no-color).
    const known = new Set(['--no-color', ...(help.match(/^\s+(?:-\w, )?(--[a-z-]+)/gm) ?? []).map((l) => l.trim().replace(/^-\w, /, ''))]);
    const users = new Set(loadScenarios().scenarios.map((s) => s.user.email));
    for (const example of examples) {
      for (const option of example.match(/\s(--[a-z-]+)/g) ?? [])
        expect(`${example}: ${option.trim()}`).toBe(`${example}: ${[...known].find((k) => k === option.trim()) ?? '(unknown)'}`);
      if (name === 'login' && !example.includes('--mode staging')) {
        const user = /--user (\S+)/.exec(example)?.[1] ?? '';
        expect(`${example}: ${user}`).toBe(`${example}: ${users.has(user) ? user : '(not a shipped scenario user)'}`);
      }
      for (const path of example.match(/scenarios\/[^\s'"]+/g) ?? []) expect(expandGlob(path, REPO_ROOT).length, `${example}: ${path}`).toBeGreaterThan(0);
    }
  });
});

describe('flex-sso run: --list, --headed, --debug, --retries', () => {
  it('passes --headed, --debug and --retries to Playwright', () => {
    expect(planRun({ ...DEFAULTS, headed: true }, '/tmp').args).toContain('--headed');
    expect(planRun({ ...DEFAULTS, debug: true, headed: true }, '/tmp').args.filter((a) => a === '--debug' || a === '--headed')).toEqual(['--debug']);
    expect(planRun({ ...DEFAULTS, mode: 'staging', retries: '2' }, '/tmp').args).toContain('--retries=2');
  });

  it.each([
    [{ retries: '1' }, /the emulator gives the same answer every time/],
    [{ mode: 'staging', retries: '9' }, /--retries: expected an integer from 0 to 5, received "9"/],
    [{ mode: 'staging', retries: 'x' }, /received "x"/],
  ])('refuses %j (exit 2)', (override, message) => {
    expect(() => planRun({ ...DEFAULTS, ...override }, '/tmp')).toThrow(message);
    expect(() => planRun({ ...DEFAULTS, ...override }, '/tmp')).toThrow(CliError);
  });

  it('--list prints the selected scenarios and exits 0 without starting a browser', SLOW, async () => {
    const result = await runCli(['run', '--grep', 'role-typo', '--list'], { env: { CHROMIUM_PATH: join(dir, 'no-chromium') } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^pattern-a-role-typo +sp-rejected +Pattern A role typo .* \(scenarios\/pattern-a\.yaml:\d+\)\n\n1 scenario\(s\) selected\.\n$/,
    );
  });
});

describe('flex-sso run --grep: one broken scenario file', () => {
  const good =
    '- id: good-one\n  title: Good\n  action: pattern-b\n  user: { email: g@example.com, app_metadata: { flex: { roles: [agent] } } }\n  expect: { outcome: login }\n';
  const broken = '- id: broken-one\n  title: Broken\n  action: pattern-b\n  user: { email: b@example.com }\n  expect: { outcome: logged-in }\n';

  it('does not block the others; its error is still printed', async () => {
    writeFileSync(join(dir, 'good.yaml'), good);
    writeFileSync(join(dir, 'broken.yaml'), broken);
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const { selected } = await selectScenarios(planRun({ ...DEFAULTS, scenarios: join(dir, '*.yaml'), grep: 'good' }, dir), dir);
      expect(selected.map((s) => s.id)).toEqual(['good-one']);
      expect(write.mock.calls.map((c) => String(c[0])).join('')).toMatch(
        /warning: invalid scenarios, left out of this run .*\n.*broken\.yaml:5: expect\.outcome/,
      );
    } finally {
      write.mockRestore();
    }
  });

  it('still blocks a run without --grep (exit 2, every error listed)', async () => {
    await expect(selectScenarios(planRun({ ...DEFAULTS, scenarios: join(dir, '*.yaml') }, dir), dir)).rejects.toMatchObject({
      code: 'SCENARIO_INVALID',
      exitCode: 2,
    });
  });
});

describe('README option tables', SLOW, () => {
  it.each(['action-test', 'run', 'decode', 'init', 'serve', 'provision', 'deploy-action', 'audit', 'doctor', 'login', 'fidelity', 'check-browser'])(
    'the `%s` row names every option its --help lists',
    async (name) => {
      const readme = (await import('node:fs')).readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${name} `) || l.startsWith(`| \`${name}\``)) ?? '';
      expect(row).not.toBe('');
      const help = (await runCli([name, '--help'])).stdout;
      const options = [...help.matchAll(/^ {2}(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1] as string).filter((o) => o !== '--help');
      expect(options.filter((o) => !new RegExp(`${o}\\b`).test(row))).toEqual([]);
    },
  );
});
