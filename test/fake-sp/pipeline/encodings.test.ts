// A SAMLResponse that is XML in another encoding, or DEFLATE-compressed, is
// named for what it is (DECODE_ENCODING, DECODE_DEFLATED) instead of "not UTF-8 (maybe deflated)".
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { validateResponse } from '../../../fake-sp/pipeline/index.ts';
import { signedResponseXml } from '../../helpers/saml-signer.ts';
import { NOW, expectAllOk, expectFailure, expectations } from './support.ts';

const xml = signedResponseXml({ attributes: { email: 'ana.agent@example.com', full_name: 'Anaïs Agent', roles: 'agent' } });
const b64 = (bytes: Buffer) => bytes.toString('base64');
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();

describe('decode: encodings other than UTF-8 are named', () => {
  const cases: Array<[string, Buffer, RegExp]> = [
    ['UTF-16LE with a byte order mark', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]), /^UTF-16LE \(byte order mark FF FE\)/],
    ['UTF-16BE with a byte order mark', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(xml)]), /^UTF-16BE \(byte order mark FE FF\)/],
    ['UTF-16LE without a byte order mark (valid UTF-8 bytes: "<" then NUL)', Buffer.from(xml, 'utf16le'), /^UTF-16LE \(bytes 3C 00/],
    ['Latin-1 without a declaration', Buffer.from(xml, 'latin1'), /ISO-8859-1 \(Latin-1\).*byte 0xEF at offset \d+ is not UTF-8/],
    [
      'Latin-1 with its XML declaration',
      Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?>${xml}`, 'latin1'),
      /^ISO-8859-1 \(the XML declaration says encoding="ISO-8859-1"/,
    ],
  ];
  for (const [name, bytes, actual] of cases) {
    it(`${name}: DECODE_ENCODING`, () => {
      const c = expectFailure(validateResponse(b64(bytes), expectations(), NOW), 'decode', 'DECODE_ENCODING');
      expect(c.actual).toMatch(actual);
      expect(`${c.detail} ${c.hint}`).not.toMatch(/deflate/i);
    });
  }

  it('accepts the same response in UTF-8, with a byte order mark and an XML declaration', () => {
    const v = validateResponse(
      b64(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>${xml}`, 'utf8')])),
      expectations(),
      NOW,
    );
    expectAllOk(v);
    expect(v.attributes['full_name']).toEqual(['Anaïs Agent']);
  });
});

describe('decode: a DEFLATE-compressed value (HTTP-Redirect encoding)', () => {
  it('is refused and named (DECODE_DEFLATED): the HTTP-POST binding never compresses', () => {
    const c = expectFailure(validateResponse(b64(deflateRawSync(Buffer.from(xml, 'utf8'))), expectations(), NOW), 'decode', 'DECODE_DEFLATED');
    expect(c.detail).toContain('HTTP-POST');
  });

  it('compressed bytes that are not XML are just not text (DECODE_UTF8)', () => {
    expectFailure(
      validateResponse(b64(deflateRawSync(Buffer.from([0x89, 0x00, 0xff, 0x10].concat(Array(64).fill(0xfe))))), expectations(), NOW),
      'decode',
      'DECODE_UTF8',
    );
  });
});
