// Default Flex identifiers for local runs. They have Flex's shape (JQ/AC + 32 hex) so every check
// that looks at them behaves as with a real account, and are plainly not real.
import type { FlexProfileConfig } from '../../fake-sp/server/start.ts';

export const DEFAULT_CONNECTION_ID = 'JQ00000000000000000000000000000000';
export const DEFAULT_ACCOUNT_SID = 'AC00000000000000000000000000000000';

const CONNECTION_RE = /^JQ[0-9a-f]{32}$/i;
const ACCOUNT_RE = /^AC[0-9a-f]{32}$/i;

export function validConnectionId(value: string): boolean {
  return CONNECTION_RE.test(value);
}

export function validAccountSid(value: string): boolean {
  return ACCOUNT_RE.test(value);
}

export function defaultProfiles(connectionId = DEFAULT_CONNECTION_ID, accountSid = DEFAULT_ACCOUNT_SID): FlexProfileConfig[] {
  return [
    { kind: 'enhanced', connectionId },
    { kind: 'legacy', accountSid },
  ];
}
