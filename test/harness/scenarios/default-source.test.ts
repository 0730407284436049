// Which scenario files a command uses when --scenarios names none: the `scenarios:` glob of the
// project's config file, relative to that file's directory; else the shipped scenarios. A config
// that does not parse is the config error, never a fallback; --scenarios naming files wins.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scenarioYaml, useTempProject } from '../../helpers/temp-project.ts';
import { CliError } from '../../../harness/cli/errors.ts';
import { defaultScenarioSource, scenarioSourceFor, scenarioSourceFromEnv } from '../../../harness/scenarios/default-source.ts';
import { formatScenarioError, loadScenarios } from '../../../harness/scenarios/load.ts';

const SHIPPED_DIR = fileURLToPath(new URL('../../../scenarios/', import.meta.url));

const project = useTempProject('flex-sso-source-');
const { write } = project;

function thrown(fn: () => unknown): CliError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('expected a CliError');
}

describe('defaultScenarioSource', () => {
  it('no config file: the shipped scenarios (what `npm start` runs)', () => {
    const source = defaultScenarioSource({ cwd: project.dir });
    expect(source.config).toBeUndefined();
    const loaded = loadScenarios(undefined, { cwd: project.dir, source });
    expect(loaded.errors).toEqual([]);
    expect(loaded.scenarios.map((s) => s.id)).toContain('pattern-a-supervisor');
    expect(loaded.files.length).toBeGreaterThan(0);
    expect(loaded.files.every((f) => f.startsWith(SHIPPED_DIR))).toBe(true);
  });

  it('a config file without `scenarios:`: the shipped scenarios too', () => {
    write('flex-sso.config.yaml', 'mode: emulator\n');
    expect(defaultScenarioSource({ cwd: project.dir }).config).toBeUndefined();
  });

  it("the config's `scenarios:` glob, relative to the config file's directory, from a subdirectory with --config", () => {
    write('proj/flex-sso.config.yaml', 'mode: emulator\nscenarios: sso/**/*.yaml\n');
    write('proj/sso/a.yaml', scenarioYaml('proj-a'));
    write('proj/sso/team/b.yaml', scenarioYaml('proj-b'));
    write('proj/work/sso/decoy.yaml', scenarioYaml('decoy'));
    const cwd = join(project.dir, 'proj/work');
    const source = defaultScenarioSource({ cwd, config: '../flex-sso.config.yaml' });
    expect(source.glob).toBe(join(project.dir, 'proj/sso/**/*.yaml'));
    expect(source.config).toEqual({ file: join(project.dir, 'proj/flex-sso.config.yaml'), line: 2, value: 'sso/**/*.yaml', dir: join(project.dir, 'proj') });
    const loaded = loadScenarios(undefined, { cwd, source });
    expect(loaded.errors).toEqual([]);
    expect(loaded.scenarios.map((s) => [s.id, s.file])).toEqual([
      ['proj-a', join(project.dir, 'proj/sso/a.yaml')],
      ['proj-b', join(project.dir, 'proj/sso/team/b.yaml')],
    ]);
  });

  it('./flex-sso.config.yaml is found without --config; a glob of ids selects within its files', () => {
    write('flex-sso.config.yaml', 'scenarios: sso/*.yaml\n');
    write('sso/a.yaml', `${scenarioYaml('mine-one')}${scenarioYaml('mine-two')}`);
    const source = defaultScenarioSource({ cwd: project.dir });
    expect(source.config?.file).toBe('flex-sso.config.yaml');
    expect(loadScenarios('mine-t*', { cwd: project.dir, source }).scenarios.map((s) => s.id)).toEqual(['mine-two']);
    // The shipped scenarios are not in this project's selection.
    expect(loadScenarios('pattern-a-*', { cwd: project.dir, source }).errors.map((e) => e.code)).toEqual(['NO_SCENARIOS']);
  });

  it('a config glob that matches nothing: NO_SCENARIOS naming the config file, its line and the glob', () => {
    write('flex-sso.config.yaml', 'mode: emulator\nreports: reports\nscenarios: nothing/**/*.yaml\n');
    const source = defaultScenarioSource({ cwd: project.dir });
    const [error, ...rest] = loadScenarios(undefined, { cwd: project.dir, source }).errors;
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ code: 'NO_SCENARIOS', file: 'flex-sso.config.yaml', line: 3, field: 'scenarios' });
    expect(formatScenarioError(error as NonNullable<typeof error>)).toBe(
      `flex-sso.config.yaml:3: scenarios: "nothing/**/*.yaml" matches no scenario file (searched from ${project.dir}, the config file's directory)`,
    );
    expect(error?.hint).toContain('flex-sso init');
  });

  it('a config file that does not parse is the config error (exit 2), not the shipped scenarios', () => {
    write('flex-sso.config.yaml', 'scenarios: sso/*.yaml\nscenario: typo\n');
    const error = thrown(() => defaultScenarioSource({ cwd: project.dir }));
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', exitCode: 2 });
    expect(error.message).toContain('flex-sso.config.yaml:2: scenario: unknown field');
    expect(thrown(() => defaultScenarioSource({ cwd: project.dir, config: 'missing.yaml' }))).toMatchObject({ code: 'CONFIG_NOT_FOUND', exitCode: 2 });
  });
});

describe('scenarioSourceFor: --scenarios always wins', () => {
  it('a glob of files needs no default and reads no config file (not even a broken one)', () => {
    write('flex-sso.config.yaml', 'not: valid\n');
    expect(scenarioSourceFor('other/*.yaml', { cwd: project.dir })).toBeUndefined();
    expect(scenarioSourceFor('x.yml', { cwd: project.dir })).toBeUndefined();
    expect(() => scenarioSourceFor('ids-*', { cwd: project.dir })).toThrow(CliError);
    expect(() => scenarioSourceFor(undefined, { cwd: project.dir })).toThrow(CliError);
  });

  it('with a config naming other files, the --scenarios files are loaded', () => {
    write('flex-sso.config.yaml', 'scenarios: sso/*.yaml\n');
    write('sso/a.yaml', scenarioYaml('configured'));
    write('other/b.yaml', scenarioYaml('explicit'));
    const source = scenarioSourceFor('other/*.yaml', { cwd: project.dir });
    expect(loadScenarios('other/*.yaml', { cwd: project.dir, source }).scenarios.map((s) => s.id)).toEqual(['explicit']);
  });
});

describe('scenarioSourceFromEnv', () => {
  it("hands a config's glob to another process; none set means the shipped scenarios", () => {
    expect(scenarioSourceFromEnv({ FLEX_SSO_SCENARIO_SOURCE: '/p/sso/**/*.yaml' })).toEqual({ glob: '/p/sso/**/*.yaml' });
    expect(scenarioSourceFromEnv({})).toBeUndefined();
  });
});
