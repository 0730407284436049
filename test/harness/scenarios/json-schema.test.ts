// The scenario JSON Schema is generated from the zod schema (issue 19, CLI manners): the committed
// file must be what `npm run docs:schema` writes, and every shipped scenario file names it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../harness/repo-root.ts';
import { SCENARIO_SCHEMA_PATH, SCHEMA_MODELINE, scenarioJsonSchema, scenarioJsonSchemaText } from '../../../harness/scenarios/json-schema.ts';

describe('the scenario JSON Schema', () => {
  it(`${SCENARIO_SCHEMA_PATH} is what \`npm run docs:schema\` generates from harness/scenarios/schema.ts`, () => {
    expect(readFileSync(join(REPO_ROOT, SCENARIO_SCHEMA_PATH), 'utf8')).toBe(scenarioJsonSchemaText());
  });

  it('describes the file as one scenario or a list, refuses unknown keys and lists the outcomes', () => {
    const text = JSON.stringify(scenarioJsonSchema());
    const schema = scenarioJsonSchema() as { anyOf: unknown[]; $defs: Record<string, { required?: string[]; additionalProperties?: boolean }> };
    expect(schema.anyOf).toHaveLength(2);
    const scenario = Object.values(schema.$defs).find((d) => d.required?.includes('expect'));
    expect(scenario).toMatchObject({ additionalProperties: false, required: ['id', 'title', 'action', 'user', 'expect'] });
    expect(text).toContain('"enum":["login","sp-rejected","idp-error","wrong-password","user-blocked","mfa-required","captcha"]');
  });

  it('every shipped scenario file starts with the yaml-language-server line naming it', () => {
    const dir = join(REPO_ROOT, 'scenarios');
    const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(`${file}: ${readFileSync(join(dir, file), 'utf8').split('\n')[0]}`).toBe(`${file}: ${SCHEMA_MODELINE}`);
  });
});
