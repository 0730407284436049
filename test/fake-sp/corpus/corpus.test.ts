// Every response in test/fixtures/corpus through the real pipeline, at its frozen clock, with the
// certificate its source trusts. SP policies live in test/fixtures/corpus-manifest.json, one entry
// per response file, each with the reason from the folder's PROVENANCE.md.
import { describe, expect, it } from 'vitest';
import { validateResponse } from '../../../fake-sp/pipeline/validate.ts';
import { CHECK_IDS, type CheckResult, type Verdict } from '../../../fake-sp/pipeline/types.ts';
import { expectationsFor, loadIndex, loadManifest, readVerified, samlResponseOf, xmlOf, type ManifestEntry } from './corpus-files.ts';

const manifest = loadManifest();
const index = loadIndex();

function run(entry: ManifestEntry): Verdict {
  return validateResponse(samlResponseOf(readVerified(entry.path)), expectationsFor(entry), new Date(entry.now));
}

function summary(verdict: Verdict): string {
  return verdict.checks.map((c) => `${c.id}:${c.status}${c.code ? `(${c.code})` : ''}`).join(' ');
}

function firstFailure(checks: CheckResult[]): CheckResult | undefined {
  return checks.find((check) => check.status === 'failed');
}

describe('corpus manifest', () => {
  it('classifies every file of INDEX.json exactly once (a new corpus file cannot be ignored)', () => {
    const listed = [...manifest.entries.map((e) => e.path), ...manifest.supportFiles].sort();
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed).toEqual(index.map((e) => e.path).sort());
  });

  it('reads only byte-exact corpus files (sha256 and size as INDEX.json records them)', () => {
    for (const path of [...manifest.entries.map((e) => e.path), ...manifest.supportFiles]) expect(() => readVerified(path), path).not.toThrow();
  });

  it('names a certificate file, a parsable clock and a reason for every entry', () => {
    for (const entry of manifest.entries) {
      expect(
        index.some((e) => e.path === entry.cert),
        entry.path,
      ).toBe(true);
      expect(Number.isNaN(Date.parse(entry.now)), entry.path).toBe(false);
      expect(entry.why.length, entry.path).toBeGreaterThan(10);
      if (!entry.expect.valid) expect(CHECK_IDS).toContain(entry.expect.failedBy);
    }
  });

  it('expects every attack sample to be rejected by a security check, or (comment injection) read whole', () => {
    const attacks = manifest.entries.filter((e) => e.kind === 'attack');
    expect(attacks.length).toBeGreaterThan(100);
    for (const entry of attacks) {
      expect(entry.expect.valid, entry.path).toBe(false);
      if (entry.expect.valid) continue;
      if (entry.expect.loginValid) expect(entry.expect.nameId, `${entry.path} must pin the whole NameID`).toBeDefined();
      else expect(entry.expect.failedBy, entry.path).not.toBe('flex');
    }
  });

  it('expects logout responses and WS-Fed tokens to be refused at parse, as what they are', () => {
    const notLogins = manifest.entries.filter((e) => e.kind === 'logout-response' || e.kind === 'wsfed');
    expect(notLogins.length).toBe(3);
    for (const entry of notLogins) expect(entry.expect).toMatchObject({ valid: false, failedBy: 'parse' });
  });
});

describe.each(manifest.entries.map((entry) => [entry.path, entry] as const))('%s', (_path, entry) => {
  it(entry.expect.valid ? 'is accepted' : `is rejected by ${entry.expect.failedBy}${entry.expect.code ? ` (${entry.expect.code})` : ''}`, () => {
    const verdict = run(entry);
    const context = `${entry.why}\n${summary(verdict)}`;
    expect(verdict.checks.map((c) => c.id)).toEqual([...CHECK_IDS]);
    if (entry.expect.valid) {
      expect(firstFailure(verdict.checks), context).toBeUndefined();
      expect(verdict.valid, context).toBe(true);
    } else {
      expect(verdict.valid, context).toBe(false);
      const first = firstFailure(verdict.checks);
      expect(first?.id, context).toBe(entry.expect.failedBy);
      if (entry.expect.code) expect(first?.code, context).toBe(entry.expect.code);
      for (const id of entry.expect.alsoFailedBy ?? []) {
        expect(verdict.checks.find((c) => c.id === id)?.status, `${id} must also fail\n${context}`).toBe('failed');
      }
      // Everything before the failing check passed or was skipped only for want of an expectation.
      for (const check of verdict.checks.slice(0, CHECK_IDS.indexOf(entry.expect.failedBy))) {
        expect(check.status === 'ok' || (check.status === 'skipped' && /_NOT_CONFIGURED$/.test(check.code ?? '')), `${check.id}\n${context}`).toBe(true);
      }
    }
    if (entry.expect.attributes) expect(verdict.attributes).toEqual(entry.expect.attributes);
    if (entry.expect.nameId) expect(verdict.facts.nameId).toBe(entry.expect.nameId);
  });
});

describe('comment injection derived from real/google-crewjam (crewjam TestSPRejectsInjectedComment)', () => {
  const entry = manifest.entries.find((e) => e.path === 'real/google-crewjam/TestSPRejectsInjectedComment_response');
  if (!entry) throw new Error('google-crewjam entry missing from the manifest');
  const xml = xmlOf(readVerified(entry.path));
  const validate = (text: string) => validateResponse(Buffer.from(text, 'utf8').toString('base64'), expectationsFor(entry), new Date(entry.now));

  it('the sample holds the NameID the variants rewrite', () => {
    expect(xml).toContain('>ross@octolabs.io<');
  });

  it('a comment inside the NameID does not truncate it: the signature holds and the NameID reads whole', () => {
    const verdict = validate(xml.replace('>ross@octolabs.io<', '>ross@<!-- and a comment -->octolabs.io<'));
    expect(verdict.checks.find((c) => c.id === 'signature')?.status).toBe('ok');
    expect(verdict.facts.nameId).toBe('ross@octolabs.io');
  });

  it('a comment that appends text to the signed NameID (CVE-2018-7340 family) is rejected at signature', () => {
    const verdict = validate(xml.replace('>ross@octolabs.io<', '>ross@octolabs.io<!-- and a comment -->.example.com<'));
    expect(verdict.valid).toBe(false);
    expect(firstFailure(verdict.checks)?.id).toBe('signature');
    expect(verdict.facts.nameId).toBeUndefined();
  });
});
