import type { ChildProcess } from 'node:child_process';

/** @playwright/test's package.json: its cli.js, and what that loads, resolve from there. */
export const PLAYWRIGHT_PACKAGE: string;
/** The `playwright` command line's script. */
export const PLAYWRIGHT_CLI: string;

/** Starts Playwright's runner, waiting for its arguments (once per process; a no-op when it cannot start). */
export function prestartPlaywright(): void;

/**
 * Hands `args` (Playwright's command line, after `playwright`) and `env` to the prestarted runner
 * and returns it, or undefined when none is waiting (not started, already claimed, or ended).
 */
export function claimPrestartedPlaywright(args: readonly string[], env: Record<string, string | undefined>): ChildProcess | undefined;
