// Reads scenario YAML files, validates them and reports errors as `file:line: field: message`.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { formatYamlIssue, LocatedYaml, type PathKey, type YamlIssue } from '../yaml/validated-yaml.ts';
import { BUILTIN_ACTIONS, scenarioSchema, type Scenario } from './schema.ts';
import { expandGlob, globToRegExp } from './glob.ts';
import { REPO_ROOT } from '../repo-root.ts';
import { didYouMean } from '../../flex/did-you-mean.ts';

export const SCENARIO_DIR = resolve(REPO_ROOT, 'scenarios');
export const DEFAULT_SCENARIO_GLOB = `${SCENARIO_DIR}/**/*.{yaml,yml}`;
const MAX_FILE_BYTES = 1024 * 1024;

export interface ScenarioError extends Omit<YamlIssue, 'code'> {
  code: YamlIssue['code'] | 'DUPLICATE_ID' | 'ACTION_NOT_FOUND' | 'ACTION_PATH_REFUSED' | 'NO_SCENARIOS' | 'FILE_UNREADABLE';
}

export const formatScenarioError = formatYamlIssue;

/**
 * The scenario files a selection of ids (or no selection) is taken from: the shipped scenarios, or
 * the files the project's config names (default-source.ts decides which).
 */
export interface ScenarioSource {
  /** Glob of the YAML files, absolute. */
  glob: string;
  /** Set when a config file's `scenarios:` named them: where, and as written there. */
  config?: { file: string; line: number; value: string; dir: string };
}

export const SHIPPED_SCENARIOS: ScenarioSource = { glob: DEFAULT_SCENARIO_GLOB };

/** A selection with no `/` that does not end in .yaml/.yml is a glob of scenario ids, not of files. */
export function isIdSelection(selection: string): boolean {
  return !selection.includes('/') && !/\.ya?ml$/.test(selection);
}

export class ScenarioLoadError extends Error {
  constructor(readonly errors: ScenarioError[]) {
    super(errors.map(formatScenarioError).join('\n'));
    this.name = 'ScenarioLoadError';
  }
}

export interface LoadResult {
  scenarios: Scenario[];
  errors: ScenarioError[];
  files: string[];
}

/** A built-in Action name (pattern-a, …) or a path relative to `baseDir` → the Action's file. */
export function actionFileFor(action: string, baseDir: string): string {
  if ((BUILTIN_ACTIONS as readonly string[]).includes(action)) return resolve(SCENARIO_DIR, 'actions', `${action}.js`);
  return resolve(baseDir, action);
}

/**
 * A scenario file must not make the harness read (and deploy to a tenant, or run) an arbitrary local
 * file: custom Actions are .js/.mjs/.cjs files under the scenario file's directory or the working
 * directory. Returns why a path is refused, or undefined.
 */
function refuseActionPath(scenarioFile: string, actionFile: string): string | undefined {
  if (!/\.(c|m)?js$/.test(actionFile)) return `Action file ${actionFile} is not a .js file`;
  const inside = (dir: string): boolean => {
    const rel = relative(dir, actionFile);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  };
  if (inside(dirname(scenarioFile)) || inside(process.cwd()) || inside(SCENARIO_DIR)) return undefined;
  return `Action file ${actionFile} is outside the scenario's directory and the working directory`;
}

/** A bare name (no path, no .js) close to a built-in Action's: the typo, not a file, was meant. */
function misspeltBuiltin(action: string): string | undefined {
  if ((BUILTIN_ACTIONS as readonly string[]).includes(action) || /[/\\]|\.(c|m)?js$/.test(action)) return undefined;
  return didYouMean(action, BUILTIN_ACTIONS, 3);
}

/** Validates one file's text; `file` is the absolute path, `display` how errors name it. */
export function parseScenarioFile(file: string, text: string, display = file): { scenarios: Scenario[]; errors: ScenarioError[] } {
  const located = new LocatedYaml(text, display);
  const syntax = located.syntaxIssues();
  if (syntax.length > 0) return { scenarios: [], errors: syntax };
  const data: unknown = located.toJS();
  const entries: { value: unknown; base: PathKey[] }[] = Array.isArray(data) ? data.map((value, i) => ({ value, base: [i] })) : [{ value: data, base: [] }];
  const scenarios: Scenario[] = [];
  const errors: ScenarioError[] = [];
  for (const { value, base } of entries) {
    const parsed = scenarioSchema.safeParse(value);
    if (!parsed.success) {
      errors.push(
        ...located.schemaIssues(parsed.error.issues, base, scenarioSchema).map((i) => (i.field === '(top level)' ? { ...i, field: '(scenario)' } : i)),
      );
      continue;
    }
    const misspelt = misspeltBuiltin(parsed.data.action);
    if (misspelt !== undefined) {
      errors.push({
        code: 'ACTION_NOT_FOUND',
        file: display,
        field: 'action',
        line: located.lineOf([...base, 'action']),
        message: `no built-in Action "${parsed.data.action}" — did you mean "${misspelt}"?`,
        hint: `built-in Actions: ${BUILTIN_ACTIONS.join(', ')}; a custom Action is a .js path relative to the scenario file`,
      });
      continue;
    }
    const actionFile = actionFileFor(parsed.data.action, dirname(file));
    const refused = refuseActionPath(file, actionFile);
    if (refused !== undefined) {
      errors.push({
        code: 'ACTION_PATH_REFUSED',
        file: display,
        field: 'action',
        line: located.lineOf([...base, 'action']),
        message: refused,
        hint: 'keep custom Action files (.js) next to the scenario file or in the project directory',
      });
      continue;
    }
    if (!existsSync(actionFile)) {
      errors.push({
        code: 'ACTION_NOT_FOUND',
        file: display,
        field: 'action',
        line: located.lineOf([...base, 'action']),
        message: `no Action file at ${actionFile}`,
        hint: `use ${BUILTIN_ACTIONS.join(', ')} or a path relative to the scenario file`,
      });
      continue;
    }
    scenarios.push({ ...parsed.data, file: display, line: located.lineOf(base), actionFile });
  }
  return { scenarios, errors };
}

