// Before any browser starts: does the tenant's SAML app send its responses where this mode needs
// them? Each problem says what is wrong and exactly what to set, because a wrong callback otherwise
// shows up only as a browser timeout.
import type { SamlClientInfo } from '../auth0/types.ts';
import { HTTP_POST_BINDING } from '../auth0/flex-target.ts';

export interface PreflightProblem {
  code: string;
  message: string;
  hint: string;
}

function addonProblems(client: SamlClientInfo, audience: string, acsUrl: string): PreflightProblem[] {
  const where = `the SAML app "${client.name}" (${client.client_id})`;
  const samlp = client.samlp;
  if (!samlp) {
    return [
      { code: 'ADDON_OFF', message: `${where} has no SAML2 Web App addon`, hint: 'Auth0 dashboard → Applications → the app → Addons → enable "SAML2 Web App"' },
    ];
  }
  const problems: PreflightProblem[] = [];
  if (samlp.binding !== undefined && samlp.binding !== HTTP_POST_BINDING) {
    problems.push({
      code: 'ADDON_BINDING',
      message: `${where}: addon binding is ${String(samlp.binding)}`,
      hint: `set "binding": "${HTTP_POST_BINDING}" in the addon settings`,
    });
  }
  if (samlp.audience !== undefined && samlp.audience !== audience) {
    problems.push({
      code: 'ADDON_AUDIENCE',
      message: `${where}: addon audience is ${JSON.stringify(samlp.audience)}, expected ${JSON.stringify(audience)}`,
      hint: `set "audience": "${audience}" in the addon settings (the Flex entity ID of flex.${audience.startsWith('urn:flex:') ? 'connectionId' : 'accountSid'})`,
    });
  }
  for (const field of ['recipient', 'destination'] as const) {
    if (samlp[field] !== undefined && samlp[field] !== acsUrl) {
      problems.push({
        code: `ADDON_${field.toUpperCase()}`,
        message: `${where}: addon ${field} is ${JSON.stringify(samlp[field])}, expected ${JSON.stringify(acsUrl)}`,
        hint: `remove "${field}" from the addon settings or set it to ${acsUrl}`,
      });
    }
  }
  return problems;
}

/** staging: the app's first callback must be the local fake SP's ACS on the fixed sp.port. */
export function stagingPreflight(client: SamlClientInfo, expected: { acsUrl: string; audience: string; spPort: number }): PreflightProblem[] {
  if (expected.spPort === 0) {
    return [
      {
        code: 'SP_PORT_NOT_FIXED',
        message: "staging mode needs the fake SP on a fixed port (sp.port is 0 = a random port), because the tenant's callback must name it",
        hint: "set sp.port in flex-sso.config.yaml (e.g. `sp:\\n  port: 4010`) and the SAML app's Allowed Callback URL to the ACS on that port",
      },
    ];
  }
  const problems: PreflightProblem[] = [];
  const where = `the SAML app "${client.name}" (${client.client_id})`;
  if (client.callbacks[0] !== expected.acsUrl) {
    const found = client.callbacks.length > 0 ? client.callbacks.join(', ') : 'none';
    problems.push({
      code: 'CALLBACK_NOT_LOCAL_SP',
      message: `${where}: its first Allowed Callback URL must be the local fake SP's ACS ${expected.acsUrl} (Auth0 posts IdP-initiated responses to the first one); it has: ${found}`,
      hint: `Auth0 dashboard → Applications → the app → Settings → Allowed Callback URLs: put ${expected.acsUrl} first (a staging app only: production keeps the Flex ACS; or use --mode intercept)`,
    });
  }
  return [...problems, ...addonProblems(client, expected.audience, expected.acsUrl)];
}

/** intercept: the app keeps its real Flex callback for this profile; returns it (the URL to intercept). */
export function interceptPreflight(client: SamlClientInfo, expected: { acsPath: string; audience: string }): { acsUrl?: string; problems: PreflightProblem[] } {
  const where = `the SAML app "${client.name}" (${client.client_id})`;
  const first = client.callbacks[0];
  const matches = (url: string): boolean => URL.canParse(url) && `${new URL(url).pathname}${new URL(url).search}` === expected.acsPath;
  if (first === undefined || !matches(first)) {
    const other = client.callbacks.find(matches);
    return {
      problems: [
        {
          code: 'CALLBACK_NOT_FLEX',
          message: `${where}: intercept mode routes the POST to the Flex ACS ending in ${expected.acsPath}, but the first Allowed Callback URL is ${first ?? '(none)'}${other ? ` (${other} is not first)` : ''}`,
          hint: `put the Flex ACS first in Allowed Callback URLs, e.g. https://login.flex.us1.twilio.com${expected.acsPath} (Enhanced) or https://iam.twilio.com${expected.acsPath} (Legacy), or check flex.connectionId / flex.accountSid in flex-sso.config.yaml`,
        },
      ],
    };
  }
  const problems: PreflightProblem[] = [];
  if (new URL(first).protocol !== 'https:') {
    problems.push({
      code: 'CALLBACK_NOT_HTTPS',
      message: `${where}: the Flex ACS ${first} is not https`,
      hint: 'Flex ACS URLs are https: copy the value from the Flex console',
    });
  }
  return { acsUrl: first, problems: [...problems, ...addonProblems(client, expected.audience, first)] };
}

export function formatProblems(problems: readonly PreflightProblem[]): string {
  return problems.map((p) => `  ${p.code}: ${p.message}\n    fix: ${p.hint}`).join('\n');
}
