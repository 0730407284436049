// A throwaway project directory per test (created before, removed after) and a minimal valid scenario,
// for the tests of which scenario files a command picks when --scenarios names none.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/** One Pattern B scenario whose user logs in as an agent. */
export const scenarioYaml = (id: string): string => `- id: ${id}
  title: ${id}
  action: pattern-b
  user: { email: ${id}@flex-sso.test, app_metadata: { flex: { roles: [agent] } } }
  expect: { outcome: login }
`;

export interface TempProject {
  /** The current test's directory. */
  readonly dir: string;
  /** Writes `text` at `path` inside it (parent folders created); returns the full path. */
  write(path: string, text: string): string;
}

/** Registers beforeEach/afterEach hooks that give every test of the file a fresh directory. */
export function useTempProject(prefix: string): TempProject {
  let current = '';
  beforeEach(() => {
    current = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => rmSync(current, { recursive: true, force: true }));
  return {
    get dir() {
      return current;
    },
    write(path, text) {
      const full = join(current, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, text);
      return full;
    },
  };
}
