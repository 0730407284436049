// Property-based fuzzing of the validation pipeline (SECURITY.md): mutated valid responses — bit flips,
// moved/duplicated elements, edited values, namespace and encoding tricks — never make the pipeline
// throw, and are accepted only when what they carry from the signed node is unchanged.
// Seeded and bounded for `npm test`; `npm run fuzz` runs the same property long and reports timing.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { validateResponse } from '../../fake-sp/pipeline/validate.ts';
import { applyMutations, fuzzBases, hostileMutationArb, judge, mutationsArb, type Mutation } from '../fuzz/mutations.ts';

const bases = fuzzBases(validateResponse);

function verdictFor(baseIndex: number, mutations: Mutation[]) {
  const base = bases[baseIndex % bases.length];
  if (!base) throw new Error('no fuzz base');
  return { base, verdict: validateResponse(applyMutations(base.xml, mutations), base.expectations, base.now) };
}

describe('pipeline fuzzing (seeded)', () => {
  test('mutated responses never throw and are accepted only with unchanged signed content', () => {
    fc.assert(
      fc.property(fc.nat({ max: bases.length - 1 }), mutationsArb, (b, mutations) => {
        const { base, verdict } = verdictFor(b, mutations);
        expect(verdict.checks).toHaveLength(15);
        const problem = judge(base, verdict);
        if (problem) throw new Error(problem);
      }),
      { seed: 0x5a41, numRuns: 200 },
    );
  });

  test('hostile generators (comment and transform floods, control characters, encodings) never throw and never change signed content', () => {
    fc.assert(
      fc.property(fc.nat({ max: bases.length - 1 }), fc.array(hostileMutationArb, { minLength: 1, maxLength: 2 }), (b, mutations) => {
        const { base, verdict } = verdictFor(b, mutations);
        expect(verdict.checks).toHaveLength(15);
        const problem = judge(base, verdict);
        if (problem) throw new Error(problem);
      }),
      { seed: 0x1717, numRuns: 60 },
    );
  });

  test('a flood past a cap is refused at parse, before the signature is looked at', () => {
    expect(verdictFor(0, [{ kind: 'commentFlood', nth: 5, count: 24_000 }]).verdict.checks[1]).toMatchObject({
      status: 'failed',
      code: 'PARSE_TOO_MANY_COMMENTS',
    });
    expect(verdictFor(0, [{ kind: 'transformFlood', count: 3500, algorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#' }]).verdict.checks[1]).toMatchObject({
      status: 'failed',
      code: 'PARSE_TOO_MANY_ELEMENTS',
    });
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

describe('fuzz generators for control characters and encodings', () => {
  const firstFailure = (mutations: Mutation[]) => verdictFor(0, mutations).verdict.checks.find((c) => c.status === 'failed');
  const emailText = () => textIndexOf(bases[0]?.xml ?? '', 'ana.agent@example.com');

  test('a character XML forbids, literal or as a reference, is refused at parse', () => {
    for (const as of ['raw', 'hex'] as const) {
      for (const code of [0x0, 0x1b, 0xfffe]) {
        expect(firstFailure([{ kind: 'controlChar', nth: emailText(), code, as, inAttribute: false }])).toMatchObject({
          id: 'parse',
          code: 'PARSE_ILLEGAL_CHAR',
        });
      }
    }
  });

  test('a character XML allows (C1, bidi, U+2028) added to a signed value breaks the digest', () => {
    for (const code of [0x85, 0x9b, 0x202e, 0x2028]) {
      expect(firstFailure([{ kind: 'controlChar', nth: emailText(), code, as: 'raw', inAttribute: false }])).toMatchObject({
        id: 'signature',
        code: 'SIG_DIGEST_MISMATCH',
      });
    }
  });

  test('every re-encoding is refused by decode with the code that names it', () => {
    const codes = Object.fromEntries(
      (['utf16be', 'utf16le-nobom', 'latin1', 'deflate', 'base64url'] as const).map((to) => [to, firstFailure([{ kind: 'encoding', to }])?.code]),
    );
    // latin1: declared ISO-8859-1 with a non-ASCII byte (é) that is not UTF-8.
    expect(codes).toEqual({
      utf16be: 'DECODE_ENCODING',
      'utf16le-nobom': 'DECODE_ENCODING',
      latin1: 'DECODE_ENCODING',
      deflate: 'DECODE_DEFLATED',
      base64url: 'DECODE_BASE64',
    });
  });
});

function textIndexOf(xml: string, value: string): number {
  const texts = [...xml.matchAll(/>([^<]+)</g)].map((m) => m[1]);
  return texts.indexOf(value);
}
