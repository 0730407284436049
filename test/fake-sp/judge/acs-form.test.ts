// The ACS form is read on a judge worker (fake-sp/judge/acs-form.ts) instead of by Express's
// urlencoded parser on the server's thread. Both must read every body alike: each body below is
// posted to a real Express app with the parser the ACS used before (express.urlencoded, extended
// false, parameterLimit 32) and read by formFields; the fields (or the refusal) must be the same.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formFields, MAX_FORM_FIELDS, readAcsForm } from '../../../fake-sp/judge/acs-form.ts';
import type { FormCharset } from '../../../fake-sp/judge/protocol.ts';

let server: Server;
let url: string;

beforeAll(async () => {
  const app = express();
  app.post('/', express.urlencoded({ extended: false, limit: 1024 * 1024, parameterLimit: MAX_FORM_FIELDS }), (req, res) => {
    res.json({ fields: req.body as unknown });
  });
  app.use(((error, _req, res, _next) => {
    res.status(400).json({ type: (error as { type?: string }).type });
  }) as express.ErrorRequestHandler);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
    }),
);

/** What Express's urlencoded parser made of the body. */
async function expressRead(body: Buffer, charset: FormCharset): Promise<{ fields?: Record<string, unknown>; type?: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': `application/x-www-form-urlencoded; charset=${charset}` },
    body: new Uint8Array(body),
  });
  return (await res.json()) as { fields?: Record<string, unknown>; type?: string };
}

const thirtyTwo = Array.from({ length: 32 }, (_, i) => `f${i}=${i}`).join('&');
const bodies: Array<[string, Buffer]> = [
  ['a SAMLResponse in base64 with escapes', Buffer.from('SAMLResponse=PHNhbWxwOlJlc3BvbnNl%2B%2F%3D%3D&RelayState=r%20s+t')],
  ['a UTF-8 BOM before the first field', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('SAMLResponse=x&RelayState=y')])],
  ['raw non-ASCII bytes', Buffer.from([...Buffer.from('RelayState=caf'), 0xe9, ...Buffer.from('&SAMLResponse=%E9t%C3%A9')])],
  ['invalid UTF-8 bytes', Buffer.from([...Buffer.from('SAMLResponse=a'), 0xff, 0xfe, ...Buffer.from('b&RelayState=%FF%FE')])],
  ['malformed percent escapes', Buffer.from('SAMLResponse=%ZZ%&RelayState=%E2%82')],
  ['a repeated SAMLResponse', Buffer.from('SAMLResponse=a&SAMLResponse=b&RelayState=r')],
  ['a repeated RelayState', Buffer.from('SAMLResponse=a&RelayState=r&RelayState=s')],
  ['bracketed names', Buffer.from('SAMLResponse[]=a&RelayState[x]=b&a[b][c]=d')],
  ['prototype names', Buffer.from('__proto__=x&constructor=y&hasOwnProperty=z&SAMLResponse=v')],
  ['empty', Buffer.alloc(0)],
  ['only separators', Buffer.from('&&&')],
  ['a field without "="', Buffer.from('SAMLResponse&RelayState=')],
  ['a value without a name', Buffer.from('=x&SAMLResponse=y')],
  ['plus signs and encoded plus', Buffer.from('SAMLResponse=a+b%2Bc')],
  [`exactly ${MAX_FORM_FIELDS} fields`, Buffer.from(thirtyTwo)],
  [`${MAX_FORM_FIELDS + 1} fields`, Buffer.from(`${thirtyTwo}&SAMLResponse=x`)],
  ['a large value', Buffer.from(`SAMLResponse=${'QUJD'.repeat(50_000)}%3D&RelayState=${'r'.repeat(10_000)}`)],
];

describe("formFields reads an ACS body as Express's urlencoded parser did", () => {
  for (const charset of ['utf-8', 'iso-8859-1'] as const) {
    it.each(bodies)(`%s (${charset})`, async (_name, body) => {
      const expected = await expressRead(body, charset);
      const read = formFields(new Uint8Array(body), charset);
      if (expected.type !== undefined) {
        expect(expected.type).toBe('parameters.too.many');
        expect(read).toMatchObject({ problem: { code: 'ACS_TOO_MANY_FIELDS' } });
      } else {
        expect(read).toEqual({ fields: expected.fields });
      }
    });
  }
});

describe('readAcsForm', () => {
  const read = (text: string) => readAcsForm(new Uint8Array(Buffer.from(text)), 'utf-8');

  it('gives the SAMLResponse and RelayState of a well-formed form, with no problem', () => {
    expect(read('SAMLResponse=PHg%2B&RelayState=r1')).toEqual({ samlResponse: 'PHg+', relayState: 'r1' });
  });

  it('refuses what the ACS always refused, with the same codes', () => {
    expect(read('RelayState=r1')).toMatchObject({
      samlResponse: '',
      relayState: 'r1',
      problem: { code: 'ACS_NO_SAML_RESPONSE', actual: 'fields: RelayState' },
    });
    expect(read('SAMLResponse=%20&RelayState=r1').problem?.code).toBe('ACS_NO_SAML_RESPONSE');
    expect(read('SAMLResponse=a&SAMLResponse=b')).toMatchObject({
      samlResponse: 'a',
      problem: { code: 'ACS_DUPLICATE_FIELD', detail: 'the form carries SAMLResponse more than once' },
    });
    expect(read(`${thirtyTwo}&SAMLResponse=x`)).toMatchObject({ samlResponse: '', problem: { code: 'ACS_TOO_MANY_FIELDS', detail: 'too many parameters' } });
  });
});
