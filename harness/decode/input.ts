// Turns whatever an admin pasted or captured into SAMLResponse values (base64, as posted).
// Accepted: a base64 SAMLResponse, raw XML, a URL-encoded form body, or a HAR file.
import { foreignEncoding } from '../../fake-sp/pipeline/encoding.ts';

export type InputFormat = 'base64' | 'xml' | 'form' | 'har';

export interface ExtractedResponse {
  /** The SAMLResponse as base64 of the XML bytes (what the ACS receives). */
  samlResponse: string;
  relayState?: string;
  /** HAR only: the URL the response was POSTed to. */
  url?: string;
  /** Notes about the input itself (e.g. DEFLATE-compressed). */
  notes: string[];
}

export interface ExtractedInput {
  format: InputFormat;
  responses: ExtractedResponse[];
}

/** A value error with a stable code, what was wrong and how to fix it. */
export class InputError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

const INPUT_HINT =
  'Pass the SAMLResponse value (base64), the decoded XML, the POST form body (SAMLResponse=…&RelayState=…) or a HAR file exported from the browser dev tools.';

export function extractResponses(raw: string | Buffer): ExtractedInput {
  // An XML file saved as UTF-16 or Latin-1: its bytes go to the pipeline as they are (base64), and
  // the decode check names the encoding; decoding them here as UTF-8 would only produce garbage.
  if (typeof raw !== 'string' && foreignEncoding(raw) !== undefined) {
    return { format: 'xml', responses: [{ samlResponse: raw.toString('base64'), notes: [] }] };
  }
  const text = (typeof raw === 'string' ? raw : raw.toString('utf8')).replace(/^\uFEFF/, '').trim();
  if (text === '') throw new InputError('INPUT_EMPTY', 'The input is empty.', INPUT_HINT);
  if (text.startsWith('{')) return { format: 'har', responses: fromHar(text) };
  if (text.startsWith('<')) {
    return { format: 'xml', responses: [{ samlResponse: Buffer.from(text, 'utf8').toString('base64'), notes: [] }] };
  }
  if (/(^|&)SAMLResponse=/.test(text)) return { format: 'form', responses: [fromForm(text)] };
  return { format: 'base64', responses: [fromBase64(text, 'the input')] };
}

function fromForm(body: string): ExtractedResponse {
  const params = new URLSearchParams(body);
  const value = params.get('SAMLResponse');
  if (value === null || value.trim() === '') {
    throw new InputError('INPUT_FORM_EMPTY', 'The form body has an empty SAMLResponse field.', INPUT_HINT);
  }
  const relayState = params.get('RelayState');
  // A pasted body often carries raw base64, whose `+` URLSearchParams turns into a space.
  return { ...fromBase64(value.replace(/ /g, '+'), 'the SAMLResponse form field'), ...(relayState === null ? {} : { relayState }) };
}

/**
 * A base64 value, passed on exactly as the ACS would receive it (whitespace aside, which the pipeline
 * ignores too): no base64url normalisation, no inflating of a DEFLATE-compressed value. The
 * pipeline's decode check names what is wrong with it (DECODE_BASE64, DECODE_DEFLATED,
 * DECODE_ENCODING), so `decode` and the ACS always give the same verdict for the same value.
 */
function fromBase64(value: string, where: string): ExtractedResponse {
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) {
    const bad = compact.match(/[^A-Za-z0-9+/=_-]/)?.[0] ?? '=';
    throw new InputError(
      'INPUT_UNRECOGNISED',
      `Could not recognise ${where}: expected base64, XML, a form body or a HAR file; found the character ${JSON.stringify(bad)}, which is not base64.`,
      INPUT_HINT,
    );
  }
  return { samlResponse: compact, notes: [] };
}

interface HarParam {
  name?: unknown;
  value?: unknown;
}
interface HarEntry {
  request?: { method?: unknown; url?: unknown; postData?: { text?: unknown; params?: unknown; mimeType?: unknown } };
}

function fromHar(text: string): ExtractedResponse[] {
  let har: unknown;
  try {
    har = JSON.parse(text);
  } catch (error) {
    throw new InputError(
      'INPUT_HAR_INVALID',
      `The input starts with "{" but is not valid JSON: ${(error as Error).message}.`,
      'Export the HAR again from the browser (Network tab → "Save all as HAR") or pass the SAMLResponse value itself.',
    );
  }
  const entries = (har as { log?: { entries?: unknown } } | null)?.log?.entries;
  if (!Array.isArray(entries)) {
    throw new InputError(
      'INPUT_HAR_INVALID',
      'The JSON input has no log.entries array, so it is not a HAR file.',
      'Export a HAR from the browser (Network tab → "Save all as HAR") or pass the SAMLResponse value itself.',
    );
  }
  const found: ExtractedResponse[] = [];
  for (const entry of entries as HarEntry[]) {
    const request = entry?.request;
    if (!request || String(request.method).toUpperCase() !== 'POST') continue;
    const form = harForm(request.postData);
    const value = form.get('SAMLResponse')?.replace(/ /g, '+');
    if (value === undefined || value.trim() === '') continue;
    const relayState = form.get('RelayState');
    const url = typeof request.url === 'string' ? request.url : undefined;
    found.push({
      ...fromBase64(value, `the SAMLResponse POSTed to ${url ?? 'an unknown URL'}`),
      ...(relayState === null ? {} : { relayState }),
      ...(url === undefined ? {} : { url }),
    });
  }
  if (found.length === 0) {
    throw new InputError(
      'INPUT_HAR_NO_SAML',
      `The HAR file has ${entries.length} entries but no POST with a SAMLResponse field.`,
      'Record the HAR with "Preserve log" enabled so the POST to the ACS (the Flex callback) is kept, then export it again.',
    );
  }
  return found;
}

function harForm(postData: { text?: unknown; params?: unknown } | undefined): URLSearchParams {
  const form = new URLSearchParams();
  if (!postData) return form;
  if (typeof postData.text === 'string' && postData.text !== '') return new URLSearchParams(postData.text);
  if (Array.isArray(postData.params)) {
    for (const param of postData.params as HarParam[]) {
      if (typeof param.name === 'string' && typeof param.value === 'string') {
        form.append(decodeFormComponent(param.name), decodeFormComponent(param.value));
      }
    }
  }
  return form;
}

/** Browsers differ: some HAR params are still URL-encoded. Base64 never contains `%`, so decode only then. */
function decodeFormComponent(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}
