// In Playwright's worker the stack formatter maps this project's frames only
// (harness/run/stack-frames.ts): a stack still points at the TypeScript source line.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { mapProjectFramesOnly } from '../../harness/run/stack-frames.ts';

// Type-only code that the transform removes, so that transpiled and source lines differ below it.
interface Shifted {
  a: string;
  b: number;
}
type AlsoShifted = Pick<Shifted, 'a'> | Pick<Shifted, 'b'>;

function stackHere(): string {
  return new Error('here').stack ?? ''; // the source line the stack must name
}

test('stacks name TypeScript source lines, and node_modules frames as they are', () => {
  expect(mapProjectFramesOnly()).toBe(true);
  const source = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
  const line = source.findIndex((l) => l.includes('// the source line the stack must name')) + 1;
  const stack = stackHere();
  expect(stack.split('\n')[0]).toBe('Error: here');
  expect(stack).toContain(`stack-frames.spec.ts:${line}:`);
  expect(stack).toMatch(/node_modules\/playwright\/lib\/[^\n]+\.js:\d+:\d+/);
  const unused: AlsoShifted = { a: 'x' };
  expect(unused.a).toBe('x');
});
