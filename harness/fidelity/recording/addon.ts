// The SAML addon a recording keeps: the fields of client.addons.samlp the emulator models (its own
// addon schema, fake-idp/management/schemas.ts), each with a value the emulator accepts. Any other
// field is named in `addonNotModelled` without its value (an unknown field may hold a certificate
// or a key), so the fidelity report can say the tenant sets something the replay cannot.
import { samlpAddon } from '../../../fake-idp/management/schemas.ts';
import type { SamlpAddon } from '../../../fake-idp/tenant/types.ts';

export interface SplitAddon {
  addon: Record<string, unknown>;
  notModelled: string[];
}

export function splitAddon(raw: Record<string, unknown> | undefined): SplitAddon {
  const addon: Record<string, unknown> = {};
  const notModelled: string[] = [];
  const shape = samlpAddon.shape as Record<string, { safeParse(value: unknown): { success: boolean } } | undefined>;
  for (const [key, value] of Object.entries(raw ?? {})) {
    const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (field !== undefined && field.safeParse(value).success) addon[key] = value;
    else notModelled.push(key);
  }
  return { addon, notModelled: notModelled.sort() };
}

/** The recorded addon as the emulator's addon (only modelled fields were kept). */
export function asEmulatorAddon(addon: Record<string, unknown>): SamlpAddon {
  const parsed = samlpAddon.safeParse(addon);
  return parsed.success ? (parsed.data as SamlpAddon) : {};
}
