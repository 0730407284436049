// Playwright Test installs source-map-support in its processes, and captures a 50-frame stack for
// every step it records: each fixture's set-up and teardown, each API call, each attachment. That
// support copies and wraps every frame, also the dozens from Playwright's own bundles and Node's
// internals, which have no source map Playwright registered: a large share of the worker's time per
// scenario (BENCHMARKS.md, from a CPU profile of the matrix). Only the project's own files are
// transpiled by Playwright, so only their frames need mapping; the others are formatted as V8 does.
import { createRequire } from 'node:module';

/** source-map-support's state between frames: a frame's name can come from its caller's mapped position. */
export interface MapState {
  nextPosition: { name?: string | null } | null;
  curPosition: { name?: string | null } | null;
}
export type WrapCallSite = (frame: NodeJS.CallSite, state: MapState) => NodeJS.CallSite;
type PrepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) => string;

const INSTALLED = Symbol.for('flex-sso.projectFramesOnly');

/** True when a frame's file may carry a source map of Playwright's: anything but node_modules and Node's internals. */
export function isProjectFrame(file: string | null | undefined): boolean {
  return typeof file === 'string' && file !== '' && !file.startsWith('node:') && !file.includes('/node_modules/');
}

/**
 * The stack as source-map-support formats it, with `wrap` (its wrapCallSite) applied to project
 * frames only, and to a frame whose caller's mapped position names it (as the support would).
 */
export function formatStack(error: Error, frames: readonly NodeJS.CallSite[], wrap: WrapCallSite): string {
  const state: MapState = { nextPosition: null, curPosition: null };
  const lines: string[] = [];
  for (let i = frames.length - 1; i >= 0; i -= 1) {
    const frame = frames[i] as NodeJS.CallSite;
    if (isProjectFrame(frame.getFileName()) || state.nextPosition?.name) {
      lines.push(`\n    at ${String(wrap(frame, state))}`);
    } else {
      state.curPosition = null;
      lines.push(`\n    at ${String(frame)}`);
    }
    state.nextPosition = state.curPosition;
  }
  return `${error.name || 'Error'}: ${error.message || ''}${lines.reverse().join('')}`;
}

function playwrightWrapCallSite(): WrapCallSite | null {
  try {
    const bundle = createRequire(import.meta.url)('playwright-core/lib/utilsBundle') as { sourceMapSupport?: { wrapCallSite?: unknown } };
    const wrap = bundle.sourceMapSupport?.wrapCallSite;
    return typeof wrap === 'function' ? (wrap as WrapCallSite) : null;
  } catch {
    return null;
  }
}

/**
 * In a Playwright Test process whose Error.prepareStackTrace is source-map-support's, maps project
 * frames only (above). Changes nothing and returns false anywhere else (another formatter, or a
 * Playwright without the support), so a stack is never formatted worse than before.
 */
export function mapProjectFramesOnly(wrap: WrapCallSite | null = playwrightWrapCallSite()): boolean {
  const current = Error.prepareStackTrace as (PrepareStackTrace & { [INSTALLED]?: true }) | undefined;
  if (current?.[INSTALLED]) return true;
  if (!wrap || typeof current !== 'function' || current.name !== 'prepareStackTrace') return false;
  const prepare = Object.assign((error: Error, frames: NodeJS.CallSite[]) => formatStack(error, frames, wrap), { [INSTALLED]: true as const });
  Error.prepareStackTrace = prepare;
  return true;
}
