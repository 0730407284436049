import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extractResponses, InputError } from '../../../harness/decode/input.ts';

const XML = '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_abc"/>';
// Chosen so the base64 holds '+' and '/', the characters URL encoding and form decoding mangle.
const TRICKY_XML = `${XML}<!-- ~~~>>>???-->`;
const B64 = Buffer.from(TRICKY_XML).toString('base64');

function har(entries: unknown[]): string {
  return JSON.stringify({ log: { version: '1.2', entries } });
}
function post(url: string, text: string): unknown {
  return { request: { method: 'POST', url, postData: { mimeType: 'application/x-www-form-urlencoded', text } } };
}

function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('extractResponses', () => {
  it('the fixture base64 contains + and /', () => {
    expect(B64).toMatch(/\+/);
    expect(B64).toMatch(/\//);
  });

  it('takes a base64 SAMLResponse as it is, ignoring line breaks', () => {
    const wrapped = `${B64.slice(0, 20)}\n${B64.slice(20)}\n`;
    expect(extractResponses(wrapped)).toEqual({ format: 'base64', responses: [{ samlResponse: B64, notes: [] }] });
  });

  it('base64-encodes raw XML (with a BOM and leading whitespace)', () => {
    const result = extractResponses(Buffer.from(`\uFEFF  ${XML}\n`));
    expect(result.format).toBe('xml');
    expect(Buffer.from(result.responses[0]?.samlResponse ?? '', 'base64').toString('utf8')).toBe(XML);
  });

  it('reads a URL-encoded form body and its RelayState', () => {
    const body = `SAMLResponse=${encodeURIComponent(B64)}&RelayState=${encodeURIComponent('https://flex.twilio.com/?a=1')}`;
    expect(extractResponses(body)).toEqual({ format: 'form', responses: [{ samlResponse: B64, relayState: 'https://flex.twilio.com/?a=1', notes: [] }] });
  });

  it('keeps the + of a pasted form body whose base64 was not URL-encoded', () => {
    expect(extractResponses(`RelayState=x&SAMLResponse=${B64}`).responses[0]?.samlResponse).toBe(B64);
  });

  it('finds every SAMLResponse POST in a HAR, with its URL, and ignores other requests', () => {
    const input = har([
      { request: { method: 'GET', url: 'https://tenant.auth0.com/samlp/abc' } },
      post('https://login.flex.us1.twilio.com/login/callback?connection=JQ1', `SAMLResponse=${encodeURIComponent(B64)}&RelayState=r1`),
      post('https://tenant.auth0.com/u/login', 'username=a&password=b'),
      {
        request: {
          method: 'POST',
          url: 'https://iam.twilio.com/v1/Accounts/AC1/saml2',
          postData: { params: [{ name: 'SAMLResponse', value: encodeURIComponent(B64) }] },
        },
      },
    ]);
    const result = extractResponses(input);
    expect(result.format).toBe('har');
    expect(result.responses).toEqual([
      { samlResponse: B64, relayState: 'r1', url: 'https://login.flex.us1.twilio.com/login/callback?connection=JQ1', notes: [] },
      { samlResponse: B64, url: 'https://iam.twilio.com/v1/Accounts/AC1/saml2', notes: [] },
    ]);
  });

  it('passes a DEFLATE-compressed value on unchanged: the decode check refuses it, as the ACS does', () => {
    const deflated = deflateRawSync(Buffer.from(XML)).toString('base64');
    expect(extractResponses(deflated).responses[0]).toEqual({ samlResponse: deflated, notes: [] });
  });

  it('passes a base64url value on unchanged (the ACS would receive it as is)', () => {
    const url = Buffer.from(XML).toString('base64url');
    expect(extractResponses(url).responses[0]?.samlResponse).toBe(url);
  });

  it('hands the bytes of an XML file in UTF-16 or Latin-1 to the pipeline untouched', () => {
    for (const bytes of [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(XML, 'utf16le')]), Buffer.from(XML.replace('>', '>\u00e9'), 'latin1')]) {
      const result = extractResponses(bytes);
      expect(result.format).toBe('xml');
      expect(result.responses[0]?.samlResponse).toBe(bytes.toString('base64'));
    }
  });

  it("passes base64 that is not XML through unchanged, for the pipeline's decode check to judge", () => {
    expect(extractResponses('aGVsbG8gd29ybGQ=').responses[0]?.samlResponse).toBe('aGVsbG8gd29ybGQ=');
  });

  it('rejects garbage with a code, the offending character and how to fix it', () => {
    const error = inputError(() => extractResponses('this is not a SAML response!'));
    expect(error.code).toBe('INPUT_UNRECOGNISED');
    expect(error.message).toContain('"!"');
    expect(error.hint).toMatch(/HAR/);
  });

  it('rejects empty input', () => {
    expect(inputError(() => extractResponses(' \n')).code).toBe('INPUT_EMPTY');
  });

  it('rejects an empty SAMLResponse form field', () => {
    expect(inputError(() => extractResponses('SAMLResponse=&RelayState=x')).code).toBe('INPUT_FORM_EMPTY');
  });

  it('rejects JSON that is broken or not a HAR, and a HAR without a SAMLResponse POST', () => {
    expect(inputError(() => extractResponses('{"log": ')).code).toBe('INPUT_HAR_INVALID');
    expect(inputError(() => extractResponses('{"hello": 1}')).code).toBe('INPUT_HAR_INVALID');
    const error = inputError(() => extractResponses(har([post('https://x.example/login', 'a=b')])));
    expect(error.code).toBe('INPUT_HAR_NO_SAML');
    expect(error.hint).toMatch(/Preserve log/);
  });
});
