// What a SAMLResponse that is not UTF-8 XML is instead, so the decode check can name it rather than
// guess. The HTTP-POST binding carries base64 of the XML as the IdP wrote it (SAML Bindings §3.5.4:
// never DEFLATE-compressed; that is the HTTP-Redirect binding, §3.4.4.1), and Auth0 writes UTF-8.
import { inflateRawSync } from 'node:zlib';

export interface ForeignEncoding {
  name: string;
  evidence: string;
}

const looksLikeXml = (text: string) => /^\s*</.test(text);

/** The XML declaration's encoding, read from ASCII-compatible bytes. */
function declaredEncoding(bytes: Buffer): string | undefined {
  return /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(bytes.subarray(0, 200).toString('latin1'))?.[1];
}

/**
 * UTF-16 (with or without a byte order mark) or an 8-bit encoding such as ISO-8859-1/Windows-1252.
 * Called for bytes that are not UTF-8, and for UTF-8-valid bytes that start like UTF-16 XML
 * (`<` followed by NUL is valid UTF-8, and would otherwise reach the parser as NUL characters).
 */
export function foreignEncoding(bytes: Buffer): ForeignEncoding | undefined {
  const [b0, b1] = [bytes[0], bytes[1]];
  if (b0 === 0xff && b1 === 0xfe) return { name: 'UTF-16LE', evidence: 'byte order mark FF FE' };
  if (b0 === 0xfe && b1 === 0xff) return { name: 'UTF-16BE', evidence: 'byte order mark FE FF' };
  if (b0 === 0x3c && b1 === 0x00) return { name: 'UTF-16LE', evidence: 'bytes 3C 00 ("<" then NUL)' };
  if (b0 === 0x00 && b1 === 0x3c) return { name: 'UTF-16BE', evidence: 'bytes 00 3C (NUL then "<")' };
  if (!looksLikeXml(bytes.subarray(0, 64).toString('latin1'))) return undefined;
  const declared = declaredEncoding(bytes);
  const bad = firstNonUtf8(bytes);
  const where = bad === undefined ? '' : `byte 0x${(bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0')} at offset ${bad} is not UTF-8`;
  if (declared !== undefined && !/^utf-?8$/i.test(declared))
    return { name: declared, evidence: [`the XML declaration says encoding="${declared}"`, where].filter(Boolean).join('; ') };
  if (bad === undefined) return undefined;
  return { name: 'an 8-bit encoding such as ISO-8859-1 (Latin-1) or Windows-1252', evidence: where };
}

function firstNonUtf8(bytes: Buffer): number | undefined {
  // One pass over lead bytes; each multi-byte sequence is checked by the fatal decoder (overlongs,
  // surrogates, bad continuation bytes). Runs only once UTF-8 decoding of the whole value failed.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] as number;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    if (len > 1) {
      try {
        decoder.decode(bytes.subarray(i, i + len));
      } catch {
        return i;
      }
    }
    i += len;
  }
  return undefined;
}

/** The XML inside a raw-DEFLATE value (HTTP-Redirect encoding), for the diagnosis only; undefined otherwise. */
export function deflatedXml(bytes: Buffer, maxBytes: number): string | undefined {
  try {
    const out = inflateRawSync(bytes, { maxOutputLength: maxBytes }).toString('utf8');
    return looksLikeXml(out.replace(/^\uFEFF/, '')) ? out : undefined;
  } catch {
    return undefined;
  }
}
