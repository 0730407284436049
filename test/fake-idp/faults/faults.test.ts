// Fault injection end to end: the admin endpoint arms a fault, the next login's response shows it,
// and the login after that is faithful again.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { foreignSigningKey, NOT_YET_VALID_SECONDS, planFaults, WRONG_AUDIENCE, WRONG_DESTINATION, WRONG_RECIPIENT } from '../../../fake-idp/faults/plan.ts';
import type { RunningIdp } from '../../../fake-idp/server.ts';
import type { Fault } from '../../../fake-idp/tenant/types.ts';
import { decodeSamlResponse, EMAIL, httpLogin, PASSWORD, SP_ENTITY_ID, startIdpFixture } from '../login/fixture.ts';
import { attributeMap, elements, first, parseXml, verifiedReferences } from '../saml/xml-helpers.ts';

let idp: RunningIdp;
beforeAll(async () => {
  idp = await startIdpFixture();
});
afterAll(async () => {
  await idp?.close();
});
beforeEach(async () => {
  await fetch(idp.faultsUrl, { method: 'DELETE' });
  // An audience, so a faithful IdP-initiated response has an Audience for the wrong-audience fault to replace.
  idp.tenant.updateApplication(idp.defaultClientId, { addons: { samlp: { audience: SP_ENTITY_ID } } });
});

async function arm(fault: Omit<Fault, 'id'>): Promise<Response> {
  return fetch(idp.faultsUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) });
}

async function loginXml(): Promise<{ xml: string; doc: Document }> {
  const { form } = await httpLogin(idp);
  const xml = decodeSamlResponse(form);
  return { xml, doc: parseXml(xml) };
}

