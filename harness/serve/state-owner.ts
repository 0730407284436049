// One owner per emulator state file. The emulator keeps its tenant in memory and writes the whole
// state when it stops, so two processes on one file would each overwrite the other's users: merging
// on save cannot tell a deleted user from one the other process added, nor which password hash or
// login count is newer. Instead the process serving a state writes `<state>.serve.json` (its pid,
// URLs and a control channel); `login` finds it and logs in through that process, which stays the
// only writer, and a second `serve` on the same state is refused. A file left by a dead process is
// taken over.
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { usageError } from '../cli/errors.ts';

export interface StateOwner {
  version: 1;
  pid: number;
  startedAt: string;
  /** `serve` target: `login` can only use an owner that serves both. */
  target: 'idp' | 'all';
  idp: { url: string; samlUrl: string };
  sp?: { url: string; dashboardUrl: string };
  /** The control channel `login` prepares its user through (harness/serve/control.ts). */
  control?: { url: string; token: string };
}

export function ownerFileOf(statePath: string): string {
  return `${resolve(statePath)}.serve.json`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live owner of `statePath`, or undefined (no file, an unreadable one, or a dead process's). */
export function readLiveOwner(statePath: string): StateOwner | undefined {
  let owner: StateOwner;
  try {
    owner = JSON.parse(readFileSync(ownerFileOf(statePath), 'utf8')) as StateOwner;
  } catch {
    return undefined;
  }
  if (owner?.version !== 1 || !Number.isInteger(owner.pid) || owner.pid === process.pid || !alive(owner.pid)) return undefined;
  return owner;
}

export function newControlToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Claims `statePath` for this process; throws STATE_IN_USE when a live process serves it. */
export function claimState(statePath: string, owner: Omit<StateOwner, 'version' | 'pid' | 'startedAt'>): { release(): void } {
  const current = readLiveOwner(statePath);
  if (current) {
    throw usageError(
      'STATE_IN_USE',
      `${statePath} is served by another \`flex-sso serve\` (pid ${current.pid}, ${current.sp?.dashboardUrl ?? current.idp.url}); two emulators on one state would overwrite each other's users.`,
      `use that one (\`flex-sso login --user …\` finds it), stop it, or pass --state with another file`,
    );
  }
  const file = ownerFileOf(statePath);
  mkdirSync(dirname(file), { recursive: true });
  const record: StateOwner = { version: 1, pid: process.pid, startedAt: new Date().toISOString(), ...owner };
  // A dead process's file goes; then `wx`: of two processes starting at once, one gets the state.
  rmSync(file, { force: true });
  try {
    // 0600: the control token lets a process prepare logins in this emulator.
    writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw usageError(
      'STATE_IN_USE',
      `${statePath} was claimed by another process starting at the same moment.`,
      'use that one, or pass --state with another file',
    );
  }
  return {
    release() {
      try {
        const onDisk = JSON.parse(readFileSync(file, 'utf8')) as StateOwner;
        if (onDisk.pid === process.pid) rmSync(file, { force: true });
      } catch {
        // already gone
      }
    },
  };
}
