// `flex-sso decode`: one captured SAMLResponse (or every one in a HAR) → check-by-check verdict.
import type { Command } from 'commander';
import { DEFAULT_JUDGE_DEADLINE_MS } from '../../../fake-sp/judge/pool.ts';
import { CliError, EXIT, usageError } from '../errors.ts';
import { COLOR, formatHuman, PLAIN, toDecodeJson, useColor, type ShowOptions } from '../../decode/format.ts';
import { DecodeError, decodeInput, prepare, readInputFile, readStream, type DecodeOptions } from '../../decode/run.ts';

interface RawOptions {
  cert: string[];
  metadata?: string;
  audience?: string;
  acs?: string;
  issuer?: string;
  now?: string;
  skew?: string;
  json?: boolean;
  xml?: boolean;
  verify: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function register(program: Command): void {
  program
    .command('decode')
    .description('Decode and validate one SAMLResponse (base64, XML, form body or HAR) the way the fake Flex SP does')
    .argument('[file]', 'file holding the response; "-" or omitted reads stdin')
    .option('--cert <pem>', 'IdP signing certificate (PEM, may hold several; repeatable)', collect, [])
    .option('--metadata <file>', 'IdP metadata XML: every signing certificate in it is trusted')
    .option('--audience <uri>', 'expected Audience (Flex SP entity ID, e.g. urn:flex:JQ…)')
    .option('--acs <url>', 'ACS URL the response was posted to (checks Destination and Recipient)')
    .option('--issuer <uri>', 'expected IdP issuer (Auth0: urn:<tenant domain>)')
    .option('--now <iso>', 'clock to validate at, ISO 8601; without a zone it is UTC (default: now)')
    .option('--skew <seconds>', 'allowed clock skew in seconds (default 120)')
    .option('--json', 'print JSON (an array for a HAR)')
    .option('--xml', 'also print the decoded XML, indented (with --json: its exact text as `xml`)')
    .option('--no-verify', 'no certificate at hand: show the response under an UNVERIFIED banner (exit 1: the signature check fails, it is never a pass)')
    .addHelpText(
      'after',
      `\nThe value is judged exactly as the ACS would receive it: a DEFLATE-compressed (HTTP-Redirect) or\nbase64url value is refused, not converted. Text output escapes control and bidi characters; --json is exact.\nEach response is judged with the fake SP's limits (docs/bounds.md): markup caps before parsing, and a\n${DEFAULT_JUDGE_DEADLINE_MS / 1000} s budget per response, past which it is stopped and reported as DECODE_TOO_EXPENSIVE.\n\nExit codes: 0 valid, 1 invalid or undecodable (always with --no-verify), 2 usage error.`,
    )
    .action(async (file: string | undefined, raw: RawOptions) => {
      await decodeCommand(file, raw);
    });
}

async function decodeCommand(file: string | undefined, raw: RawOptions): Promise<void> {
  const options: DecodeOptions = {
    certFiles: raw.cert,
    ...(raw.metadata === undefined ? {} : { metadataFile: raw.metadata }),
    ...(raw.audience === undefined ? {} : { audience: raw.audience }),
    ...(raw.acs === undefined ? {} : { acsUrl: raw.acs }),
    ...(raw.issuer === undefined ? {} : { issuer: raw.issuer }),
    ...(raw.now === undefined ? {} : { now: raw.now }),
    ...(raw.skew === undefined ? {} : { skew: raw.skew }),
    ...(raw.verify === false ? { noVerify: true } : {}),
  };
  const show: ShowOptions = { ...(raw.xml ? { xml: true } : {}), ...(raw.verify === false ? { unverified: true } : {}) };
  try {
    const { expectations, now } = prepare(options);
    const input = await readInput(file);
    const run = await decodeInput(input, expectations, now);
    if (raw.json) {
      const json = run.results.map((result) => toDecodeJson(result, show));
      process.stdout.write(`${JSON.stringify(run.format === 'har' ? json : json[0], null, 2)}\n`);
    } else {
      const palette = useColor(process.stdout, process.env) ? COLOR : PLAIN;
      const many = run.format === 'har';
      const blocks = run.results.map((result, i) => formatHuman(result, palette, many ? `Response ${i + 1} of ${run.results.length}` : undefined, show));
      process.stdout.write(blocks.join('\n'));
    }
    if (!run.results.every((result) => result.verdict.valid)) process.exitCode = EXIT.failed;
  } catch (error) {
    if (error instanceof DecodeError) {
      throw error.kind === 'usage' ? usageError(error.code, error.message, error.hint) : new CliError(error.code, error.message, error.hint, EXIT.failed);
    }
    throw error;
  }
}

async function readInput(file: string | undefined): Promise<Buffer> {
  if (file !== undefined && file !== '-') return readInputFile(file);
  if (file === undefined && process.stdin.isTTY) {
    throw usageError(
      'INPUT_MISSING',
      'No input: give a FILE, or pipe the SAMLResponse on stdin.',
      'Run e.g. `flex-sso decode response.b64 --cert auth0.pem`, or `pbpaste | flex-sso decode - --cert auth0.pem`.',
    );
  }
  const input = await readStream(process.stdin);
  if (input.toString('utf8').trim() === '') {
    throw usageError(
      'INPUT_MISSING',
      'No input: stdin was empty and no FILE was given.',
      'Run e.g. `flex-sso decode response.b64 --cert auth0.pem`, or pipe the SAMLResponse on stdin.',
    );
  }
  return input;
}
