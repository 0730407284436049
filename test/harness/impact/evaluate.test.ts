// LoginEvaluator: one prepared login (event + stored profile) serves both chains of a user. The
// shared parts must never be mutated, and the mapping kept for a login whose Actions set no override
// must not leak into a chain that overrides a mapping setting. Real Action workers, real Pattern A.
import { afterAll, describe, expect, it } from 'vitest';
import { ActionRunner, type ActionToRun } from '../../../fake-idp/actions/runner.ts';
import { UPN_CLAIM } from '../../../fake-idp/saml/claims.ts';
import { attributeTexts, LoginEvaluator, type PreparedLogin } from '../../../harness/impact/evaluate.ts';
import { CANDIDATE, PATTERN_A } from './seed.ts';

const NOW = new Date('2026-12-01T00:00:00.000Z');
const runner = new ActionRunner({ poolSize: 1, now: () => NOW });
afterAll(() => runner.close());
const evaluator = new LoginEvaluator(runner, { clientId: 'cid', clientName: 'Flex', tenantIssuer: 'urn:t.test', tenantId: 't' }, NOW);
const chain = (name: string, code: string): ActionToRun[] => [{ id: `act_${name}`, name, code, secrets: {} }];
const body = (code: string) => `exports.onExecutePostLogin = async (event, api) => {\n${code}\n};`;
const FLEX_ATTRIBUTES = [
  `api.samlResponse.setAttribute('email', event.user.email);`,
  `api.samlResponse.setAttribute('full_name', event.user.name);`,
  `api.samlResponse.setAttribute('roles', 'agent');`,
].join(' ');

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

const ramp = {
  user_id: 'auth0|ramp',
  email: 'Sam.Ramp@Corp.test',
  name: 'Sam Ramp',
  app_metadata: { flex: { roles: ['supervisor'], team: 'RAMP' }, program: 'Core' },
};

