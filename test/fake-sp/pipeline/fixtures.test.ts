// Runs every static fixture in test/fixtures/responses/ against its sidecar <name>.expect.json
// (frozen clock, expectations, the outcome of every check).
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECK_IDS, validateXmlString } from '../../../fake-sp/pipeline/index.ts';

interface Sidecar {
  description: string;
  now: string;
  expectations: { certificates: string[]; issuer?: string; audience?: string; acsUrl?: string; outstandingRequestIds?: string[]; seenAssertionIds?: string[] };
  valid: boolean;
  checks: Record<string, string>;
  facts?: Record<string, string>;
  flexRoles?: string[];
}

const dir = new URL('../../fixtures/responses/', import.meta.url);
const signingDir = new URL('../../fixtures/signing/', import.meta.url);
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.xml'))
  .map((f) => f.slice(0, -4))
  .sort();

describe('static response fixtures', () => {
  it('has a sidecar for every fixture, and enough of them', () => {
    expect(names.length).toBeGreaterThanOrEqual(20);
    for (const name of names) expect(() => readFileSync(new URL(`${name}.expect.json`, dir))).not.toThrow();
  });

  for (const name of names) {
    it(name, () => {
      const sidecar = JSON.parse(readFileSync(new URL(`${name}.expect.json`, dir), 'utf8')) as Sidecar;
      const e = sidecar.expectations;
      const verdict = validateXmlString(
        readFileSync(new URL(`${name}.xml`, dir), 'utf8'),
        {
          certificates: e.certificates.map((c) => readFileSync(new URL(`${c}.cert.pem`, signingDir), 'utf8')),
          issuer: e.issuer,
          audience: e.audience,
          acsUrl: e.acsUrl,
          outstandingRequestIds: new Set(e.outstandingRequestIds ?? []),
          seenAssertionIds: new Set(e.seenAssertionIds ?? []),
        },
        new Date(sidecar.now),
      );
      const actual = Object.fromEntries(verdict.checks.map((c) => [c.id, c.status === 'ok' ? 'ok' : `${c.status}:${c.code ?? ''}`]));
      expect(Object.keys(sidecar.checks)).toEqual([...CHECK_IDS]);
      expect(actual).toEqual(sidecar.checks);
      expect(verdict.valid).toBe(sidecar.valid);
      if (sidecar.facts) expect(verdict.facts).toMatchObject(sidecar.facts);
      if (sidecar.flexRoles) expect(verdict.flex.roles).toEqual(sidecar.flexRoles);
      for (const c of verdict.checks.filter((x) => x.status === 'failed')) expect(c.hint, `${c.id} hint`).toBeTruthy();
    });
  }
});
