// How a run-store record becomes a line of logins.jsonl (./login-store.ts): JSON, with the large
// members spliced in as JSON text encoded elsewhere (a judge worker) so the server's thread neither
// stringifies nor transcodes them, written with writev.
import type { FileHandle } from 'node:fs/promises';
import type { Verdict } from '../pipeline/types.ts';
import type { LoginRecord } from './login-store.ts';

/**
 * Members of a record already encoded as JSON text (UTF-8), e.g. by the judge worker that read the
 * form: written as they are. They must encode the record's own `samlResponse` and `relayState`.
 */
export interface EncodedMembers {
  samlResponse: Uint8Array;
  relayState?: Uint8Array;
}

/** One record as a JSON line, in parts: `encoded` members are spliced in as they are. */
export function recordLine(record: LoginRecord, encoded: EncodedMembers | undefined): Uint8Array[] {
  if (encoded === undefined) return [Buffer.from(`${JSON.stringify(record)}\n`)];
  const { samlResponse: _samlResponse, relayState, ...rest } = record;
  // `rest` always has an id, so its JSON is `{…}` with at least one member: drop the `}` and go on.
  const parts: Uint8Array[] = [Buffer.from(`${JSON.stringify(rest).slice(0, -1)},"samlResponse":`), encoded.samlResponse];
  if (relayState !== undefined) parts.push(Buffer.from(',"relayState":'), encoded.relayState ?? Buffer.from(JSON.stringify(relayState)));
  parts.push(Buffer.from('}\n'));
  return parts;
}

export function withoutXml(verdict: Verdict): Verdict {
  if (verdict.xml === undefined) return verdict;
  const { xml: _xml, ...rest } = verdict;
  return rest;
}

/** writev until every byte is written (a short write is possible for large batches). */
export async function writeAll(handle: FileHandle, parts: Uint8Array[]): Promise<void> {
  let rest = parts;
  while (rest.length > 0) {
    const { bytesWritten } = await handle.writev(rest);
    if (bytesWritten === 0) throw new Error('the run store file accepted no bytes');
    let skip = bytesWritten;
    const next: Uint8Array[] = [];
    for (const part of rest) {
      if (skip >= part.byteLength) {
        skip -= part.byteLength;
        continue;
      }
      next.push(skip > 0 ? part.subarray(skip) : part);
      skip = 0;
    }
    rest = next;
  }
}
