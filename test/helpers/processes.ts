// Finds the processes a test started, through an environment variable they all inherit.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

/** A fresh `NAME=value` pair to put in a child's environment. */
export function processTag(): { env: Record<string, string>; tag: string } {
  const value = randomUUID();
  return { env: { FLEX_SSO_TEST_TAG: value }, tag: `FLEX_SSO_TEST_TAG=${value}` };
}

/** Live processes whose environment holds `tag`, with their command lines. */
export function processesTagged(tag: string): { pid: number; cmdline: string }[] {
  const found: { pid: number; cmdline: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/environ`, 'latin1').includes(tag)) continue;
      found.push({ pid: Number(entry), cmdline: readFileSync(`/proc/${entry}/cmdline`, 'latin1').replace(/\0/g, ' ').trim() });
    } catch {
      // ended meanwhile, or not ours to read
    }
  }
  return found;
}

/** Waits up to `withinMs` for every tagged process to end; returns those still running. */
export async function tagged(tag: string, withinMs: number): Promise<string[]> {
  const deadline = Date.now() + withinMs;
  let left = processesTagged(tag);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    left = processesTagged(tag);
  }
  return left.map((p) => p.cmdline);
}
