// Property-based fuzzing of the validation pipeline (SECURITY.md): mutated valid responses — bit flips,
// moved/duplicated elements, edited values, namespace and encoding tricks — never make the pipeline
// throw, and are accepted only when what they carry from the signed node is unchanged.
// Seeded and bounded for `npm test`; `npm run fuzz` runs the same property long and reports timing.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { validateResponse } from '../../fake-sp/pipeline/validate.ts';
import { applyMutations, fuzzBases, judge, mutationsArb, type Mutation } from '../fuzz/mutations.ts';

const bases = fuzzBases(validateResponse);

function verdictFor(baseIndex: number, mutations: Mutation[]) {
  const base = bases[baseIndex % bases.length];
  if (!base) throw new Error('no fuzz base');
  return { base, verdict: validateResponse(applyMutations(base.xml, mutations), base.expectations, base.now) };
}

describe('pipeline fuzzing (seeded)', () => {
  test('mutated responses never throw and are accepted only with unchanged signed content', () => {
    fc.assert(fc.property(fc.nat({ max: bases.length - 1 }), mutationsArb, (b, mutations) => {
      const { base, verdict } = verdictFor(b, mutations);
      expect(verdict.checks).toHaveLength(15);
      const problem = judge(base, verdict);
      if (problem) throw new Error(problem);
    }), { seed: 0x5a41, numRuns: 200 });
  });

  // The oracle itself must be able to fail and to pass: a harmless mutation is accepted, a harmful one
  // rejected, and `judge` flags an accepted verdict whose signed content differs.
  test('harmless mutations (character reference, comment inside text, BOM) are accepted unchanged', () => {
    for (const m of [{ kind: 'charRef', nth: 3, hex: true }, { kind: 'bom' }, { kind: 'commentInText', nth: 4, offset: 3 }] as Mutation[]) {
      const { base, verdict } = verdictFor(0, [m]);
      expect(verdict.valid, JSON.stringify(m)).toBe(true);
      expect(judge(base, verdict)).toBeUndefined();
    }
  });

  test('an edited attribute value is rejected, and judge flags changed content if it were accepted', () => {
    const roleText = bases[0]?.xml.indexOf('>agent<') ?? -1;
    expect(roleText).toBeGreaterThan(0);
    const { base, verdict } = verdictFor(0, [{ kind: 'editText', nth: textIndexOf(bases[0]?.xml ?? '', 'agent'), value: 'admin' }]);
    expect(verdict.valid).toBe(false);
    expect(verdict.checks.find((c) => c.id === 'signature')?.status).toBe('failed');
    const forged = { ...base.original, attributes: { ...base.original.attributes, roles: ['admin'] } };
    expect(judge(base, forged)).toMatch(/changed signed content/);
  });
});

describe('fuzz generators for control characters and encodings (issue 17)', () => {
  const firstFailure = (mutations: Mutation[]) => verdictFor(0, mutations).verdict.checks.find((c) => c.status === 'failed');
  const emailText = () => textIndexOf(bases[0]?.xml ?? '', 'ana.agent@example.com');

  test('a character XML forbids, literal or as a reference, is refused at parse', () => {
    for (const asRef of [false, true]) {
      for (const char of ['\u0000', '\u001B', '\uFFFE']) {
        expect(firstFailure([{ kind: 'controlChar', nth: emailText(), char, asRef, inAttribute: false }])).toMatchObject({ id: 'parse', code: 'PARSE_ILLEGAL_CHAR' });
      }
    }
  });

  test('a character XML allows (C1, bidi, U+2028) added to a signed value breaks the digest', () => {
    for (const char of ['\u0085', '\u009B', '\u202E', '\u2028']) {
      expect(firstFailure([{ kind: 'controlChar', nth: emailText(), char, asRef: false, inAttribute: false }])).toMatchObject({ id: 'signature', code: 'SIG_DIGEST_MISMATCH' });
    }
  });

  test('every re-encoding is refused by decode with the code that names it', () => {
    const codes = Object.fromEntries((['utf16be', 'utf16le-nobom', 'latin1', 'deflate', 'base64url'] as const).map((to) => [to, firstFailure([{ kind: 'encoding', to }])?.code]));
    // The base response is ASCII, so its Latin-1 bytes are its UTF-8 bytes: that one is accepted.
    expect(codes).toEqual({ utf16be: 'DECODE_ENCODING', 'utf16le-nobom': 'DECODE_ENCODING', latin1: undefined, deflate: 'DECODE_DEFLATED', base64url: 'DECODE_BASE64' });
  });
});

function textIndexOf(xml: string, value: string): number {
  const texts = [...xml.matchAll(/>([^<]+)</g)].map((m) => m[1]);
  return texts.indexOf(value);
}
