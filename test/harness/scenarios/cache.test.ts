import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readScenarioCache, writeScenarioCache } from '../../../harness/scenarios/cache.ts';
import { loadScenariosOrThrow } from '../../../harness/scenarios/load.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flex-sso-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('scenario cache (flex-sso run → Playwright processes)', () => {
  it('gives back exactly the scenarios the loader produced, for the same selection', () => {
    const scenarios = loadScenariosOrThrow('pattern-a-*');
    const path = join(dir, 'scenarios.json');
    writeScenarioCache(path, 'pattern-a-*', scenarios);
    expect(readScenarioCache(path, 'pattern-a-*')).toEqual(scenarios);
    const all = loadScenariosOrThrow(undefined);
    writeScenarioCache(path, undefined, all);
    expect(readScenarioCache(path, undefined)).toEqual(all);
  });

  it('is ignored for another selection, a missing, partial or foreign file, or no path', () => {
    const path = join(dir, 'scenarios.json');
    writeScenarioCache(path, 'pattern-a-*', loadScenariosOrThrow('pattern-a-*'));
    expect(readScenarioCache(path, 'pattern-b-*')).toBeUndefined();
    expect(readScenarioCache(path, undefined)).toBeUndefined();
    expect(readScenarioCache(join(dir, 'missing.json'), 'pattern-a-*')).toBeUndefined();
    expect(readScenarioCache(undefined, 'pattern-a-*')).toBeUndefined();
    writeFileSync(path, '{"version":1,"selection":"pattern-a-*","scenarios":[{"id"');
    expect(readScenarioCache(path, 'pattern-a-*')).toBeUndefined();
    writeFileSync(path, JSON.stringify({ version: 2, selection: 'pattern-a-*', scenarios: [] }));
    expect(readScenarioCache(path, 'pattern-a-*')).toBeUndefined();
  });
});
