// Reads an ACS POST's body on the server's thread, as raw bytes only: the form itself is read on a
// judge worker (fake-sp/judge/acs-form.ts), where percent-decoding a large form holds up no request.
// The body is read by body-parser's raw reader (Express's own), which enforces the size limit on
// the declared Content-Length before reading anything and on the bytes received while reading, so
// no more than the limit is ever buffered; a Content-Encoding is inflated as before. The charset is
// checked from the header before reading, as Express's urlencoded parser did (utf-8 or iso-8859-1).
import { parse as parseContentType } from 'content-type';
import express from 'express';
import type { Request, RequestHandler, Response } from 'express';
import type { FormCharset } from '../judge/protocol.ts';
import type { MalformedPost } from './malformed-verdict.ts';

export const FORM_TYPE = 'application/x-www-form-urlencoded';

export type AcsBody = { body: Buffer; charset: FormCharset; problem?: undefined } | { problem: MalformedPost };

/** A reader of ACS bodies of at most `maxBodyBytes`; it never rejects: a bad body is a problem with a stable code. */
export function acsBodyReader(maxBodyBytes: number): (req: Request, res: Response) => Promise<AcsBody> {
  const readRaw: RequestHandler = express.raw({ type: FORM_TYPE, limit: maxBodyBytes });
  return async (req, res) => {
    // An empty charset parameter counts as none, as in body-parser.
    const charset = (req.is(FORM_TYPE) ? parseContentType(req.get('content-type') ?? '').parameters.charset?.toLowerCase() : undefined) || 'utf-8';
    if (charset !== 'utf-8' && charset !== 'iso-8859-1') {
      return {
        problem: {
          code: 'ACS_BAD_ENCODING',
          detail: `unsupported charset "${charset.toUpperCase()}"`,
          hint: 'post the form as UTF-8 without Content-Encoding',
        },
      };
    }
    const readError = await new Promise<unknown>((resolve) => {
      readRaw(req, res, (error?: unknown) => resolve(error));
    });
    if (readError !== undefined) return { problem: bodyProblem(readError, maxBodyBytes) };
    const body: unknown = req.body;
    // Not a form (another Content-Type, or no body at all): the raw reader left it alone.
    if (!Buffer.isBuffer(body)) {
      return {
        problem: {
          code: 'ACS_NOT_FORM',
          expected: FORM_TYPE,
          actual: req.get('content-type') ?? '(no Content-Type)',
          detail: 'the ACS takes an HTML form POST (application/x-www-form-urlencoded) with SAMLResponse and RelayState',
          hint: 'post the SAMLResponse as a form field, as the IdP auto-POST form does (HTTP-POST binding)',
        },
      };
    }
    // The bytes move to a judge worker: nothing here may read them afterwards.
    req.body = undefined;
    return { body, charset };
  };
}

function bodyProblem(error: unknown, maxBodyBytes: number): MalformedPost {
  const e = (typeof error === 'object' && error !== null ? error : {}) as { type?: unknown; message?: unknown; length?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(error);
  switch (e.type) {
    case 'entity.too.large':
      return {
        code: 'ACS_BODY_TOO_LARGE',
        expected: `at most ${maxBodyBytes} bytes`,
        actual: typeof e.length === 'number' ? `${e.length} bytes` : 'more',
        detail: `the POST body exceeds the ACS limit of ${maxBodyBytes} bytes`,
        hint: 'a Flex login response is a few KiB; check what is being posted, or raise maxBodyBytes',
      };
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return { code: 'ACS_BAD_ENCODING', detail: message, hint: 'post the form as UTF-8 without Content-Encoding' };
    default:
      return { code: 'ACS_BAD_BODY', detail: `the POST body could not be read: ${message}`, hint: 'post a complete application/x-www-form-urlencoded form' };
  }
}
