// The scenarios `flex-sso run` has just loaded and validated, handed to Playwright's processes as a
// JSON file: the runner (listing the tests) and each worker then skip YAML parsing and the schema
// library, a few hundred milliseconds of each one's start. A missing, partial or foreign file reads
// as "no cache": the spec then loads the YAML itself, with the same result.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Scenario } from './schema.ts';

export const SCENARIO_CACHE_ENV = 'FLEX_SSO_SCENARIO_CACHE';
const VERSION = 1;

interface CacheFile {
  version: number;
  selection: string | null;
  scenarios: Scenario[];
}

/** Writes atomically (rename), so a reader sees the whole file or none. */
export function writeScenarioCache(path: string, selection: string | undefined, scenarios: Scenario[]): void {
  const file: CacheFile = { version: VERSION, selection: selection ?? null, scenarios };
  writeFileSync(`${path}.tmp`, JSON.stringify(file));
  renameSync(`${path}.tmp`, path);
}

/** The cached scenarios for `selection` (the FLEX_SSO_SCENARIOS value), or undefined. */
export function readScenarioCache(path: string | undefined, selection: string | undefined): Scenario[] | undefined {
  if (!path) return undefined;
  try {
    const file = JSON.parse(readFileSync(path, 'utf8')) as Partial<CacheFile>;
    if (file.version !== VERSION || file.selection !== (selection ?? null) || !Array.isArray(file.scenarios)) return undefined;
    return file.scenarios;
  } catch {
    return undefined;
  }
}
