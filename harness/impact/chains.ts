// The two chains a user's login runs through: the baseline (the post-login Actions bound now, in
// order, or a file) and the candidate (the baseline with one Action replaced, or the file alone).
import { basename, extname } from 'node:path';
import type { ActionToRun } from '../../fake-idp/actions/runner.ts';
import { usageError } from '../cli/errors.ts';
import type { Auth0Admin } from '../auth0/types.ts';

export interface ActionFile {
  name: string;
  code: string;
}

export function actionFromFile(file: string, code: string, id = 'candidate'): ActionToRun {
  return { id: `act_${id}`, name: basename(file, extname(file)), code, secrets: {} };
}

/**
 * The deployed chain: each binding's Action at its deployed version (what logins run), read with
 * GET /actions/triggers/post-login/bindings and GET /actions/actions/{id}. Secret values are never
 * returned by the Management API: Actions see their secrets' names with empty values.
 */
export async function deployedChain(admin: Pick<Auth0Admin, 'listPostLoginBindings' | 'getAction'>): Promise<ActionToRun[]> {
  const chain: ActionToRun[] = [];
  for (const binding of await admin.listPostLoginBindings()) {
    const action = binding.action.id ? await admin.getAction(binding.action.id) : binding.action;
    const deployed = action.deployedVersion;
    chain.push({
      id: action.id || `bound_${chain.length}`,
      name: action.name || binding.displayName,
      code: deployed?.code || action.code,
      secrets: {},
      dependencies: deployed?.dependencies ?? action.dependencies ?? [],
    });
  }
  return chain;
}

/**
 * The candidate replaces the bound Action named `replace`; without it, the one with the candidate's
 * name, else the only one (with none bound, the candidate is the whole chain). Anything else is a
 * usage error that lists the bound names.
 */
export function replaceInChain(chain: ActionToRun[], candidate: ActionToRun, replace?: string): ActionToRun[] {
  const names = chain.map((a) => a.name);
  const listed = names.length ? names.map((n) => JSON.stringify(n)).join(', ') : '(none)';
  let index: number;
  if (replace !== undefined) {
    index = names.indexOf(replace);
    if (index < 0)
      throw usageError(
        'REPLACE_UNKNOWN',
        `--replace ${JSON.stringify(replace)}: no post-login Action of that name is bound. Bound now, in order: ${listed}.`,
        'Pass one of the bound names to --replace.',
      );
  } else {
    index = names.indexOf(candidate.name);
    if (index < 0 && chain.length === 1) index = 0;
    if (index < 0 && chain.length > 1) {
      throw usageError(
        'REPLACE_AMBIGUOUS',
        `${chain.length} post-login Actions are bound (${listed}) and none is named ${JSON.stringify(candidate.name)}: which one does the candidate replace?`,
        'Pass --replace NAME with one of the bound names.',
      );
    }
  }
  if (index < 0) return [candidate];
  return chain.map((action, i) => (i === index ? { ...candidate, name: action.name, dependencies: action.dependencies ?? [] } : action));
}
