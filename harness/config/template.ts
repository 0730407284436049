// The commented configuration `flex-sso init` writes.
import { LEGACY_DEADLINE, LEGACY_MIGRATION_GUIDE } from './legacy-migration.ts';

/** The starter folder's scenarios, as `scenarios:` names them from the config's directory. */
export const STARTER_SCENARIOS_GLOB = 'sso/**/*.yaml';

/** `scenarios`: the glob relative to the config file's directory (init: the starter sso/ folder). */
export function configTemplate(profile: 'enhanced' | 'legacy', scenarios = STARTER_SCENARIOS_GLOB): string {
  const flex =
    profile === 'enhanced'
      ? `flex:
  profile: enhanced
  # Flex console → Single Sign-On → Enhanced SSO: the connection id in the ACS URL
  # (https://login.flex.us1.twilio.com/login/callback?connection=JQ…). Audience = urn:flex:<connectionId>.
  connectionId: JQ00000000000000000000000000000000`
      : `flex:
  # Legacy SSO is past Twilio's migration deadline (${LEGACY_DEADLINE}, ${LEGACY_MIGRATION_GUIDE}):
  # keep this profile only to test the migration to Enhanced SSO (\`flex-sso init --enhanced\`).
  profile: legacy
  # Twilio console Account SID. ACS = https://iam.twilio.com/v1/Accounts/<AC…>/saml2,
  # audience = https://iam.twilio.com/v1/Accounts/<AC…>/saml2/metadata.
  accountSid: AC00000000000000000000000000000000`;
  return `# flex-sso-harness configuration. Secrets never go here: set them in the environment or a .env file:
#   AUTH0_DOMAIN              tenant domain, e.g. example-staging.eu.auth0.com
#   AUTH0_SAML_CLIENT_ID      client id of the "SAML2 Web App" application Flex logs in through
#   AUTH0_MGMT_CLIENT_ID      machine-to-machine application allowed to call the Management API
#   AUTH0_MGMT_CLIENT_SECRET  its secret (redacted in every log and report)

# emulator (offline, default) | staging (real tenant posts to the local fake SP)
# | intercept (tenant keeps its Flex callback; the browser's POST is routed to the fake SP)
mode: emulator

auth0:
  # Users the harness provisions get e-mails at this domain and an app_metadata marker;
  # provisioning and cleanup never touch any other user.
  testUserDomain: flex-sso.test
  connection: Username-Password-Authentication

${flex}
  # Values in the Flex console, compared with the tenant by \`flex-sso doctor\`:
  # idpIssuer: urn:example-staging.eu.auth0.com
  # certificateFile: auth0-signing.pem
  # ssoUrl: https://example-staging.eu.auth0.com/samlp/<client id>?connection=Username-Password-Authentication

sp:
  port: 0            # 0 picks a free port on 127.0.0.1
  storeDir: .flex-sso/sp
  skewSeconds: 120   # allowed clock skew for NotBefore/NotOnOrAfter

# Your scenario files, relative to this file's directory: what run, login, provision,
# action-test --scenarios and serve --seed scenarios use when --scenarios is not given.
# \`flex-sso init\` writes its starter scenarios there (sso/flex-login.yaml); with --no-starter,
# put yours there or change the glob. Delete the line to use the harness's shipped example scenarios.
scenarios: ${scenarios}
reports: reports
`;
}
