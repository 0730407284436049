// Parses YAML and validates it with a zod schema; every problem names the file, the line and the field.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { didYouMean } from '../../flex/did-you-mean.ts';
import { knownKeysAt } from './known-keys.ts';

export interface YamlIssue {
  code: 'YAML_SYNTAX' | 'SCHEMA';
  file: string;
  line: number;
  field: string;
  message: string;
  hint?: string;
}

export type PathKey = string | number;

export function formatYamlIssue(issue: Pick<YamlIssue, 'file' | 'line' | 'field' | 'message'>): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}` : issue.file;
  return `${where}: ${issue.field ? `${issue.field}: ` : ''}${issue.message}`;
}

/** The node at `path`, or the deepest ancestor that exists (a missing field points at its parent). */
function nodeAt(doc: Document, path: readonly PathKey[], keyOnly: boolean): YamlNode | undefined {
  let node: unknown = doc.contents;
  let found = node as YamlNode | undefined;
  for (const [i, key] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (!pair) break;
      found = (keyOnly && i === path.length - 1 ? pair.key : (pair.value ?? pair.key)) as YamlNode;
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

export class LocatedYaml {
  readonly counter = new LineCounter();
  readonly doc: Document;

  constructor(
    readonly text: string,
    readonly file: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.counter, prettyErrors: false, uniqueKeys: true });
  }

  lineOf(path: readonly PathKey[], keyOnly = false): number {
    const offset = nodeAt(this.doc, path, keyOnly)?.range?.[0];
    return offset === undefined ? 1 : this.counter.linePos(offset).line;
  }

  syntaxIssues(): YamlIssue[] {
    const issues: YamlIssue[] = this.doc.errors.map((e) => ({
      code: 'YAML_SYNTAX' as const,
      file: this.file,
      field: '',
      line: e.linePos?.[0]?.line ?? 1,
      message: e.message.split('\n')[0] ?? e.message,
      hint: 'fix the YAML syntax (indentation, quotes, brackets)',
    }));
    if (issues.length > 0) return issues;
    // Converting can still fail: the yaml library refuses alias expansion bombs ("billion laughs").
    const converted = this.converted();
    return 'error' in converted
      ? [
          {
            code: 'YAML_SYNTAX',
            file: this.file,
            field: '',
            line: 1,
            message: converted.error,
            hint: 'remove the anchors/aliases that expand exponentially; write the values out',
          },
        ]
      : [];
  }

  toJS(): unknown {
    const converted = this.converted();
    if ('error' in converted) throw new Error(`${this.file}: ${converted.error}`);
    return converted.value;
  }

  private conversion: { value: unknown } | { error: string } | undefined;
  private converted(): { value: unknown } | { error: string } {
    if (!this.conversion) {
      try {
        this.conversion = { value: this.doc.toJS() };
      } catch (error) {
        this.conversion = { error: error instanceof Error ? error.message : String(error) };
      }
    }
    return this.conversion;
  }

  /** zod issues of the value found at `base` → located issues; with `schema`, an unknown field names the closest known one. */
  schemaIssues(issues: readonly z.core.$ZodIssue[], base: readonly PathKey[] = [], schema?: z.ZodType): YamlIssue[] {
    return issues.flatMap((issue) => {
      const path = issue.path.filter((k): k is PathKey => typeof k !== 'symbol');
      if (issue.code === 'unrecognized_keys') {
        const known = schema ? knownKeysAt(schema, path) : [];
        return issue.keys.map((key) => {
          const near = didYouMean(key, known, 2);
          return {
            code: 'SCHEMA' as const,
            file: this.file,
            field: fieldName([...path, key]),
            line: this.lineOf([...base, ...path, key], true),
            message: near === undefined ? 'unknown field' : `unknown field — did you mean "${near}"?`,
            hint:
              near === undefined ? `remove it or check its spelling${known.length > 0 ? ` (known here: ${known.join(', ')})` : ''}` : `rename it to ${near}`,
          };
        });
      }
      return [
        {
          code: 'SCHEMA' as const,
          file: this.file,
          field: fieldName(path) || '(top level)',
          line: this.lineOf([...base, ...path]),
          message: issue.message.replace(/^Invalid input: /, ''),
        },
      ];
    });
  }
}

export function fieldName(path: readonly PathKey[]): string {
  return path
    .map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`))
    .join('')
    .replace(/^\./, '');
}

/** Parses and validates a whole YAML document against `schema`. */
export function parseValidatedYaml<S extends z.ZodType>(text: string, file: string, schema: S): { value?: z.infer<S>; issues: YamlIssue[] } {
  const located = new LocatedYaml(text, file);
  const syntax = located.syntaxIssues();
  if (syntax.length > 0) return { issues: syntax };
  const parsed = schema.safeParse(located.toJS() ?? {});
  if (!parsed.success) return { issues: located.schemaIssues(parsed.error.issues, [], schema) };
  return { value: parsed.data, issues: [] };
}
