// Reads an ACS form body (application/x-www-form-urlencoded) into its SAMLResponse and RelayState.
// Runs on a judge worker: percent-decoding a large form held up the server's thread (BENCHMARKS.md).
// It reads a body exactly as Express's urlencoded parser (body-parser 2, `extended: false`) did when
// it ran on the server's thread: the same charset decoding (iconv-lite strips a UTF-8 BOM), the same
// field limit, and qs with the options body-parser passes (test/fake-sp/judge/acs-form.test.ts
// compares both on odd bodies).
import { parse } from 'qs';
import type { MalformedPost } from '../server/malformed-verdict.ts';
import type { AcsFields, FormCharset } from './protocol.ts';

/** Form fields an ACS POST may carry (SAMLResponse and RelayState need two); more → ACS_TOO_MANY_FIELDS. */
export const MAX_FORM_FIELDS = 32;

export interface AcsForm {
  /** '' when the form carries no usable SAMLResponse; the first value when it is repeated. */
  samlResponse: string;
  relayState?: string;
  /** Why the form cannot be judged; undefined when `samlResponse` can be. */
  problem?: MalformedPost;
}

/**
 * The form's fields as Express's urlencoded parser gave them as `req.body` (a repeated field is an
 * array), or the problem that parser reported: too many fields, or a body qs could not read.
 */
export function formFields(body: Uint8Array, charset: FormCharset): { fields: Record<string, unknown> } | { problem: MalformedPost } {
  // iconv-lite, which body-parser decodes with, drops a UTF-8 BOM; latin1 is ISO-8859-1 in both.
  let text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString(charset === 'utf-8' ? 'utf8' : 'latin1');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text === '') return { fields: {} };
  const count = fieldCount(text);
  if (count > MAX_FORM_FIELDS)
    return { problem: { code: 'ACS_TOO_MANY_FIELDS', detail: 'too many parameters', hint: 'post only SAMLResponse and RelayState' } };
  try {
    return { fields: parse(text, { allowPrototypes: true, arrayLimit: count, depth: 0, charset, parameterLimit: MAX_FORM_FIELDS, strictDepth: true }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      problem: { code: 'ACS_BAD_BODY', detail: `the POST body could not be read: ${message}`, hint: 'post a complete application/x-www-form-urlencoded form' },
    };
  }
}

export function readAcsForm(body: Uint8Array, charset: FormCharset): AcsForm {
  const parsed = formFields(body, charset);
  if ('problem' in parsed) return { samlResponse: '', problem: parsed.problem };
  const { fields } = parsed;
  const saml = fields.SAMLResponse;
  const relay = fields.RelayState;
  const relayState = typeof relay === 'string' ? relay : undefined;
  if (Array.isArray(saml) || Array.isArray(relay)) {
    return {
      samlResponse: Array.isArray(saml) ? String(saml[0] ?? '') : typeof saml === 'string' ? saml : '',
      relayState,
      problem: {
        code: 'ACS_DUPLICATE_FIELD',
        detail: `the form carries ${Array.isArray(saml) ? 'SAMLResponse' : 'RelayState'} more than once`,
        expected: 'one SAMLResponse and at most one RelayState',
        actual: 'repeated field',
        hint: 'post exactly one SAMLResponse (and one RelayState)',
      },
    };
  }
  if (typeof saml !== 'string' || saml.trim() === '') {
    return {
      samlResponse: '',
      relayState,
      problem: {
        code: 'ACS_NO_SAML_RESPONSE',
        expected: 'a SAMLResponse form field',
        actual: `fields: ${Object.keys(fields).join(', ') || '(none)'}`,
        detail: 'the POST has no (or an empty) SAMLResponse field',
        hint: 'check the IdP uses the HTTP-POST binding (Auth0 addon `binding`) and that the form field is named SAMLResponse',
      },
    };
  }
  return { samlResponse: saml, relayState };
}

const encoder = new TextEncoder();

/** A JSON string as UTF-8 bytes in an ArrayBuffer of its own (transferable without detaching anything else). */
export function jsonBytes(value: string): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

/** The fields the run store records, with their JSON text. */
export function acsFields(form: AcsForm): AcsFields {
  const { samlResponse, relayState } = form;
  return {
    samlResponse,
    ...(relayState === undefined ? {} : { relayState }),
    json: { samlResponse: jsonBytes(samlResponse), ...(relayState === undefined ? {} : { relayState: jsonBytes(relayState) }) },
  };
}

/** Fields in a form (`&`-separated parts), counted only up to one past the limit (body-parser's parameterCount). */
function fieldCount(text: string): number {
  let count = 0;
  let index = -1;
  do {
    count += 1;
    if (count > MAX_FORM_FIELDS) return count;
    index = text.indexOf('&', index + 1);
  } while (index !== -1);
  return count;
}
