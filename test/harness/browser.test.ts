import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findChromium, isHeadlessShell } from '../../harness/browser.ts';

let dirA: string;
let dirB: string;

function binary(dir: string, name: string, executable = true): string {
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, executable ? 0o755 : 0o644);
  return path;
}

beforeEach(() => {
  dirA = mkdtempSync(join(tmpdir(), 'flex-sso-browser-a-'));
  dirB = mkdtempSync(join(tmpdir(), 'flex-sso-browser-b-'));
});
afterEach(() => {
  rmSync(dirA, { recursive: true, force: true });
  rmSync(dirB, { recursive: true, force: true });
});

describe('findChromium', () => {
  it('prefers the headless shell for headless runs, wherever it is on PATH', () => {
    binary(dirA, 'chromium');
    const shell = binary(dirB, 'chromium-headless-shell');
    expect(findChromium({ PATH: [dirA, dirB].join(delimiter) })).toBe(shell);
  });

  it('never picks the headless shell for a headed run', () => {
    const full = binary(dirB, 'chromium');
    binary(dirA, 'chromium-headless-shell');
    expect(findChromium({ PATH: [dirA, dirB].join(delimiter) }, { headless: false })).toBe(full);
    expect(findChromium({ PATH: dirA }, { headless: false })).toBeUndefined();
  });

  it('falls back to the full browser, and skips files that are not executable', () => {
    binary(dirA, 'chromium-headless-shell', false);
    const full = binary(dirB, 'google-chrome');
    expect(findChromium({ PATH: [dirA, dirB].join(delimiter) })).toBe(full);
  });

  it('uses CHROMIUM_PATH when it is executable and finds nothing when it is not', () => {
    binary(dirA, 'chromium-headless-shell');
    const mine = binary(dirB, 'my-chrome');
    expect(findChromium({ PATH: dirA, CHROMIUM_PATH: mine })).toBe(mine);
    expect(findChromium({ PATH: dirA, CHROMIUM_PATH: join(dirB, 'missing') })).toBeUndefined();
  });

  it('finds nothing on an empty PATH', () => {
    expect(findChromium({ PATH: '' })).toBeUndefined();
    expect(findChromium({})).toBeUndefined();
  });
});

describe('isHeadlessShell', () => {
  it('tells the headless shell from a full browser by its file name', () => {
    expect(isHeadlessShell('/usr/bin/chromium-headless-shell')).toBe(true);
    expect(isHeadlessShell('/usr/bin/chromium')).toBe(false);
    expect(isHeadlessShell('/opt/pw/chrome-headless-shell')).toBe(true);
    expect(isHeadlessShell('/opt/chromium-headless-shell/chrome')).toBe(false);
  });
});
