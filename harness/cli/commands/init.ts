import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { DEFAULT_CONFIG_FILE } from '../../config/load.ts';
import { legacyNotice } from '../../config/legacy-migration.ts';
import { configTemplate, STARTER_SCENARIOS_GLOB } from '../../config/template.ts';
import { STARTER_DIR, writeStarter } from '../../init/starter.ts';
import { terminalSafe } from '../../text/terminal-safe.ts';
import { usageError } from '../errors.ts';

export function register(program: Command): void {
  program
    .command('init')
    .description(
      `Write a commented ${DEFAULT_CONFIG_FILE} for Flex Enhanced SSO (default), or Legacy SSO to test a migration (Legacy is past Twilio's migration deadline), and a starter ${STARTER_DIR}/ folder (one scenario file, one Pattern A Action) that runs on the emulator as written`,
    )
    .option('--enhanced', 'Flex Enhanced SSO (connection JQ…)')
    .option('--legacy', 'Flex Legacy SSO (account AC…), for testing the migration to Enhanced SSO; prints the migration steps')
    .option('--file <path>', 'where to write the config', DEFAULT_CONFIG_FILE)
    .option('--force', 'overwrite an existing config file (starter files are never overwritten)')
    .option('--no-starter', `do not write the starter ${STARTER_DIR}/ folder`)
    .action(async (options: { enhanced?: boolean; legacy?: boolean; file: string; force?: boolean; starter: boolean }) => {
      if (options.enhanced && options.legacy) throw usageError('INIT_PROFILE', 'init: choose one of --enhanced or --legacy, not both.');
      const file = resolve(options.file);
      if (existsSync(file) && !options.force) throw usageError('INIT_EXISTS', `init: ${file} already exists.`, 'Pass --force to overwrite it.');
      // The starter goes into the working directory; the config's `scenarios:` names it relative to
      // the config file's own directory (default-source.ts), which --file may put elsewhere.
      const starterDir = relative(dirname(file), resolve(STARTER_DIR)).split(sep).join('/');
      const glob = starterDir === STARTER_DIR ? STARTER_SCENARIOS_GLOB : `${starterDir || '.'}/**/*.yaml`;
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, configTemplate(options.legacy ? 'legacy' : 'enhanced', glob));
      const lines = [`wrote ${file}`];
      if (options.starter) {
        const starter = writeStarter(process.cwd());
        for (const path of starter.written) lines.push(`wrote ${path}`);
        for (const path of starter.skipped) lines.push(`kept ${path} (it exists; init never overwrites a starter file)`);
        const config = resolve(DEFAULT_CONFIG_FILE) === file ? '' : ` --config ${shellArg(relative(process.cwd(), file) || file)}`;
        lines.push(`run the starter scenarios on the emulator: npx flex-sso run${config}`);
      }
      lines.push('for a real tenant: set AUTH0_DOMAIN, AUTH0_SAML_CLIENT_ID, AUTH0_MGMT_CLIENT_ID, AUTH0_MGMT_CLIENT_SECRET (environment or .env)');
      if (options.legacy) lines.push('', `note: ${legacyNotice(new Date())}`);
      process.stdout.write(`${lines.map((l) => terminalSafe(l)).join('\n')}\n`);
    });
}

/** A path as one shell word: quoted unless it is plainly safe. */
function shellArg(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
