// `npm run docs:codes`: writes docs/check-codes.md from the check-code catalogue.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderCheckCodes } from '../fake-sp/pipeline/codes-doc.ts';

const target = fileURLToPath(new URL('../docs/check-codes.md', import.meta.url));
writeFileSync(target, renderCheckCodes());
process.stdout.write(`wrote ${target}\n`);
