// Wrong-password scenarios fail a login on purpose at every run. On a real tenant brute-force
// protection counts those failures per user and IP and blocks the user at the 10th (docs:
// secure/attack-protection/brute-force-protection), so a scheduled staging run would start failing
// with outcome user-blocked after ten runs. Before each run flex-sso removes its wrong-password
// users' blocks with the documented unblock endpoint (DELETE /api/v2/user-blocks/{id}); the
// provisioning step also sets their generated password again, which ends a block too.
import type { Auth0Admin } from '../auth0/types.ts';
import type { Scenario } from '../scenarios/schema.ts';

/** Scenarios whose login is meant to fail at Auth0 and so feeds brute-force protection. */
export function failsLoginOnPurpose(scenario: Scenario): boolean {
  return scenario.expect.outcome === 'wrong-password';
}

export async function unblockUsers(
  admin: Pick<Auth0Admin, 'unblockUser'>,
  users: readonly { email: string; userId: string }[],
  progress: (line: string) => void,
): Promise<void> {
  for (const user of users) {
    progress(`unblock   ${user.email} (brute-force protection: its scenario fails a login on purpose)`);
    await admin.unblockUser(user.userId);
  }
}
