// `npm run docs:schema`: writes the scenario JSON Schema generated from the zod schema.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from '../harness/repo-root.ts';
import { SCENARIO_SCHEMA_PATH, scenarioJsonSchemaText } from '../harness/scenarios/json-schema.ts';

const target = resolve(REPO_ROOT, SCENARIO_SCHEMA_PATH);
writeFileSync(target, scenarioJsonSchemaText());
process.stdout.write(`wrote ${SCENARIO_SCHEMA_PATH}\n`);