function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/**
 * Loads the scenarios selected by `selection`: a glob of YAML files, or (no `/` and no .yaml
 * suffix) a glob of scenario ids within `options.source`. Undefined → every scenario of the source.
 * The source defaults to the shipped scenarios; commands pass the project's (default-source.ts).
 */
export function loadScenarios(selection?: string, options: { cwd?: string; source?: ScenarioSource | undefined } = {}): LoadResult {
  const cwd = options.cwd ?? process.cwd();
  const source = options.source ?? SHIPPED_SCENARIOS;
  const byId = selection !== undefined && isIdSelection(selection);
  const fileGlob = selection === undefined || byId ? source.glob : selection;
  const files = expandGlob(fileGlob, cwd).filter((f) => /\.ya?ml$/.test(f));
  const scenarios: Scenario[] = [];
  const errors: ScenarioError[] = [];
  for (const file of files) {
    const display = displayPath(file, cwd);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
      if (Buffer.byteLength(text) > MAX_FILE_BYTES) throw new Error(`larger than ${MAX_FILE_BYTES} bytes`);
    } catch (error) {
      errors.push({ code: 'FILE_UNREADABLE', file: display, field: '', line: 0, message: `cannot read: ${(error as Error).message}` });
      continue;
    }
    const result = parseScenarioFile(file, text, display);
    scenarios.push(...result.scenarios);
    errors.push(...result.errors);
  }
  const seen = new Map<string, Scenario>();
  for (const s of scenarios) {
    const first = seen.get(s.id);
    if (first) {
      errors.push({
        code: 'DUPLICATE_ID',
        file: s.file,
        line: s.line,
        field: 'id',
        message: `duplicate scenario id "${s.id}" (first defined at ${first.file}:${first.line})`,
        hint: 'give every scenario a unique id',
      });
    } else seen.set(s.id, s);
  }
  const idPattern = byId ? globToRegExp(selection) : undefined;
  const selected = idPattern ? scenarios.filter((s) => idPattern.test(s.id)) : scenarios;
  if (selected.length === 0 && errors.length === 0) errors.push(noScenarios(selection, byId, source));
  return { scenarios: selected, errors, files };
}

/** Nothing selected: names the config file and its glob when the selection came from there. */
function noScenarios(selection: string | undefined, byId: boolean, source: ScenarioSource): ScenarioError {
  const config = source.config;
  if (config && selection === undefined) {
    return {
      code: 'NO_SCENARIOS',
      file: config.file,
      line: config.line,
      field: 'scenarios',
      message: `"${config.value}" matches no scenario file (searched from ${config.dir}, the config file's directory)`,
      hint: `add scenario YAML files there (\`flex-sso init\` writes sso/flex-login.yaml), point scenarios: in ${config.file} at yours, or pass --scenarios`,
    };
  }
  return {
    code: 'NO_SCENARIOS',
    file: selection ?? source.glob,
    line: 0,
    field: '',
    message: byId ? `no scenario id matches${config ? ` in the files of scenarios: "${config.value}" (${config.file})` : ''}` : 'no scenario file matches',
    hint: 'check --scenarios: a glob of YAML files (scenarios/**/*.yaml) or of scenario ids (pattern-a-*)',
  };
}

/** The NO_SCENARIOS error when it is the only one (nothing matched, nothing broken), else undefined. */
export function nothingMatched(errors: readonly ScenarioError[]): ScenarioError | undefined {
  return errors.length === 1 && errors[0]?.code === 'NO_SCENARIOS' ? errors[0] : undefined;
}

/** loadScenarios, throwing a ScenarioLoadError listing every problem. */
export function loadScenariosOrThrow(selection?: string, options: { cwd?: string; source?: ScenarioSource | undefined } = {}): Scenario[] {
  const result = loadScenarios(selection, options);
  if (result.errors.length > 0) throw new ScenarioLoadError(result.errors);
  return result.scenarios;
}
