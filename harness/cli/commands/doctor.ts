// `flex-sso doctor`: is the tenant's SAML app set up the way Flex needs it? Each finding says what,
// why, and the exact fix; exit 1 on any error.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { EXIT, usageError } from '../errors.ts';
import { parseIsoDate } from '../options.ts';
import { openAdminContext } from '../../auth0/cli-context.ts';
import { doctorFindings, type DoctorFinding } from '../../auth0/doctor.ts';
import { gatherDoctorInputs } from '../../auth0/doctor-inputs.ts';
import { requireAuth0 } from '../../config/load.ts';

interface RawOptions {
  json?: boolean;
  config?: string;
  now?: string;
}

export function register(program: Command): void {
  program
    .command('doctor')
    .description(
      'Compare the Auth0 SAML app, Login-flow Actions, signing certificate and IdP metadata with what Flex needs; report MFA, bot detection and brute-force settings that would stop automated logins',
    )
    .option('--json', 'print JSON')
    .option('--now <iso>', 'clock for the certificate expiry checks (default: now)')
    .option('--config <file>', 'configuration file (default flex-sso.config.yaml)')
    .addHelpText(
      'after',
      '\nEnvironment: AUTH0_DOMAIN, AUTH0_SAML_CLIENT_ID, AUTH0_MGMT_CLIENT_ID, AUTH0_MGMT_CLIENT_SECRET.\n' +
        'MFA and bot detection are read with GET /api/v2/guardian/policies, /guardian/factors and /attack-protection/{bot-detection,brute-force-protection}\n' +
        '(scopes read:mfa_policies, read:guardian_factors, read:attack_protection; without one, doctor says so in a note).\n' +
        'Exit codes: 0 no error, 1 error findings, 2 usage or API error.',
    )
    .action(async (raw: RawOptions) => {
      await doctor(raw);
    });
}

export function formatDoctor(findings: readonly DoctorFinding[], header: string): string {
  const width = Math.max(...findings.map((f) => f.id.length));
  const lines = [header];
  for (const f of findings) {
    lines.push(`  ${(f.severity === 'ok' ? 'ok' : f.severity.toUpperCase()).padEnd(7)}  ${f.id.padEnd(width)}  ${f.what}`);
    const indent = ' '.repeat(width + 13);
    if (f.severity !== 'ok' && f.why) lines.push(`${indent}why: ${f.why}`);
    if (f.severity !== 'ok' && f.fix) lines.push(`${indent}fix: ${f.fix}`);
  }
  const count = (s: DoctorFinding['severity']) => findings.filter((f) => f.severity === s).length;
  lines.push(`${count('ok')} ok, ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} note(s).`);
  return lines.join('\n');
}

function readFlexCertificate(file: string | undefined, configFile: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  const path = resolve(configFile ? dirname(configFile) : process.cwd(), file);
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw usageError(
      'FLEX_CERTIFICATE_FILE',
      `flex.certificateFile: no readable file at ${path}.`,
      'Point flex.certificateFile at the PEM uploaded to the Flex console (relative to the config file).',
    );
  }
}

async function doctor(raw: RawOptions): Promise<void> {
  const now = raw.now === undefined ? new Date() : parseIsoDate(raw.now, '--now');
  const ctx = await openAdminContext({ ...(raw.config !== undefined ? { config: raw.config } : {}), needs: ['samlClientId'] });
  const { samlClientId } = requireAuth0(ctx.loaded.env, ['samlClientId']);
  const { config } = ctx.loaded;
  const flexCertificatePem = readFlexCertificate(config.flex?.certificateFile, ctx.loaded.file);
  const inputs = await gatherDoctorInputs(ctx.admin, ctx.domain, samlClientId);
  const findings = doctorFindings(
    inputs,
    {
      connection: config.auth0.connection,
      ...(config.flex ? { flex: config.flex } : {}),
      ...(flexCertificatePem !== undefined ? { flexCertificatePem } : {}),
    },
    now,
  );
  if (raw.json) {
    ctx.json({ domain: ctx.domain, clientId: samlClientId, application: inputs.client.name, now: now.toISOString(), findings });
  } else {
    ctx.out(formatDoctor(findings, `Doctor: ${ctx.domain}, application "${inputs.client.name}" (${samlClientId})`));
  }
  if (findings.some((f) => f.severity === 'error')) process.exitCode = EXIT.failed;
}
