// `decode` without the command line: read the input, pin the certificates, run the pipeline.
import { readFileSync, statSync } from 'node:fs';
import { parseXsDateTime } from '../../fake-sp/pipeline/xs-datetime.ts';
import { DEFAULT_JUDGE_DEADLINE_MS, judgeResponse, sharedJudgePool, type JudgePool } from '../../fake-sp/judge/index.ts';
import type { CheckId, SpPolicy } from '../../fake-sp/pipeline/types.ts';
import { CertificateError, parseCertificateFile, parseMetadataCertificates } from './certificates.ts';
import type { DecodeResult } from './format.ts';
import { extractResponses, InputError, type InputFormat } from './input.ts';

/** Inputs larger than this are refused (a HAR of a whole login is far below it). */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** A problem with how decode was called (exit 2) or with the input itself (exit 1). */
export class DecodeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint: string,
    readonly kind: 'usage' | 'input',
  ) {
    super(message);
    this.name = 'DecodeError';
  }
}

export interface DecodeOptions {
  certFiles: string[];
  metadataFile?: string;
  audience?: string;
  acsUrl?: string;
  issuer?: string;
  now?: string;
  skew?: string;
  /** --no-verify: pin no certificate; the signature check fails (SIG_NO_CERT) and the result is shown UNVERIFIED. */
  noVerify?: boolean;
}

export function readInputFile(path: string): Buffer {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw new DecodeError(
      'INPUT_UNREADABLE',
      `Cannot read the input file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      'Check the path, or pipe the SAMLResponse on stdin with `-`.',
      'usage',
    );
  }
  if (size > MAX_INPUT_BYTES) {
    throw new DecodeError(
      'INPUT_TOO_LARGE',
      `The input file ${path} is ${size} bytes; the limit is ${MAX_INPUT_BYTES}.`,
      'Pass only the SAMLResponse value or a HAR of the login alone.',
      'input',
    );
  }
  return readFileSync(path);
}

export async function readStream(stream: NodeJS.ReadableStream, limit = MAX_INPUT_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += buffer.length;
    if (total > limit) {
      throw new DecodeError(
        'INPUT_TOO_LARGE',
        `The input on stdin exceeds ${limit} bytes.`,
        'Pass only the SAMLResponse value or a HAR of the login alone.',
        'input',
      );
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export function buildSpPolicy(options: DecodeOptions): SpPolicy {
  if (options.noVerify && (options.certFiles.length > 0 || options.metadataFile)) {
    throw new DecodeError(
      'NO_VERIFY_WITH_CERT',
      '--no-verify was given together with --cert or --metadata.',
      'Pass a certificate to verify the response, or --no-verify alone to look at one you have no certificate for.',
      'usage',
    );
  }
  if (options.noVerify) return { certificates: [], ...expectedValues(options) };
  if (options.certFiles.length === 0 && !options.metadataFile) {
    throw new DecodeError(
      'CERT_MISSING',
      'No IdP certificate given: decode verifies signatures only against certificates you pin.',
      'Pass --cert auth0.pem (Auth0: https://<tenant>/pem, repeatable) or --metadata idp-metadata.xml (https://<tenant>/samlp/metadata/<client_id>).',
      'usage',
    );
  }
  if (options.certFiles.length > 0 && options.metadataFile) {
    throw new DecodeError(
      'CERT_BOTH',
      'Both --cert and --metadata were given; pass one source of trusted certificates.',
      'Use --cert PEM (repeatable) or --metadata FILE, not both.',
      'usage',
    );
  }
  const certificates = options.metadataFile
    ? parseMetadataCertificates(readCertSource(options.metadataFile, '--metadata').toString('utf8'), `--metadata ${options.metadataFile}`).certificates
    : options.certFiles.flatMap((file) => parseCertificateFile(readCertSource(file, '--cert'), `--cert ${file}`));
  return { certificates, ...expectedValues(options) };
}

function expectedValues(options: DecodeOptions): Omit<SpPolicy, 'certificates'> {
  return {
    ...(options.issuer === undefined ? {} : { issuer: options.issuer }),
    ...(options.audience === undefined ? {} : { audience: options.audience }),
    ...(options.acsUrl === undefined ? {} : { acsUrl: options.acsUrl }),
    ...(options.skew === undefined ? {} : { skewSeconds: parseSkew(options.skew) }),
  };
}

function readCertSource(path: string, option: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new DecodeError(
      'CERT_UNREADABLE',
      `Cannot read ${option} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      `Check the path given to ${option}; download the certificate from Auth0 (https://<tenant>/pem) if you have none.`,
      'usage',
    );
  }
}

