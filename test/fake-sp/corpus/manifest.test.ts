// The corpus copied into test/fixtures/corpus is complete and accounted for: every file INDEX.json
// lists is present with its sha256, MANIFEST.md has exactly one row per INDEX file (source,
// licence, meaning), and nothing else sits in the folder but provenance and licence texts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusPath, loadIndex, readVerified } from './corpus-files.ts';

const root = corpusPath('.');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [relative(root, path)];
  });
}

describe('test/fixtures/corpus', () => {
  const index = loadIndex();

  it('holds every INDEX.json file, byte for byte', () => {
    for (const entry of index) expect(() => readVerified(entry.path)).not.toThrow();
  });

  it('MANIFEST.md lists each INDEX.json file once, with its source repository and a licence', () => {
    const rows = readFileSync(corpusPath('MANIFEST.md'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('| `'));
    const listed = rows.map((row) => /^\| `([^`]+)`/.exec(row)?.[1]);
    expect([...listed].sort()).toEqual(index.map((entry) => entry.path).sort());
    for (const [i, row] of rows.entries()) {
      const entry = index.find((e) => e.path === listed[i]);
      expect(row, `${listed[i]}: source`).toContain(`\`${entry?.repo}\``);
      const cells = row.split(' | ');
      expect(cells[2]?.trim(), `${listed[i]}: licence`).not.toBe('');
      expect(cells[3]?.replace(/\|$/, '').trim(), `${listed[i]}: what it shows`).not.toBe('');
    }
  });

  it('has no file that is neither indexed nor a provenance or licence text', () => {
    const indexed = new Set(index.map((entry) => entry.path));
    const stray = filesUnder(root).filter(
      (path) => !indexed.has(path) && !['INDEX.json', 'MANIFEST.md'].includes(path) && !/(^|\/)(PROVENANCE\.md|SOURCE-LICENSE-[^/]+\.txt)$/.test(path),
    );
    expect(stray).toEqual([]);
  });
});
