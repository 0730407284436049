// The package end to end: `npm pack` (prepack compiles dist/), install the tarball into a project
// outside this repository, then run there the README's "Use it in your Flex project" commands:
// init writes the starter sso/ folder and the config naming it, run (no --scenarios) logs its
// scenarios in on the emulator with the system Chromium and writes ./reports of that project.
// Deterministic and offline: the project's node_modules starts as a copy of this repository's
// production dependencies (package-lock.json, entries not marked dev), so `npm install --offline`
// needs only the tarball.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const NPM_ENV = { npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', NO_COLOR: '1' };

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function sh(command: string, cwd: string, timeoutMs: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { cwd, env: { ...process.env, ...NPM_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** The shell commands of the README section "Use it in your Flex project" (its first sh block). */
function readmeCommands(): string[] {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const section = readme.split(/^## Use it in your Flex project$/m)[1] ?? '';
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
}

/** This repository's production dependencies, copied (never linked: npm must not touch ours). */
function copyProductionDependencies(project: string): void {
  const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  const paths = Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && entry.dev !== true)
    .map(([path]) => path)
    .sort();
  const copied: string[] = [];
  for (const path of paths) {
    if (copied.some((parent) => path.startsWith(`${parent}/`)) || !existsSync(join(REPO, path))) continue;
    mkdirSync(dirname(join(project, path)), { recursive: true });
    cpSync(join(REPO, path), join(project, path), { recursive: true, verbatimSymlinks: true });
    copied.push(path);
  }
}

let work: string;
let tarball: string;
let packed: { filename: string; size: number; files: { path: string }[] };

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'flex-sso-pack-'));
  const pack = await sh(`npm pack --json --pack-destination '${work}'`, REPO, 120_000);
  expect(pack.code, pack.stderr).toBe(0);
  packed = (JSON.parse(pack.stdout) as (typeof packed)[])[0] as typeof packed;
  tarball = join(work, packed.filename);
}, 130_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the npm package', () => {
  it('holds the bin, compiled dist/ (no TypeScript), the scenarios, docs and licence; nothing dev-only', () => {
    const files = packed.files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'bin/flex-sso.js',
        'dist/harness/cli/main.js',
        'dist/playwright.config.js',
        'dist/harness/matrix/scenarios.spec.js',
        'dist/harness/reports/playwright-reporter.js',
        'dist/fake-idp/actions/worker.js',
        'dist/fake-sp/judge/worker-main.js',
        'scenarios/actions/pattern-a.js',
        'LICENSE',
        'README.md',
        'package.json',
      ]),
    );
    const unexpected = files.filter((f) => !/^(bin|dist|scenarios|docs)\//.test(f) && !['LICENSE', 'README.md', 'SECURITY.md', 'package.json'].includes(f));
    expect(unexpected).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts'))).toEqual([]);
    // The repository keeps no dist/: postpack removed it.
    expect(existsSync(join(REPO, 'dist'))).toBe(false);
  });

  it('installs into another project and runs the README commands there: init, then the starter scenarios on the emulator', async () => {
    const commands = readmeCommands();
    // `run` with no --scenarios: init's config names the starter sso/ folder (`scenarios: sso/**/*.yaml`).
    expect(commands).toEqual(['npm install --save-dev path/to/flex-sso-harness-0.1.0.tgz', 'npx flex-sso init', 'npx flex-sso run']);
    const project = join(work, 'my-flex-project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'my-flex-project', private: true }, null, 2)}\n`);
    copyProductionDependencies(project);

    const install = await sh((commands[0] as string).replace('path/to/flex-sso-harness-0.1.0.tgz', `'${tarball}'`), project, 120_000);
    expect(install.code, install.stderr).toBe(0);
    expect(readFileSync(join(project, 'package.json'), 'utf8')).toContain('"flex-sso-harness": "file:');

    const init = await sh(commands[1] as string, project, 60_000);
    expect(init.code, init.stderr).toBe(0);
    expect(existsSync(join(project, 'sso/flex-login.yaml')) && existsSync(join(project, 'sso/actions/flex-attributes.js'))).toBe(true);

    const run = await sh(`${commands[2] as string} --workers 1`, project, 180_000);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain('2/2 scenarios passed, 0 failed');
    const results = JSON.parse(readFileSync(join(project, 'reports/results.json'), 'utf8')) as {
      summary: { total: number; passed: number };
      scenarios: { id: string; action: string; attributes: Record<string, string[]> }[];
    };
    expect(results.summary).toMatchObject({ total: 2, passed: 2 });
    expect(results.scenarios.map((s) => [s.id, s.action, s.attributes.roles])).toEqual([
      ['starter-agent', './actions/flex-attributes.js', ['agent']],
      ['starter-supervisor', './actions/flex-attributes.js', ['supervisor,wfo.team_leader']],
    ]);
    expect(existsSync(join(project, 'reports/junit.xml')) && existsSync(join(project, 'reports/report.html'))).toBe(true);
  }, 400_000);
});
