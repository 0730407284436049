import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DEFAULT_CONFIG_FILE } from '../../config/load.ts';
import { legacyNotice } from '../../config/legacy-migration.ts';
import { configTemplate } from '../../config/template.ts';
import { usageError } from '../errors.ts';

export function register(program: Command): void {
  program
    .command('init')
    .description(`Write a commented ${DEFAULT_CONFIG_FILE} for Flex Enhanced SSO (default), or Legacy SSO to test a migration (Legacy is past Twilio's migration deadline)`)
    .option('--enhanced', 'Flex Enhanced SSO (connection JQ…)')
    .option('--legacy', 'Flex Legacy SSO (account AC…), for testing the migration to Enhanced SSO; prints the migration steps')
    .option('--file <path>', 'where to write', DEFAULT_CONFIG_FILE)
    .option('--force', 'overwrite an existing file')
    .action(async (options: { enhanced?: boolean; legacy?: boolean; file: string; force?: boolean }) => {
      if (options.enhanced && options.legacy) throw usageError('INIT_PROFILE', 'init: choose one of --enhanced or --legacy, not both.');
      const file = resolve(options.file);
      if (existsSync(file) && !options.force) throw usageError('INIT_EXISTS', `init: ${file} already exists.`, 'Pass --force to overwrite it.');
      await writeFile(file, configTemplate(options.legacy ? 'legacy' : 'enhanced'));
      process.stdout.write(`wrote ${file}\nnext: set AUTH0_DOMAIN, AUTH0_SAML_CLIENT_ID, AUTH0_MGMT_CLIENT_ID, AUTH0_MGMT_CLIENT_SECRET (environment or .env)\n`);
      if (options.legacy) process.stdout.write(`\nnote: ${legacyNotice(new Date())}\n`);
    });
}
