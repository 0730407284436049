// The check-code catalogue (fake-sp/pipeline/codes.ts) and docs/check-codes.md generated from it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCheckCodes } from '../../../fake-sp/pipeline/codes-doc.ts';
import { CHECK_CODES, isCheckCode } from '../../../fake-sp/pipeline/codes.ts';
import { CHECK_IDS } from '../../../fake-sp/pipeline/types.ts';

const ROOT = join(import.meta.dirname, '../../..');

describe('check-code catalogue', () => {
  it('docs/check-codes.md is what `npm run docs:codes` writes (run it after changing codes.ts)', () => {
    expect(readFileSync(join(ROOT, 'docs/check-codes.md'), 'utf8')).toBe(renderCheckCodes());
  });

  it('names real checks and gives every code a hint', () => {
    for (const [code, entry] of Object.entries(CHECK_CODES)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      if (entry.checks !== 'any') for (const check of entry.checks) expect(CHECK_IDS).toContain(check);
      expect(entry.hint.length, code).toBeGreaterThan(20);
    }
  });

  it('holds every code the fixtures and the corpus manifest expect', () => {
    const dir = join(ROOT, 'test/fixtures/responses');
    const files = [
      ...readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => join(dir, f)),
      join(ROOT, 'test/fixtures/corpus-manifest.json'),
    ];
    const expected = new Set(files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/"([A-Z]+(?:_[A-Z0-9]+)+)"/g)].map((m) => m[1] as string)));
    expect(expected.size).toBeGreaterThan(10);
    expect([...expected].filter((code) => !isCheckCode(code))).toEqual([]);
  });

  it('tells a catalogue code from an unknown one', () => {
    expect(isCheckCode('SIG_UNSIGNED')).toBe(true);
    expect(isCheckCode('toString')).toBe(false);
    expect(isCheckCode('FLEX_MISSING_ROLES')).toBe(false);
  });
});
