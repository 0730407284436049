// The starter `sso/` folder `flex-sso init` writes beside its config: one scenario file and the
// Pattern A post-login Action it runs, so `flex-sso run` (the config's `scenarios: sso/**/*.yaml`)
// passes on the emulator as written. The Action is the shipped scenarios/actions/pattern-a.js (one copy to keep
// true); the scenario file is below. Existing files are never overwritten: each is skipped and named.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { REPO_ROOT } from '../repo-root.ts';

export const STARTER_DIR = 'sso';
export const STARTER_SCENARIO = 'sso/flex-login.yaml';
export const STARTER_ACTION = 'sso/actions/flex-attributes.js';

const SCENARIO_YAML = `# flex-sso scenarios: each logs a user in through Auth0 (the embedded emulator by default) into a
# fake Twilio Flex and asserts the SAML attributes Flex receives. Run them: npx flex-sso run
# (flex-sso.config.yaml's \`scenarios: sso/**/*.yaml\` names every YAML file of this folder).
# Format (every key, outcomes, faults): the flex-sso-harness README, scenarios/README.md.
# The Action (./actions/flex-attributes.js, Pattern A) reads app_metadata = { flex: { roles, team }, program }.
# On a real tenant (--mode staging) the users are provisioned at auth0.testUserDomain (flex-sso.test).

- id: starter-agent
  title: An agent of team RAMP gets email, full_name, roles, team and program
  action: ./actions/flex-attributes.js
  user:
    email: starter-agent@flex-sso.test
    name: Alex Agent
    app_metadata: { flex: { roles: [agent], team: RAMP }, program: RAMP }
  expect:
    outcome: login
    attributes: { email: starter-agent@flex-sso.test, full_name: Alex Agent, roles: agent, team: RAMP, program: RAMP }

- id: starter-supervisor
  title: A supervisor who is also a WFO team leader gets both roles and no team
  action: ./actions/flex-attributes.js
  user:
    email: starter-supervisor@flex-sso.test
    name: Sam Supervisor
    app_metadata: { flex: { roles: [supervisor, wfo.team_leader] } }
  expect:
    outcome: login
    attributes: { roles: [supervisor, wfo.team_leader], team: absent, program: absent }
`;

export interface StarterFile {
  path: string;
  text: string;
}

/** The starter files, paths relative to the project directory. */
export function starterFiles(): StarterFile[] {
  return [
    { path: STARTER_SCENARIO, text: SCENARIO_YAML },
    { path: STARTER_ACTION, text: readFileSync(join(REPO_ROOT, 'scenarios', 'actions', 'pattern-a.js'), 'utf8') },
  ];
}

export interface StarterResult {
  written: string[];
  skipped: string[];
}

/** Writes each starter file under `projectDir` that does not exist yet; paths returned relative to it. */
export function writeStarter(projectDir: string): StarterResult {
  const result: StarterResult = { written: [], skipped: [] };
  for (const file of starterFiles()) {
    const target = resolve(projectDir, file.path);
    const shown = relative(projectDir, target);
    if (existsSync(target)) {
      result.skipped.push(shown);
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    // 'wx': fail rather than replace a file created since the check.
    writeFileSync(target, file.text, { flag: 'wx' });
    result.written.push(shown);
  }
  return result;
}
