// The keys a zod object schema allows at a path, for "did you mean" on an unknown field. Walks
// objects, arrays and the wrappers (optional, default, nullable, pipe/transform…); a union or a
// record has no single list, so it gives none.
import type { z } from 'zod';

interface Def {
  type: string;
  shape?: Record<string, unknown>;
  innerType?: unknown;
  in?: unknown;
  element?: unknown;
}

const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional']);

function defOf(schema: unknown): Def | undefined {
  return (schema as { _zod?: { def?: Def } } | undefined)?._zod?.def;
}

function unwrap(schema: unknown): unknown {
  let current = schema;
  for (let i = 0; i < 20; i++) {
    const def = defOf(current);
    if (def === undefined) return current;
    if (WRAPPERS.has(def.type)) current = def.innerType;
    else if (def.type === 'pipe') current = def.in;
    else return current;
  }
  return current;
}

export function knownKeysAt(schema: z.ZodType, path: readonly (string | number)[]): string[] {
  let current: unknown = unwrap(schema);
  for (const key of path) {
    const def = defOf(current);
    if (def?.type === 'object' && typeof key === 'string' && def.shape && Object.hasOwn(def.shape, key)) current = unwrap(def.shape[key]);
    else if (def?.type === 'array' && typeof key === 'number') current = unwrap(def.element);
    else return [];
  }
  const def = defOf(current);
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}
