// The decoded XML of a recorded login, derived from its SAMLResponse when read instead of being
// stored next to it (the same bytes twice, stringified on the server's thread for every POST). The
// derivation is the `decode` check's (fake-sp/pipeline/checks/decode.ts): whitespace dropped, base64
// decoded, UTF-8 decoded, a BOM removed; test/fake-sp/store/decoded-xml.test.ts checks that it gives
// the verdict's `xml` for every corpus response. Only a record whose `decode` check passed has one.
import type { LoginRecord } from './login-store.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The XML the pipeline judged, or undefined when the SAMLResponse could not be decoded. */
export function decodedXml(record: Pick<LoginRecord, 'samlResponse' | 'verdict'>): string | undefined {
  if (typeof record.verdict.xml === 'string') return record.verdict.xml; // a record stored before the XML was derived
  // Checks come back from logins.jsonl checked only loosely (an array): do not trust their elements.
  const decode = record.verdict.checks.find((c: unknown) => typeof c === 'object' && c !== null && (c as { id?: unknown }).id === 'decode');
  if (decode?.status !== 'ok' || typeof record.samlResponse !== 'string' || record.samlResponse === '') return undefined;
  try {
    const xml = utf8.decode(Buffer.from(record.samlResponse.replace(/\s+/g, ''), 'base64'));
    return xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  } catch {
    return undefined;
  }
}

/** The record as it was judged: its verdict with the decoded XML (what `GET /api/logins/:id` answers). */
export function withDecodedXml(record: LoginRecord): LoginRecord {
  const xml = decodedXml(record);
  return xml === undefined || record.verdict.xml === xml ? record : { ...record, verdict: { ...record.verdict, xml } };
}
