import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { chromium } from 'playwright';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumMissing, findChromium, isHeadlessShell } from '../../harness/browser.ts';

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

  it('takes no directory for a browser, even one named like it', () => {
    mkdirSync(join(dirA, 'chromium'));
    expect(findChromium({ PATH: dirA })).toBeUndefined();
    expect(findChromium({ PATH: dirA, CHROMIUM_PATH: join(dirA, 'chromium') })).toBeUndefined();
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

describe('chromiumArgs', () => {
  it('keeps every feature Playwright disables when it adds its own --disable-features (Chromium takes the last one)', () => {
    // Playwright's list lives in its bundle only; reading it there makes an upgrade that adds a feature fail here.
    const bundle = readFileSync(join(dirname(createRequire(import.meta.url).resolve('playwright-core/package.json')), 'lib', 'coreBundle.js'), 'utf8');
    const block = /disabledFeatures = \[([\s\S]*?)\]\.filter\(Boolean\)/.exec(bundle);
    expect(block, "Playwright's disabledFeatures list was not found in playwright-core/lib/coreBundle.js: re-check harness/browser.ts").not.toBeNull();
    const playwrights = [...(block?.[1] ?? '').matchAll(/^\s*"([A-Za-z0-9]+)"/gm)].map((m) => m[1] ?? '');
    expect(playwrights.length).toBeGreaterThan(5);
    const flags = chromiumArgs().filter((a) => a.startsWith('--disable-features='));
    expect(flags).toHaveLength(1);
    const ours = (flags[0] ?? '').slice('--disable-features='.length).split(',');
    expect(ours.filter((f) => !playwrights.includes(f))).toEqual(['RenderDocument']);
    expect(playwrights.filter((f) => !ours.includes(f))).toEqual([]);
  });

  it('lets Playwright click: animation frames still come (no --disable-threaded-compositing)', async () => {
    const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs() });
    try {
      const page = await browser.newPage();
      await page.setContent('<button onclick="document.title = \'clicked\'">Continue</button>');
      await page.click('button', { timeout: 5_000 });
      expect(await page.title()).toBe('clicked');
    } finally {
      await browser.close();
    }
  }, 30_000);
});

describe('chromiumMissing', () => {
  it('names a CHROMIUM_PATH that cannot be run, and why', () => {
    const file = binary(dirA, 'chrome', false);
    mkdirSync(join(dirA, 'folder'));
    expect(chromiumMissing({ CHROMIUM_PATH: join(dirA, 'nope') }).message).toBe(`CHROMIUM_PATH is ${join(dirA, 'nope')}, which does not exist.`);
    expect(chromiumMissing({ CHROMIUM_PATH: join(dirA, 'folder') }).message).toBe(`CHROMIUM_PATH is ${join(dirA, 'folder')}, which is a directory.`);
    expect(chromiumMissing({ CHROMIUM_PATH: file }).message).toBe(`CHROMIUM_PATH is ${file}, which is not executable.`);
    expect(chromiumMissing({ CHROMIUM_PATH: file }).hint).toMatch(/^Point CHROMIUM_PATH at a Chromium or Chrome binary .*or unset it/);
  });

  it('lists the names it looked for on PATH, full browsers only for a headed run', () => {
    const headless = chromiumMissing({ PATH: dirA });
    expect(headless.message).toBe(
      'No Chromium on PATH: looked for chromium-headless-shell, chrome-headless-shell, chromium, chromium-browser, google-chrome-stable, google-chrome.',
    );
    expect(headless.hint).toMatch(/npm run setup.*apt-get install -y chromium-headless-shell chromium.*CHROMIUM_PATH/);
    expect(chromiumMissing({ PATH: dirA }, { headless: false }).message).toMatch(
      /^No full Chromium .* on PATH: looked for chromium, chromium-browser, google-chrome-stable, google-chrome\.$/,
    );
  });
});