describe('LoginEvaluator with one prepared login per user', () => {
  it('runs the baseline and the candidate from the same frozen event and user, with their own results', async () => {
    const login = evaluator.prepare(ramp);
    // Frozen: any write to the shared event, user or their nested objects throws in strict mode.
    deepFreeze(login.event);
    deepFreeze(login.user);
    const [before, after] = await Promise.all([evaluator.evaluate(chain('a', PATTERN_A), login), evaluator.evaluate(chain('a', CANDIDATE), login)]);
    expect(before).toEqual({
      verdict: 'valid',
      codes: [],
      attributes: { email: 'sam.ramp@corp.test', full_name: 'Sam Ramp', roles: ['supervisor'], team: 'RAMP', program: 'Core' },
    });
    expect(after).toEqual({
      verdict: 'valid',
      codes: [],
      attributes: { email: 'sam.ramp@corp.test', full_name: 'Sam Ramp', roles: ['agent'], team: 'RAMP', program: 'Core' },
    });
    expect(login.event.user.app_metadata).toEqual(ramp.app_metadata);
  });

  it('builds the event once: both chains see the same user, transaction and login count', async () => {
    const login = evaluator.prepare({ ...ramp, logins_count: 4 });
    const show = chain(
      'show',
      body(
        `${FLEX_ATTRIBUTES} api.samlResponse.setAttribute('team', [event.user.picture, event.transaction.id, String(event.stats.logins_count), event.connection.id].join(' '));`,
      ),
    );
    const [a, b] = await Promise.all([evaluator.evaluate(show, login), evaluator.evaluate(show, login)]);
    // md5 of the lower-cased email (Gravatar) and the tenant's connection id, computed outside this code.
    const picture = 'https://s.gravatar.com/avatar/17fa7d0e28d454969caf3188fbaf87b8?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2Fsa.png';
    expect(a.attributes.team).toBe(`${picture} flex-sso-impact 5 con_47mKTaMaEn1L3m5D`);
    expect(b).toEqual(a);
  });

  it('an Action that overrides a mapping setting gets its own mapping, not the one kept for the login', async () => {
    const login = evaluator.prepare(ramp);
    const plain = await evaluator.evaluate(chain('plain', body(FLEX_ATTRIBUTES)), login);
    expect(plain.verdict).toBe('valid');
    expect(login.mapped?.some((a) => a.name === UPN_CLAIM)).toBe(true);
    // Without the UPN claim the only NameID probe finds nothing: no Assertion (node-samlp's error).
    const noUpn = await evaluator.evaluate(
      chain('no-upn', body(`${FLEX_ATTRIBUTES} api.samlResponse.setCreateUpnClaim(false); api.samlResponse.setNameIdentifierProbes(['${UPN_CLAIM}']);`)),
      login,
    );
    expect(noUpn).toEqual({
      verdict: 'rejected',
      codes: ['STATUS_NOT_SUCCESS'],
      reason: `No attribute was found to generate the nameIdentifier. We tried with: ${UPN_CLAIM}`,
      attributes: {},
    });
    const withUpn = await evaluator.evaluate(chain('upn', body(`${FLEX_ATTRIBUTES} api.samlResponse.setNameIdentifierProbes(['${UPN_CLAIM}']);`)), login);
    expect(withUpn.verdict).toBe('valid');
  });

  it('judges equal SAML changes once per login, and each different change on its own', async () => {
    const login = evaluator.prepare(ramp);
    const first = await evaluator.evaluate(chain('a', PATTERN_A), login);
    const changed = await evaluator.evaluate(chain('a', CANDIDATE), login);
    const again = await evaluator.evaluate(chain('a', PATTERN_A), login);
    const same = await evaluator.evaluate(chain('a', PATTERN_A), login);
    expect(changed.attributes.roles).toEqual(['agent']);
    expect(again).toEqual(first);
    expect(again.attributes.roles).toEqual(['supervisor']);
    // The same changes as the chain before: the verdict already made is reused.
    expect(same).toBe(again);
    // An override changes the response even with the same attributes: judged again.
    const probes = await evaluator.evaluate(
      chain(
        'p',
        `${PATTERN_A}\nconst h = exports.onExecutePostLogin; exports.onExecutePostLogin = async (e, api) => { await h(e, api); api.samlResponse.setNameIdentifierProbes(['none']); };`,
      ),
      login,
    );
    expect(probes).toMatchObject({ verdict: 'rejected', codes: ['STATUS_NOT_SUCCESS'] });
  });

  it('a denied or failed chain never builds the profile', async () => {
    const login: PreparedLogin = evaluator.prepare(ramp);
    expect(await evaluator.evaluate(chain('deny', body(`api.access.deny('closed');`)), login)).toEqual({
      verdict: 'denied',
      codes: ['ACTION_DENIED'],
      reason: 'closed',
      attributes: {},
    });
    expect(login.profile).toBeUndefined();
    expect(login.mapped).toBeUndefined();
  });
});

describe('attributeTexts', () => {
  it("writes every name as a plain own key, `__proto__` too, with node-saml's value texts", () => {
    const texts = attributeTexts(
      [
        { name: '__proto__', values: ['x'] },
        { name: 'email', values: ['a@x.test'] },
        { name: 'toString', values: [true, 2, null] },
        { name: 'http://schemas.auth0.com/updated_at', values: [new Date('2026-12-01T00:00:00.000Z')] },
      ],
      undefined,
    );
    expect(Object.getPrototypeOf(texts)).toBe(Object.prototype);
    expect(Object.keys(texts)).toEqual(['__proto__', 'email', 'toString', 'http://schemas.auth0.com/updated_at']);
    expect(Object.getOwnPropertyDescriptor(texts, '__proto__')?.value).toEqual(['x']);
    expect(texts.toString).toEqual(['true', '2', 'null']);
    expect(texts['http://schemas.auth0.com/updated_at']).toEqual(['Tue Dec 01 2026 00:00:00 GMT+0000 (Coordinated Universal Time)']);
  });

  it('takes the texts already made for a values list it is given', () => {
    const values = ['made'];
    const known = new Map([[values, ['kept']]]);
    expect(attributeTexts([{ name: 'team', values }], known)).toEqual({ team: ['kept'] });
  });
});
