// The JSON Schema of a scenario file, generated from the zod schema the loader validates with (zod 4
// z.toJSONSchema), so an editor with the YAML language server checks and completes scenario files.
// `npm run docs:schema` writes it to docs/schema/scenario.schema.json; a test fails when the
// committed file differs from what the zod schema gives.
import { z } from 'zod';
import { scenarioSchema } from './schema.ts';

export const SCENARIO_SCHEMA_PATH = 'docs/schema/scenario.schema.json';
/** The line every shipped scenario file starts with (relative to scenarios/). */
export const SCHEMA_MODELINE = '# yaml-language-server: $schema=../docs/schema/scenario.schema.json';

export function scenarioJsonSchema(): Record<string, unknown> {
  // A file holds one scenario or a list of them. `io: 'input'`: what may be written (defaults optional).
  // The `dependencies` transform (name@version → {name, version}) and the cross-field rules of
  // `expect` have no JSON Schema form: the input type stands for them, the loader still checks them.
  const file = z.union([scenarioSchema, z.array(scenarioSchema).min(1)]);
  const schema = z.toJSONSchema(file, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12', reused: 'ref' });
  return {
    ...schema,
    title: 'flex-sso scenario file',
    description:
      'One scenario or a list of scenarios: a login by one user through one post-login Action, and what Flex must receive. Generated from harness/scenarios/schema.ts by `npm run docs:schema`; see scenarios/README.md.',
  };
}

export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
