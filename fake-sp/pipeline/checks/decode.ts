// decode: base64 → bytes → UTF-8 text, with a size limit checked before allocating the bytes. Bytes
// that are not UTF-8 XML are named (encoding.ts): UTF-16, Latin-1, or DEFLATE (the HTTP-Redirect
// encoding; Auth0 posts the login response as plain base64 in an auto-POST form: auth0/node-samlp
// lib/samlp.js execute() → templates/form.ejs, token = response.toString('base64')). The ACS and
// `flex-sso decode` both judge the value here, so they always agree.
import type { Check } from '../context.ts';
import { DEFAULTS } from '../context.ts';
import { deflatedXml, foreignEncoding } from '../encoding.ts';
import { failed, passed } from '../result.ts';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export const decode: Check = (state, exp) => {
  const maxBytes = exp.maxBytes ?? DEFAULTS.maxBytes;
  const compact = state.input.replace(/[\s]+/g, '');
  if (compact.length === 0) {
    return {
      result: failed('decode', 'DECODE_EMPTY', {
        expected: 'a base64 SAMLResponse',
        actual: 'empty input',
        detail: 'The SAMLResponse is empty.',
        hint: "Post the SAMLResponse form field of the IdP's auto-POST form; an empty value usually means the login never reached Auth0's SAML endpoint.",
      }),
    };
  }
  if (compact.startsWith('<')) {
    return {
      result: failed('decode', 'DECODE_BASE64', {
        expected: 'base64',
        actual: 'raw XML',
        detail: 'The input is raw XML, not the base64 SAMLResponse the HTTP-POST binding carries.',
        hint: 'Base64-encode it first (the `flex-sso decode` CLI accepts raw XML and does this for you).',
      }),
    };
  }
  const approxBytes = Math.floor((compact.length * 3) / 4);
  if (approxBytes > maxBytes + 2) {
    return {
      result: failed('decode', 'DECODE_TOO_LARGE', {
        expected: `≤ ${maxBytes} bytes decoded`,
        actual: `≈ ${approxBytes} bytes`,
        detail: 'The SAMLResponse is larger than the size limit.',
        hint: 'A login response from Auth0 is a few KiB; a huge one is an attack or the wrong field. Raise maxBytes only if you really expect it.',
      }),
    };
  }
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) {
    const bad = compact.search(/[^A-Za-z0-9+/=]/);
    const actual = bad >= 0 ? `character ${JSON.stringify(compact[bad])} at offset ${bad}` : `length ${compact.length} (not a multiple of 4) or misplaced '='`;
    return {
      result: failed('decode', 'DECODE_BASE64', {
        expected: 'standard base64 (A–Z a–z 0–9 + / =)',
        actual,
        detail: 'The SAMLResponse is not valid base64.',
        hint: 'Copy the SAMLResponse value whole; if it came from a URL-encoded form body, URL-decode it first (%2B → +, %3D → =).',
      }),
    };
  }
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.length > maxBytes) {
    return {
      result: failed('decode', 'DECODE_TOO_LARGE', {
        expected: `≤ ${maxBytes} bytes decoded`,
        actual: `${bytes.length} bytes`,
        detail: 'The SAMLResponse is larger than the size limit.',
        hint: 'A login response from Auth0 is a few KiB; a huge one is an attack or the wrong field.',
      }),
    };
  }
  let xml: string | undefined;
  try {
    xml = utf8.decode(bytes);
  } catch {
    xml = undefined;
  }
  const foreign = foreignEncoding(bytes);
  if (foreign !== undefined && (xml === undefined || foreign.name.startsWith('UTF-16'))) {
    return {
      result: failed('decode', 'DECODE_ENCODING', {
        expected: 'XML encoded as UTF-8',
        actual: `${foreign.name} (${foreign.evidence})`,
        detail: `The SAMLResponse is XML in ${foreign.name}, not UTF-8.`,
        hint: 'Auth0 sends UTF-8. A different encoding means the value was re-saved by an editor or a tool (e.g. a Windows "Unicode" text file, or a Latin-1 copy): capture the SAMLResponse form field itself, from the HAR or the POST body.',
      }),
    };
  }
  if (xml === undefined) {
    if (deflatedXml(bytes, maxBytes) !== undefined) {
      return {
        result: failed('decode', 'DECODE_DEFLATED', {
          expected: 'base64 of the XML (HTTP-POST binding)',
          actual: 'base64 of DEFLATE-compressed XML (HTTP-Redirect encoding)',
          detail:
            'The SAMLResponse is DEFLATE-compressed; the HTTP-POST binding that Flex uses never compresses it (SAML Bindings 3.5.4), so Flex cannot read it.',
          hint: "A value taken from a URL (?SAMLResponse=…) uses the HTTP-Redirect encoding: capture the POST body instead. If Auth0 really sends it this way, set the SAML addon's binding to HTTP-POST.",
        }),
      };
    }
    return {
      result: failed('decode', 'DECODE_UTF8', {
        expected: 'UTF-8 text',
        actual: 'invalid UTF-8 byte sequence',
        detail: 'The decoded SAMLResponse is not text: neither UTF-8, UTF-16 nor Latin-1 XML, nor compressed XML.',
        hint: 'This is not a SAML document: check that the whole SAMLResponse form field was copied (not another field, and not truncated).',
      }),
    };
  }
  if (xml.charCodeAt(0) === 0xfeff) xml = xml.slice(1);
  return { xml, result: passed('decode', `${bytes.length} bytes of UTF-8 decoded from base64.`) };
};