/**
 * `--now` with the pipeline's xs:dateTime parser: a zone-less value is UTC, as in the time check
 * (Date.parse would read it as the host's local time). A bare date is midnight UTC.
 */
export function parseNow(value: string | undefined, clock: () => Date = () => new Date()): Date {
  if (value === undefined) return clock();
  const time = parseXsDateTime(/^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? `${value.trim()}T00:00:00Z` : value);
  if (time === undefined) {
    throw new DecodeError(
      'NOW_INVALID',
      `--now ${JSON.stringify(value)} is not an ISO 8601 date-time.`,
      'Use e.g. --now 2016-07-25T18:30:00Z (the moment the response was issued; without a zone it is read as UTC).',
      'usage',
    );
  }
  return new Date(time);
}

function parseSkew(value: string): number {
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
    throw new DecodeError('SKEW_INVALID', `--skew ${JSON.stringify(value)} is not a number of seconds ≥ 0.`, 'Use e.g. --skew 120.', 'usage');
  }
  return seconds;
}

export interface DecodeRun {
  format: InputFormat;
  results: DecodeResult[];
}

/** Checks the options before any input is read: certificate and clock problems are usage errors. */
export function prepare(options: DecodeOptions, clock?: () => Date): { expectations: SpPolicy; now: Date } {
  try {
    return { expectations: buildSpPolicy(options), now: parseNow(options.now, clock) };
  } catch (error) {
    if (error instanceof CertificateError) throw new DecodeError(error.code, error.message, error.hint, 'usage');
    throw error;
  }
}

/** Where responses are judged: worker threads, stopped at the deadline (the fake SP's ACS uses the same). */
export interface JudgeOptions {
  pool?: JudgePool;
  deadlineMs?: number;
}

/**
 * Decodes and validates every response in the input. Each is judged on a worker thread with the
 * ACS's deadline, so a hostile capture ends with a DECODE_TOO_EXPENSIVE verdict, never a hang.
 */
export async function decodeInput(input: Buffer | string, expectations: SpPolicy, now: Date, judge: JudgeOptions = {}): Promise<DecodeRun> {
  let extracted;
  try {
    extracted = extractResponses(input);
  } catch (error) {
    if (error instanceof InputError) throw new DecodeError(error.code, error.message, error.hint, 'input');
    throw error;
  }
  const pool = judge.pool ?? sharedJudgePool();
  const deadlineMs = judge.deadlineMs ?? DEFAULT_JUDGE_DEADLINE_MS;
  const verdicts = await Promise.all(extracted.responses.map((response) => judgeResponse(pool, response.samlResponse, expectations, now, deadlineMs)));
  const results = extracted.responses.map(
    (response, i): DecodeResult => ({
      verdict: extracted.format === 'xml' ? rawXmlDecode(verdicts[i] as DecodeResult['verdict']) : (verdicts[i] as DecodeResult['verdict']),
      notes: response.notes,
      omitted: omittedChecks(expectations),
      ...(response.url === undefined ? {} : { url: response.url }),
      ...(response.relayState === undefined ? {} : { relayState: response.relayState }),
    }),
  );
  return { format: extracted.format, results };
}

/**
 * Raw XML input reaches the pipeline base64-encoded (as the ACS receives it), so its decode check
 * says "decoded from base64"; for the user, who gave XML, the detail says what they gave.
 */
function rawXmlDecode(verdict: DecodeResult['verdict']): DecodeResult['verdict'] {
  return {
    ...verdict,
    checks: verdict.checks.map((c) =>
      c.id === 'decode' && c.ok
        ? { ...c, detail: c.detail.replace(/ decoded from base64\.$/, ' read as raw XML (the ACS receives it base64-encoded; decode encoded it so).') }
        : c,
    ),
  };
}

function omittedChecks(expectations: SpPolicy): CheckId[] {
  return [
    ...(expectations.issuer === undefined ? (['issuer'] as const) : []),
    ...(expectations.acsUrl === undefined ? (['destination', 'recipient'] as const) : []),
    ...(expectations.audience === undefined ? (['audience'] as const) : []),
  ];
}
