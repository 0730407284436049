// status: a non-Success status is how Auth0 reports an Action's api.access.deny() or a thrown error:
// surface its StatusMessage. Read from the envelope (the signature check comes next and never
// upgrades a failure here into a pass).
import type { Check } from '../context.ts';
import { failed, passed } from '../result.ts';
import { NS, attr, child, path, text } from '../xml.ts';

const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';

/**
 * The StatusMessage in either form: SAML core's element text, or the `Value` attribute Auth0 writes
 * (node-samlp templates/samlresponse.ejs: `<samlp:StatusMessage Value="<%= samlStatusMessage %>"/>`).
 */
function statusMessage(status: Parameters<typeof child>[0]): string | undefined {
  const el = path(status, ['StatusMessage'], NS.samlp);
  const fromText = text(el)?.trim();
  if (fromText !== undefined && fromText !== '') return fromText;
  return attr(el, 'Value')?.trim();
}

export function readStatus(root: Parameters<typeof child>[0]): { code?: string; subCode?: string; message?: string } {
  const status = child(root, 'Status', NS.samlp);
  const codeEl = child(status, 'StatusCode', NS.samlp);
  return {
    code: attr(codeEl, 'Value'),
    subCode: attr(child(codeEl, 'StatusCode', NS.samlp), 'Value'),
    message: statusMessage(status),
  };
}

export const status: Check = (state) => {
  const s = readStatus(state.root);
  if (s.code === SUCCESS) return { result: passed('status', 'Status Success.') };
  const short = (v?: string) => v?.replace('urn:oasis:names:tc:SAML:2.0:status:', '');
  const actual = [short(s.code) ?? '(no StatusCode)', short(s.subCode)].filter(Boolean).join(' / ');
  const denied = s.message !== undefined && s.message.length > 0;
  return {
    result: failed('status', s.code === undefined ? 'STATUS_MISSING' : 'STATUS_NOT_SUCCESS', {
      expected: 'Success',
      actual: denied ? `${actual}: ${s.message}` : actual,
      detail: denied ? `The IdP refused the login: "${s.message}".` : 'The IdP answered with a non-Success status and no reason.',
      hint: "Auth0 sends a non-Success Response with no Assertion when a post-login Action calls api.access.deny() or throws (e.g. the Twilio reference Action throws when app_metadata.flex is missing). Check Auth0 → Monitoring → Logs for the Action error and the user's app_metadata.flex.roles.",
    }),
  };
};
