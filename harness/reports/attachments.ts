// The names of the files a matrix test attaches to its Playwright result: the specs write them, the
// flex-sso reporter reads them, and people find them in Playwright's HTML report and traces.
export const ATTACHMENTS = {
  /** The scenario's ScenarioRunResult (run/observation.ts), JSON: what every report is built from. */
  result: 'flex-sso-result.json',
  /** The decoded SAML response XML. */
  samlXml: 'saml-response.xml',
  /** The SAMLResponse form value the browser posted, base64 as posted. */
  samlBase64: 'SAMLResponse.b64',
  /** The fake SP's verdict (its CheckResults unchanged), without the XML. */
  verdict: 'verdict.json',
  /** staging/intercept, failed scenarios: the user's Auth0 tenant log events for the attempt. */
  tenantLogs: 'flex-sso-tenant-logs.json',
  /** intercept: what the interceptor saw on the Flex origin. */
  intercept: 'flex-sso-intercept.json',
} as const;

/** A matrix test's annotation naming its scenario's `file:line`, so a skipped test still points at its YAML. */
export const SCENARIO_FILE_ANNOTATION = 'scenario-file';
