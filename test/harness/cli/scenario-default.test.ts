// "Which scenarios" without --scenarios, through the real CLI in a fresh project: `init` writes the
// config's `scenarios: sso/**/*.yaml` beside its starter sso/ folder, and run, action-test, login
// and serve --seed then use the project's scenarios (relative to the config file's directory), not
// the package's; with no config file, the shipped ones; --scenarios always wins; a config glob that
// matches nothing is NO_SCENARIOS naming the config file and the glob. No browser is started.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scenarioYaml, useTempProject } from '../../helpers/temp-project.ts';
import { runCli } from '../../helpers/cli.ts';
import { startServeProcess } from '../../helpers/serve-process.ts';

const SHIPPED_DIR = fileURLToPath(new URL('../../../scenarios/', import.meta.url));
const SLOW = { timeout: 120_000 };
const STARTER_IDS = ['starter-agent', 'starter-supervisor'];

const project = useTempProject('flex-sso-default-');
const { write } = project;

/** `run --list` lines → [id, file] (the listing ends each line with "(file:line)"). */
function listed(stdout: string): [string, string][] {
  return [...stdout.matchAll(/^(\S+) .*\((.+):\d+\)$/gm)].map((m) => [m[1] as string, m[2] as string]);
}

async function init(args: string[] = []): Promise<string> {
  const result = await runCli(['init', ...args], { cwd: project.dir });
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

describe("without --scenarios, the project's scenarios: the config file's `scenarios:`", SLOW, () => {
  it('init writes scenarios: sso/**/*.yaml and says `npx flex-sso run`; run and action-test --scenarios then use sso/', async () => {
    const out = await init();
    expect(out).toContain('run the starter scenarios on the emulator: npx flex-sso run\n');
    expect(readFileSync(join(project.dir, 'flex-sso.config.yaml'), 'utf8')).toMatch(/^scenarios: sso\/\*\*\/\*\.yaml$/m);
    const run = await runCli(['run', '--list'], { cwd: project.dir });
    expect(run.code, run.stderr).toBe(0);
    expect(listed(run.stdout)).toEqual([
      ['starter-agent', 'sso/flex-login.yaml'],
      ['starter-supervisor', 'sso/flex-login.yaml'],
    ]);
    // --scenarios without a value: the dry matrix of the project's scenarios.
    const dry = await runCli(['action-test', '--scenarios', '--json'], { cwd: project.dir });
    expect(dry.code, dry.stderr).toBe(0);
    const json = JSON.parse(dry.stdout) as { results: { id?: string; source: string }[] };
    expect(json.results.map((r) => r.source)).toEqual(['sso/flex-login.yaml:8', 'sso/flex-login.yaml:19']);
  });

  it("resolves `scenarios:` against the config file's directory: run from a subdirectory with --config ../flex-sso.config.yaml", async () => {
    await init();
    write('sub/sso/decoy.yaml', scenarioYaml('decoy'));
    const cwd = join(project.dir, 'sub');
    const run = await runCli(['run', '--list', '--config', '../flex-sso.config.yaml'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    expect(listed(run.stdout)).toEqual(STARTER_IDS.map((id) => [id, join(project.dir, 'sso/flex-login.yaml')]));
  });

  it('init --file conf/x.yaml names the starter from there (../sso/**/*.yaml) and prints the --config to pass', async () => {
    const out = await init(['--file', 'conf/x.yaml']);
    expect(readFileSync(join(project.dir, 'conf/x.yaml'), 'utf8')).toMatch(/^scenarios: \.\.\/sso\/\*\*\/\*\.yaml$/m);
    expect(out).toContain('npx flex-sso run --config conf/x.yaml\n');
    const run = await runCli(['run', '--list', '--config', 'conf/x.yaml'], { cwd: project.dir });
    expect(run.code, run.stderr).toBe(0);
    expect(listed(run.stdout).map(([id]) => id)).toEqual(STARTER_IDS);
  });

  it("no config file: the shipped scenarios (what the repository's `npm start` runs)", async () => {
    const run = await runCli(['run', '--list'], { cwd: project.dir });
    expect(run.code, run.stderr).toBe(0);
    const rows = listed(run.stdout);
    expect(rows.map(([id]) => id)).toContain('pattern-a-supervisor');
    expect(rows.every(([, file]) => file.startsWith(SHIPPED_DIR))).toBe(true);
  });

  it("--scenarios always wins: its files, or its ids among the project's scenarios", async () => {
    await init();
    write('other/b.yaml', scenarioYaml('explicit-one'));
    const files = await runCli(['run', '--list', '--scenarios', 'other/*.yaml'], { cwd: project.dir });
    expect(files.code, files.stderr).toBe(0);
    expect(listed(files.stdout)).toEqual([['explicit-one', 'other/b.yaml']]);
    const ids = await runCli(['run', '--list', '--scenarios', 'starter-s*'], { cwd: project.dir });
    expect(ids.code, ids.stderr).toBe(0);
    expect(listed(ids.stdout)).toEqual([['starter-supervisor', 'sso/flex-login.yaml']]);
  });

  it('a config glob that matches nothing (init --no-starter, nothing added yet) is NO_SCENARIOS naming the config file and the glob', async () => {
    await init(['--no-starter']);
    const run = await runCli(['run', '--list'], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^flex-sso: no scenarios: flex-sso\.config\.yaml:\d+: scenarios: "sso\/\*\*\/\*\.yaml" matches no scenario file \(searched from .+, the config file's directory\) \[NO_SCENARIOS\]$/m,
    );
    expect(run.stderr).toContain('fix: add scenario YAML files there');
  });

  it('a config file that does not parse stops the run with the config error (exit 2), not the shipped scenarios', async () => {
    write('flex-sso.config.yaml', 'scenarios: sso/*.yaml\nscenario: typo\n');
    const run = await runCli(['run', '--list'], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('[CONFIG_INVALID]');
    expect(run.stdout).toBe('');
  });
});

describe('login and serve --seed scenarios use the same rule', SLOW, () => {
  it("login: a user in no scenario is refused with the emails of the project's scenarios", async () => {
    await init();
    const login = await runCli(
      ['login', '--user', 'nobody@example.com', '--state', join(project.dir, 'tenant.json'), '--store', join(project.dir, 'sp'), '--port', '0'],
      {
        cwd: project.dir,
        timeoutMs: 60_000,
      },
    );
    expect(login.code).toBe(2);
    expect(login.stderr).toContain('known emails: starter-agent@flex-sso.test, starter-supervisor@flex-sso.test.');
  });

  it("serve all --seed scenarios seeds the project's scenarios; a login through it uses the login's own config", async () => {
    await init();
    write('sub/alt.yaml', 'scenarios: alt/*.yaml\n');
    write('sub/alt/a.yaml', scenarioYaml('alt-user'));
    const state = join(project.dir, 'tenant.json');
    const served = await startServeProcess(['all', '--seed', 'scenarios', '--state', state, '--store', join(project.dir, 'sp')], {}, 90_000, project.dir);
    try {
      expect(served.ready.seeded).toEqual([
        { scenario: 'starter-agent', email: 'starter-agent@flex-sso.test' },
        { scenario: 'starter-supervisor', email: 'starter-supervisor@flex-sso.test' },
      ]);
      // The serve runs in project.dir with its config; this login's (sub/alt.yaml) names other scenarios.
      const login = await runCli(['login', '--user', 'nobody@example.com', '--state', state, '--config', 'alt.yaml'], {
        cwd: join(project.dir, 'sub'),
        timeoutMs: 60_000,
      });
      expect(login.code).toBe(2);
      expect(login.stderr).toContain('known emails: alt-user@flex-sso.test.');
    } finally {
      await served.stop();
    }
  });
});
