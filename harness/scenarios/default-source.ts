// Which scenario files a command uses when --scenarios names none (absent, or a glob of scenario
// ids): the project's, not the package's. The `scenarios:` glob of the config file
// (./flex-sso.config.yaml or --config) names them, relative to that file's directory, so the same
// files are found from any working directory; with no config file, or one without `scenarios:`,
// they are the scenarios shipped with the harness (what the repository's `npm start` runs: the
// repository has no config file at its root). A config file that does not parse is the config
// error (CONFIG_INVALID, exit 2), never a silent fallback to the shipped scenarios.
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { readConfigFile } from '../config/load.ts';
import { isIdSelection, SHIPPED_SCENARIOS, type ScenarioSource } from './load.ts';

/** The source's glob, for the processes a command starts (Playwright's runner and workers). */
export const SCENARIO_SOURCE_ENV = 'FLEX_SSO_SCENARIO_SOURCE';

export interface SourceOptions {
  /** --config: the config file (must exist); default ./flex-sso.config.yaml if present. */
  config?: string;
  cwd?: string;
}

/** The scenario files to use when the user did not pass --scenarios. */
export function defaultScenarioSource(options: SourceOptions = {}): ScenarioSource {
  const cwd = options.cwd ?? process.cwd();
  const read = readConfigFile({ cwd, ...(options.config === undefined ? {} : { file: options.config }) });
  const value = read.config.scenarios;
  if (read.file === undefined || value === undefined) return SHIPPED_SCENARIOS;
  const dir = dirname(read.file);
  const rel = relative(cwd, read.file);
  const file = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : read.file;
  return { glob: resolve(dir, value), config: { file, line: read.lineOf(['scenarios']), value, dir } };
}

/**
 * The source `selection` (--scenarios) needs: the default one when it is absent or selects ids,
 * undefined when it names files (then --scenarios alone decides, and no config file is read).
 */
export function scenarioSourceFor(selection: string | undefined, options: SourceOptions = {}): ScenarioSource | undefined {
  return selection === undefined || isIdSelection(selection) ? defaultScenarioSource(options) : undefined;
}

/** The source a parent process handed over in SCENARIO_SOURCE_ENV; undefined: the shipped scenarios. */
export function scenarioSourceFromEnv(env: NodeJS.ProcessEnv = process.env): ScenarioSource | undefined {
  const glob = env[SCENARIO_SOURCE_ENV];
  return glob ? { glob } : undefined;
}
