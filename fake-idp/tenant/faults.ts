// Faults to apply to upcoming logins (consumed by the login flow). A fault with `remaining`
// applies to that many logins and then disappears; one without applies until cleared.
import { badRequest } from './errors.ts';
import { newUuid } from './ids.ts';
import type { Fault, TenantState } from './types.ts';

export function addFault(state: TenantState, input: Omit<Fault, 'id'>): Fault {
  if (input.remaining !== undefined && (!Number.isInteger(input.remaining) || input.remaining < 1)) {
    throw badRequest(
      'invalid_body',
      `Fault remaining must be a positive integer, received ${input.remaining}.`,
      'Omit remaining to apply the fault until cleared',
    );
  }
  if (input.kind === 'missing-attribute' && !input.attribute) {
    throw badRequest('invalid_body', 'Fault missing-attribute needs attribute (the attribute name to drop).', 'Set attribute, e.g. "roles"');
  }
  if (input.kind === 'delay' && (input.delayMs === undefined || !(input.delayMs >= 0))) {
    throw badRequest('invalid_body', 'Fault delay needs delayMs >= 0.', 'Set delayMs, e.g. 500');
  }
  const fault: Fault = { ...input, ...(input.email ? { email: input.email.trim().toLowerCase() } : {}), id: newUuid() };
  state.faults.push(fault);
  return fault;
}

/** Faults that apply to a login by `email`; each counted fault is decremented, and removed once
 * exhausted. Returns copies as they were when taken. */
export function takeFaults(state: TenantState, email: string): Fault[] {
  const who = email.trim().toLowerCase();
  const taken: Fault[] = [];
  state.faults = state.faults.filter((fault) => {
    if (fault.email !== undefined && fault.email !== who) return true;
    taken.push({ ...fault });
    if (fault.remaining === undefined) return true;
    fault.remaining -= 1;
    return fault.remaining > 0;
  });
  return taken;
}
