// Minimal glob matching (`**`, `*`, `?`, `{a,b}`) and directory walking for scenario selection.
// Node 20's path.matchesGlob is experimental and warns on every run, so the harness has its own.
import { readdirSync } from 'node:fs';
import { isAbsolute, join, resolve, sep } from 'node:path';

const SPECIAL = /[*?{[]/;

/** A RegExp matching whole `/`-separated paths against the glob. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  let inBraces = false;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more directories; a trailing `**` matches everything below.
        if (glob[i + 2] === '/') {
          out += '(?:.*/)?';
          i += 2;
        } else {
          out += '.*';
          i += 1;
        }
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      out += '(?:';
      inBraces = true;
    } else if (c === '}' && inBraces) {
      out += ')';
      inBraces = false;
    } else if (c === ',' && inBraces) out += '|';
    else out += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

export function hasGlobChars(text: string): boolean {
  return SPECIAL.test(text);
}

function toSlashes(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function walk(dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile()) out.push(full);
  }
}

/** Absolute paths of the files matching `glob` (relative globs resolve against `cwd`), sorted. */
export function expandGlob(glob: string, cwd: string): string[] {
  const absolute = toSlashes(isAbsolute(glob) ? glob : resolve(cwd, glob));
  if (!hasGlobChars(absolute)) return [absolute];
  const segments = absolute.split('/');
  const firstWild = segments.findIndex((s) => hasGlobChars(s));
  const base = segments.slice(0, firstWild).join('/') || '/';
  const pattern = globToRegExp(absolute);
  const files: string[] = [];
  walk(base, files);
  return files.filter((f) => pattern.test(toSlashes(f))).sort();
}
