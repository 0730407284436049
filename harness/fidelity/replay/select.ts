// Which recorded scenarios `flex-sso fidelity` replays, and their definitions today. A recorded
// scenario whose file or id is gone, or whose definition hash changed since the recording
// (recording/definition.ts), cannot be replayed as the same login: a usage error (exit 2) listing
// every such scenario, before anything is replayed.
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { usageError } from '../../cli/errors.ts';
import { globToRegExp } from '../../scenarios/glob.ts';
import { formatScenarioError, loadScenarios } from '../../scenarios/load.ts';
import type { Scenario } from '../../scenarios/schema.ts';
import { scenarioDefinitionHash } from '../recording/definition.ts';
import type { RecordedEntry } from './read.ts';

export interface Selected {
  entry: RecordedEntry;
  scenario: Scenario;
}

/** `--scenarios`: ids (no `/`, no .yaml) or YAML files, as `flex-sso run --scenarios` reads it. */
function isIdGlob(selection: string): boolean {
  return !selection.includes('/') && !/\.ya?ml$/.test(selection);
}

function load(selection: string, cwd: string): Scenario[] {
  const loaded = loadScenarios(selection, { cwd });
  const errors = loaded.errors.filter((e) => e.code !== 'NO_SCENARIOS');
  if (errors.length > 0) {
    throw usageError(
      'SCENARIO_INVALID',
      `invalid scenarios:\n${errors.map((e) => `  ${formatScenarioError(e)}${e.hint ? ` (fix: ${e.hint})` : ''}`).join('\n')}`,
      'fix the scenario files listed above',
    );
  }
  return loaded.scenarios;
}

export function selectRecorded(entries: readonly RecordedEntry[], selection: string | undefined, cwd: string): Selected[] {
  let chosen = [...entries];
  const definitions = new Map<string, Scenario>();
  if (selection !== undefined && !isIdGlob(selection)) {
    for (const s of load(selection, cwd)) definitions.set(s.id, s);
    chosen = chosen.filter((e) => definitions.has(e.record.scenario.id));
  } else {
    if (selection !== undefined) {
      const pattern = globToRegExp(selection);
      chosen = chosen.filter((e) => pattern.test(e.record.scenario.id));
    }
    const gone = new Map<string, string>();
    for (const file of new Set(chosen.map((e) => e.record.scenario.file))) {
      const path = isAbsolute(file) ? file : resolve(cwd, file);
      if (existsSync(path)) for (const s of load(path, cwd)) definitions.set(s.id, s);
      for (const e of chosen.filter((c) => c.record.scenario.file === file && !definitions.has(c.record.scenario.id))) {
        gone.set(e.record.scenario.id, existsSync(path) ? `no longer in ${file}` : `its file ${file} no longer exists`);
      }
    }
    if (gone.size > 0) {
      throw usageError(
        'SCENARIO_GONE',
        `recorded scenario(s) that no longer exist:\n${[...gone].map(([id, why]) => `  ${id} (${why})`).join('\n')}`,
        'run flex-sso fidelity from the directory the recording was made in, pass --scenarios with the files that define them now, or record again',
      );
    }
  }
  if (chosen.length === 0) {
    throw usageError(
      'NO_SCENARIO_SELECTED',
      `--scenarios ${selection ?? ''}: selects none of the ${entries.length} recorded scenario(s) (${entries
        .slice(0, 5)
        .map((e) => e.record.scenario.id)
        .join(', ')}${entries.length > 5 ? ', …' : ''})`,
      'pass a glob of recorded scenario ids, or the YAML files that define them',
    );
  }
  const changed = chosen.filter((e) => scenarioDefinitionHash(definitions.get(e.record.scenario.id) as Scenario) !== e.record.scenario.definitionHash);
  if (changed.length > 0) {
    throw usageError(
      'SCENARIO_CHANGED',
      `scenario(s) changed since they were recorded (user, Action code or dependencies, flow, profile or addon): ${changed.map((e) => e.record.scenario.id).join(', ')}`,
      'record them again (`flex-sso run --mode staging|intercept --record DIR`): a replay of a changed scenario is not the login the tenant answered',
    );
  }
  return chosen.map((entry) => ({ entry, scenario: definitions.get(entry.record.scenario.id) as Scenario }));
}
