// The all-zero Flex identifiers `flex-sso init` writes into flex-sso.config.yaml (harness/config/
// template.ts) and local runs use (harness/serve/profiles.ts): they have Flex's shape but name no
// real connection or account, so doctor warns about them instead of advising a tenant to use them.
import type { FlexConsoleConfig } from '../config/schema.ts';
import { DEFAULT_ACCOUNT_SID, DEFAULT_CONNECTION_ID } from '../serve/profiles.ts';

const PLACEHOLDERS = new Set([DEFAULT_CONNECTION_ID, DEFAULT_ACCOUNT_SID].map((v) => v.toUpperCase()));

/** The placeholder the config still holds for its profile (`flex.connectionId` or `flex.accountSid`), if any. */
export function flexPlaceholder(flex: FlexConsoleConfig | undefined): { field: string; value: string } | undefined {
  if (!flex) return undefined;
  const [field, value] = flex.profile === 'legacy' ? ['flex.accountSid', flex.accountSid] : ['flex.connectionId', flex.connectionId];
  return value !== undefined && PLACEHOLDERS.has(value.toUpperCase()) ? { field, value } : undefined;
}