describe('fault admin endpoint', () => {
  test('POST arms (201), GET lists, DELETE clears (204)', async () => {
    const res = await arm({ kind: 'wrong-audience', remaining: 2 });
    expect(res.status).toBe(201);
    const created = (await res.json()) as Fault;
    expect(created).toMatchObject({ kind: 'wrong-audience', remaining: 2 });
    expect(created.id).toBeTruthy();
    expect(await (await fetch(idp.faultsUrl)).json()).toEqual([created]);
    expect((await fetch(idp.faultsUrl, { method: 'DELETE' })).status).toBe(204);
    expect(await (await fetch(idp.faultsUrl)).json()).toEqual([]);
  });

  test('invalid bodies are refused with a JSON error naming the field', async () => {
    const badKind = await arm({ kind: 'explode' as Fault['kind'] });
    expect(badKind.status).toBe(400);
    const body = (await badKind.json()) as { message: string; errorCode: string };
    expect(body.errorCode).toBe('invalid_body');
    expect(body.message).toContain('kind');
    expect((await arm({ kind: 'missing-attribute' })).status).toBe(400);
    const notJson = await fetch(idp.faultsUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(notJson.status).toBe(400);
    expect(await (await fetch(idp.faultsUrl)).json()).toEqual([]);
  });
});

describe('each fault shows in the next response only', () => {
  const cert = () => idp.tenant.state.signing.certPem;

  test('unsigned', async () => {
    await arm({ kind: 'unsigned', remaining: 1 });
    expect(elements((await loginXml()).doc, 'Signature')).toHaveLength(0);
    expect(verifiedReferences((await loginXml()).xml, cert())).toHaveLength(1);
  });

  test('wrong-key: signed by a key the tenant does not publish, with that certificate embedded', async () => {
    await arm({ kind: 'wrong-key', remaining: 1 });
    const { xml, doc } = await loginXml();
    expect(() => verifiedReferences(xml, cert())).toThrow(/invalid/);
    expect(verifiedReferences(xml, foreignSigningKey(new Date()).certPem)).toHaveLength(1);
    expect(first(doc, 'X509Certificate').textContent).toBe(foreignSigningKey(new Date()).certPem.replace(/-----[A-Z ]+-----|\s/g, ''));
  });

  test.each([
    ['wrong-audience', (d: Document) => first(d, 'Audience').textContent, WRONG_AUDIENCE],
    ['wrong-recipient', (d: Document) => first(d, 'SubjectConfirmationData').getAttribute('Recipient'), WRONG_RECIPIENT],
    ['wrong-destination', (d: Document) => (d.documentElement as unknown as Element).getAttribute('Destination'), WRONG_DESTINATION],
  ] as const)('%s', async (kind, read, wrong) => {
    await arm({ kind, remaining: 1 });
    const faulty = await loginXml();
    expect(read(faulty.doc)).toBe(wrong);
    expect(verifiedReferences(faulty.xml, cert())).toHaveLength(1);
    expect(read((await loginXml()).doc)).not.toBe(wrong);
  });

  test('expired: NotOnOrAfter already in the past, even with a long addon lifetime', async () => {
    idp.tenant.updateApplication(idp.defaultClientId, { addons: { samlp: { lifetimeInSeconds: 86_400 } } });
    await arm({ kind: 'expired', remaining: 1 });
    const before = Date.now();
    const notOnOrAfter = Date.parse(first((await loginXml()).doc, 'Conditions').getAttribute('NotOnOrAfter') ?? '');
    expect(notOnOrAfter).toBeLessThan(before);
    const normal = Date.parse(first((await loginXml()).doc, 'Conditions').getAttribute('NotOnOrAfter') ?? '');
    expect(normal).toBeGreaterThan(before);
  });

  test('not-yet-valid: NotBefore in the future', async () => {
    await arm({ kind: 'not-yet-valid', remaining: 1 });
    const after = Date.now();
    const notBefore = Date.parse(first((await loginXml()).doc, 'Conditions').getAttribute('NotBefore') ?? '');
    expect(notBefore).toBeGreaterThan(after + (NOT_YET_VALID_SECONDS - 60) * 1000);
  });

  test('missing-attribute drops exactly that attribute', async () => {
    const name = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name';
    await arm({ kind: 'missing-attribute', attribute: name, remaining: 1 });
    const attrs = attributeMap((await loginXml()).xml);
    expect(attrs[name]).toBeUndefined();
    expect(attrs['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress']).toBeDefined();
    expect(attributeMap((await loginXml()).xml)[name]).toBeDefined();
  });

  test('delay still answers a valid response and records the fault', async () => {
    await arm({ kind: 'delay', delayMs: 30, remaining: 1 });
    expect(verifiedReferences((await loginXml()).xml, cert())).toHaveLength(1);
    expect(idp.tenant.listLogs()[0]?.details).toMatchObject({ faults: ['delay'] });
  });

  test('http-500 answers an HTML error page and posts nothing', async () => {
    await arm({ kind: 'http-500', remaining: 1 });
    const r = await httpLogin(idp);
    expect(r.status).toBe(500);
    expect(r.contentType).toMatch(/^text\/html/);
    expect(r.html).toContain('server_error');
    expect(r.form?.fields.SAMLResponse).toBeUndefined();
    expect((await httpLogin(idp)).status).toBe(200);
  });

  test('a fault scoped to one email leaves other users alone; faults from tenant state apply too', async () => {
    idp.tenant.createUser({ email: 'other@example.com', password: PASSWORD });
    idp.tenant.addFault({ kind: 'wrong-audience', email: 'other@example.com' });
    const mine = parseXml(decodeSamlResponse((await httpLogin(idp, { email: EMAIL })).form));
    expect(first(mine, 'Audience').textContent).not.toBe(WRONG_AUDIENCE);
    const theirs = parseXml(decodeSamlResponse((await httpLogin(idp, { email: 'other@example.com' })).form));
    expect(first(theirs, 'Audience').textContent).toBe(WRONG_AUDIENCE);
  });
});

describe('planFaults', () => {
  test('maps every kind to its deviation', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const plan = planFaults(
      [
        { id: '1', kind: 'unsigned' },
        { id: '2', kind: 'missing-attribute', attribute: 'roles' },
        { id: '3', kind: 'delay', delayMs: 10_000_000 },
        { id: '4', kind: 'http-500' },
        { id: '5', kind: 'expired' },
      ],
      now,
    );
    expect(plan).toMatchObject({ delayMs: 120_000, http500: true, tweaks: { unsigned: true, dropAttributes: ['roles'], expire: true } });
    expect(planFaults([], now)).toEqual({ tweaks: {}, delayMs: 0, http500: false, kinds: [] });
  });
});
