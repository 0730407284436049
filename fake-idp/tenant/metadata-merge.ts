// Auth0's PATCH /users/{id} semantics for app_metadata and user_metadata (Auth0 docs, "Manage
// metadata with the Management API"): only top-level keys are merged, a nested object given in the
// patch REPLACES the stored one (no deep merge), a key set to null is deleted, and patching the
// metadata with an empty object removes it completely.
import type { Metadata } from './types.ts';

export function mergeMetadata(current: Metadata, patch: Metadata | null): Metadata {
  if (patch === null || Object.keys(patch).length === 0) return {};
  const merged: Metadata = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = structuredClone(value);
  }
  return merged;
}

/** Metadata at creation: null-valued keys are dropped, like Auth0 does. */
export function initialMetadata(input: Metadata | undefined): Metadata {
  return mergeMetadata({}, input && Object.keys(input).length > 0 ? input : null);
}
