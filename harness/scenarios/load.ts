// Reads scenario YAML files, validates them and reports errors as `file:line: field: message`.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { BUILTIN_ACTIONS, scenarioSchema, type Scenario } from './schema.ts';
import { expandGlob, globToRegExp } from './glob.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCENARIO_DIR = resolve(REPO_ROOT, 'scenarios');
export const DEFAULT_SCENARIO_GLOB = `${SCENARIO_DIR}/**/*.{yaml,yml}`;
const MAX_FILE_BYTES = 1024 * 1024;

export interface ScenarioError {
  code: 'YAML_SYNTAX' | 'SCHEMA' | 'DUPLICATE_ID' | 'ACTION_NOT_FOUND' | 'NO_SCENARIOS' | 'FILE_UNREADABLE';
  file: string;
  line: number;
  field: string;
  message: string;
  hint?: string;
}

export function formatScenarioError(error: ScenarioError): string {
  const where = error.line > 0 ? `${error.file}:${error.line}` : error.file;
  return `${where}: ${error.field ? `${error.field}: ` : ''}${error.message}`;
}

export class ScenarioLoadError extends Error {
  constructor(readonly errors: ScenarioError[]) {
    super(errors.map(formatScenarioError).join('\n'));
    this.name = 'ScenarioLoadError';
  }
}

export interface LoadResult { scenarios: Scenario[]; errors: ScenarioError[]; files: string[] }

type PathKey = string | number;

/** The YAML node at `path`, or the deepest ancestor that exists (for missing fields). */
function nodeAt(doc: Document, path: readonly PathKey[], keyOnly = false): YamlNode | undefined {
  let node: unknown = doc.contents;
  let found = node as YamlNode | undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (!pair) break;
      found = (keyOnly && key === path[path.length - 1] ? pair.key : pair.value ?? pair.key) as YamlNode;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key];
      if (!item) break;
      found = item as YamlNode;
      node = item;
    } else break;
  }
  return found;
}

function lineOf(doc: Document, counter: LineCounter, path: readonly PathKey[], keyOnly = false): number {
  const node = nodeAt(doc, path, keyOnly);
  const offset = node?.range?.[0];
  return offset === undefined ? 1 : counter.linePos(offset).line;
}

function fieldName(path: readonly PathKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i === 0 ? '' : '.'}${k}`)).join('').replace(/^\./, '');
}

function issueToErrors(file: string, doc: Document, counter: LineCounter, base: PathKey[], issue: z.core.$ZodIssue): ScenarioError[] {
  const path = issue.path.filter((k): k is PathKey => typeof k !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      code: 'SCHEMA' as const, file, field: fieldName([...path, key]),
      line: lineOf(doc, counter, [...base, ...path, key], true),
      message: 'unknown field', hint: 'remove it or check its spelling against the scenario schema',
    }));
  }
  return [{
    code: 'SCHEMA', file, field: fieldName(path) || '(scenario)',
    line: lineOf(doc, counter, [...base, ...path]),
    message: issue.message.replace(/^Invalid input: /, ''),
  }];
}

function resolveActionFile(scenarioFile: string, action: string): string {
  if ((BUILTIN_ACTIONS as readonly string[]).includes(action)) return resolve(SCENARIO_DIR, 'actions', `${action}.js`);
  return resolve(dirname(scenarioFile), action);
}

/** Validates one file's text; `file` is the absolute path, `display` how errors name it. */
export function parseScenarioFile(file: string, text: string, display = file): { scenarios: Scenario[]; errors: ScenarioError[] } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      scenarios: [],
      errors: doc.errors.map((e) => ({
        code: 'YAML_SYNTAX' as const, file: display, field: '', line: e.linePos?.[0]?.line ?? 1,
        message: e.message.split('\n')[0] ?? e.message, hint: 'fix the YAML syntax (indentation, quotes, brackets)',
      })),
    };
  }
  const data: unknown = doc.toJS();
  const entries: { value: unknown; base: PathKey[] }[] = Array.isArray(data)
    ? data.map((value, i) => ({ value, base: [i] }))
    : [{ value: data, base: [] }];
  const scenarios: Scenario[] = [];
  const errors: ScenarioError[] = [];
  for (const { value, base } of entries) {
    const parsed = scenarioSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push(...issueToErrors(display, doc, counter, base, issue));
      continue;
    }
    const actionFile = resolveActionFile(file, parsed.data.action);
    if (!existsSync(actionFile)) {
      errors.push({
        code: 'ACTION_NOT_FOUND', file: display, field: 'action', line: lineOf(doc, counter, [...base, 'action']),
        message: `no Action file at ${actionFile}`,
        hint: `use ${BUILTIN_ACTIONS.join(', ')} or a path relative to the scenario file`,
      });
      continue;
    }
    scenarios.push({ ...parsed.data, file: display, line: lineOf(doc, counter, base), actionFile });
  }
  return { scenarios, errors };
}

function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/**
 * Loads the scenarios selected by `selection`: a glob of YAML files, or (no `/` and no .yaml
 * suffix) a glob of scenario ids within the shipped scenarios. Undefined → every shipped scenario.
 */
export function loadScenarios(selection?: string, options: { cwd?: string } = {}): LoadResult {
  const cwd = options.cwd ?? process.cwd();
  const byId = selection !== undefined && !selection.includes('/') && !/\.ya?ml$/.test(selection);
  const fileGlob = selection === undefined || byId ? DEFAULT_SCENARIO_GLOB : selection;
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
        code: 'DUPLICATE_ID', file: s.file, line: s.line, field: 'id',
        message: `duplicate scenario id "${s.id}" (first defined at ${first.file}:${first.line})`, hint: 'give every scenario a unique id',
      });
    } else seen.set(s.id, s);
  }
  const idPattern = byId ? globToRegExp(selection) : undefined;
  const selected = idPattern ? scenarios.filter((s) => idPattern.test(s.id)) : scenarios;
  if (selected.length === 0 && errors.length === 0) {
    errors.push({
      code: 'NO_SCENARIOS', file: selection ?? DEFAULT_SCENARIO_GLOB, line: 0, field: '',
      message: byId ? 'no scenario id matches' : 'no scenario file matches',
      hint: 'check --scenarios: a glob of YAML files (scenarios/**/*.yaml) or of scenario ids (pattern-a-*)',
    });
  }
  return { scenarios: selected, errors, files };
}

/** loadScenarios, throwing a ScenarioLoadError listing every problem. */
export function loadScenariosOrThrow(selection?: string, options: { cwd?: string } = {}): Scenario[] {
  const result = loadScenarios(selection, options);
  if (result.errors.length > 0) throw new ScenarioLoadError(result.errors);
  return result.scenarios;
}
