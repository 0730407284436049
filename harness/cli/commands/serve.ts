import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { usageError } from '../errors.ts';
import { parseLogDelay, parsePort, parseRateLimit } from '../options.ts';
import type { ServeTarget } from '../../serve/start-servers.ts';
import { isFlexPattern } from '../../../flex/patterns.ts';

interface ServeOptions {
  port: string;
  idpPort?: string;
  state: string;
  store: string;
  https?: boolean;
  connection?: string;
  account?: string;
  cert?: string[];
  metadata?: string;
  issuer?: string;
  ssoUrl?: string;
  action: string;
  logDelay?: string;
  rateLimit?: string;
  json?: boolean;
  env?: boolean;
  seed?: string;
  pattern?: string;
}

const TARGETS: readonly ServeTarget[] = ['sp', 'idp', 'all'];

export function register(program: Command): void {
  program
    .command('serve')
    .description('Serve the fake Flex SP, the Auth0 emulator, or both on 127.0.0.1 until SIGINT/SIGTERM')
    .argument('<what>', 'sp | idp | all')
    .option('--port <n>', 'port of the SP (sp, all) or the emulator (idp); 0 picks a free port', '0')
    .option('--idp-port <n>', 'port of the emulator with `all`; 0 picks a free port', '0')
    .option('--state <file>', 'emulator tenant state (created on first start, saved on exit)', '.flex-sso/tenant.json')
    .option('--store <dir>', 'fake SP run store (append-only logins.jsonl)', '.flex-sso/sp')
    .option('--https', 'serve the emulator over HTTPS with a generated local CA (the auth0 SDK needs HTTPS)')
    .option('--connection <id>', 'Flex Enhanced SSO connection id (JQ + 32 hex)')
    .option('--account <sid>', 'Flex Legacy SSO account SID (AC + 32 hex)')
    .option('--cert <pem...>', 'sp: IdP signing certificate PEM file(s) to pin; repeat it to pin the current and the next key across a rotation')
    .option(
      '--metadata <file>',
      'sp: IdP metadata XML whose signing certificates to pin (all KeyDescriptors: current and next); its entityID is the expected issuer unless --issuer is given',
    )
    .option('--issuer <uri>', 'sp: expected IdP issuer (Auth0: urn:<tenant domain>)')
    .option('--sso-url <url>', 'sp: IdP SSO URL for SP-initiated logins (/login)')
    .option('--action <name|file>', 'all: post-login Action bound in the emulator (pattern-a, pattern-b, twilio-reference or a file)', 'pattern-a')
    .option('--log-delay <ms>', 'emulator: tenant log events become searchable (GET /api/v2/logs) this many ms after they happen, as on Auth0', '0')
    .option('--rate-limit <burst/perSecond|off>', "emulator: Management API token bucket (default 2/2, Auth0's Free plan)", '2/2')
    .option('--json', 'print one JSON line with the URLs once ready')
    .option(
      '--pattern <A|B>',
      'sp/all: judge logins against a Flex pattern; the dashboard lists the attributes it expects that a login lacks (A: team and program for non-admins)',
    )
    .option(
      '--env',
      'idp: print `export` lines (AUTH0_DOMAIN, AUTH0_SAML_CLIENT_ID, AUTH0_MGMT_CLIENT_ID/SECRET, NODE_EXTRA_CA_CERTS) for the tenant commands; implies --https',
    )
    .option(
      '--seed <scenarios|glob>',
      'all: create the user of every scenario (`scenarios`: the files `scenarios:` in ./flex-sso.config.yaml names, else the shipped ones) or of the scenario files matching GLOB, and print how to log in',
    )
    .addHelpText(
      'after',
      `
Examples:
  flex-sso serve all --json           emulator + fake SP wired together, URLs as JSON
  flex-sso serve idp --https --json   emulator with HTTPS for the auth0 SDK (trust caFile via NODE_EXTRA_CA_CERTS)
  flex-sso serve idp --https --log-delay 3000 --rate-limit 10/10
                                      logs searchable 3 s late; a wider Management API bucket
  flex-sso serve sp --cert idp.pem --issuer urn:example.eu.auth0.com --port 3000
  flex-sso serve all --seed scenarios  then, in another shell: flex-sso login --user pa-admin@flex-sso.test
  flex-sso serve idp --env > emulator.env &   then: . ./emulator.env && flex-sso audit
  flex-sso serve sp --cert current.pem --cert next.pem   pin both keys before rotating the tenant's signing key
  flex-sso serve sp --metadata idp-metadata.xml           pin every signing certificate the metadata lists

The process serving a state file owns it (<state>.serve.json): \`flex-sso login\` logs in through it, and a
second \`serve\` on the same state is refused, so stopping one never overwrites users the other added.`,
    )
    .action(async (what: string, options: ServeOptions) => {
      if (!TARGETS.includes(what as ServeTarget)) {
        throw usageError(
          'SERVE_TARGET',
          `serve: unknown target "${what}"; expected one of sp, idp, all.`,
          'Run `flex-sso serve all` for the emulator and the fake SP together.',
        );
      }
      if (options.pattern !== undefined && !isFlexPattern(options.pattern)) {
        throw usageError(
          'SERVE_PATTERN',
          `--pattern: expected A or B, received "${options.pattern}".`,
          'Pattern A: multi-program (team and program per agent); Pattern B: isolated org.',
        );
      }
      if (options.pattern !== undefined && what === 'idp')
        throw usageError(
          'SERVE_PATTERN_TARGET',
          '--pattern: the fake SP judges logins against it, so it goes with `serve sp` or `serve all`.',
          'Run `flex-sso serve all --pattern A`.',
        );
      const logDelayMs = parseLogDelay(options.logDelay ?? '0', '--log-delay');
      const rateLimit = parseRateLimit(options.rateLimit ?? '2/2', '--rate-limit');
      const certificates: string[] = [];
      for (const file of options.cert ?? []) {
        const pem = await readFile(file, 'utf8').catch(() => {
          throw usageError(
            'SERVE_CERT_UNREADABLE',
            `--cert: cannot read "${file}".`,
            'Pass the PEM file of the IdP signing certificate (Auth0: https://<domain>/pem).',
          );
        });
        if (!pem.includes('-----BEGIN CERTIFICATE-----'))
          throw usageError('SERVE_CERT_INVALID', `--cert: "${file}" holds no PEM certificate.`, 'Download it from https://<tenant domain>/pem.');
        certificates.push(pem);
      }
      if (options.env && what !== 'idp')
        throw usageError('SERVE_ENV_TARGET', '--env: prints the variables of the emulator, so it goes with `serve idp`.', 'Run `flex-sso serve idp --env`.');
      if (options.seed !== undefined && what !== 'all')
        throw usageError(
          'SERVE_SEED_TARGET',
          '--seed: scenario users need the emulator and the fake SP, so it goes with `serve all`.',
          'Run `flex-sso serve all --seed scenarios`.',
        );
      let issuer = options.issuer;
      if (options.metadata !== undefined) {
        const file = options.metadata;
        const xml = await readFile(file, 'utf8').catch(() => {
          throw usageError(
            'SERVE_METADATA_UNREADABLE',
            `--metadata: cannot read "${file}".`,
            'Pass the IdP metadata XML (Auth0: https://<tenant>/samlp/metadata/<client_id>).',
          );
        });
        const { CertificateError, parseMetadataCertificates } = await import('../../decode/certificates.ts');
        try {
          const parsed = parseMetadataCertificates(xml, `--metadata ${file}`);
          certificates.push(...parsed.certificates);
          issuer ??= parsed.entityId;
        } catch (error) {
          if (error instanceof CertificateError) throw usageError('SERVE_METADATA_INVALID', error.message, error.hint);
          throw error;
        }
      }
      if (what === 'sp' && certificates.length === 0) {
        throw usageError(
          'SERVE_CERT_MISSING',
          'serve sp: no IdP certificate to pin.',
          'Pass --cert <idp.pem> (Auth0: https://<domain>/pem) or --metadata <idp-metadata.xml>, or run `flex-sso serve all` to use the emulator.',
        );
      }
      // Loaded on use: the servers pull in xml-crypto, express and the Action runner.
      const [{ startServers }, { serverError }] = await Promise.all([import('../../serve/start-servers.ts'), import('../../serve/server-errors.ts')]);
      const running = await startServers({
        target: what as ServeTarget,
        spPort: parsePort(what === 'idp' ? '0' : options.port, '--port'),
        idpPort: parsePort(what === 'idp' ? options.port : (options.idpPort ?? '0'), what === 'idp' ? '--port' : '--idp-port'),
        statePath: options.state,
        storeDir: options.store,
        https: options.https === true || options.env === true,
        connectionId: options.connection,
        accountSid: options.account,
        certificates,
        issuer,
        ssoUrl: options.ssoUrl,
        action: options.action,
        logDelayMs,
        rateLimit,
        ...(isFlexPattern(options.pattern) ? { pattern: options.pattern } : {}),
      });
      const { ownLoop } = await import('../../serve/own-loop.ts');
      const loop = await ownLoop(running, { statePath: options.state, ...(options.seed === undefined ? {} : { seed: options.seed }) }).catch(
        async (error: unknown) => {
          await running.close().catch(() => undefined);
          throw error;
        },
      );
      if (options.env && running.idp)
        process.stdout.write(
          `${(await import('../../serve/loop.ts')).envExports(running.idp)}# flex-sso serve idp (pid ${process.pid}): Ctrl+C or kill ${process.pid} to stop\n`,
        );
      else if (options.json) process.stdout.write(`${JSON.stringify({ ...running.describe(), ...loop.describe() })}\n`);
      else process.stdout.write(running.summary() + loop.summary());
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          resolve();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await loop.close();
      await running.close().catch((error: unknown) => {
        throw serverError(error);
      });
      if (!options.json) process.stdout.write('flex-sso serve: stopped, state saved\n');
    });
}
