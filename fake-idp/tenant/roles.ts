// RBAC roles and their assignment to users, with the Management API's semantics (docs-v2 Management
// API v2 "Roles" and "Users › roles" endpoints, as the auth0 SDK v7 calls them). An Action sees the
// names of the logged-in user's roles as event.authorization.roles (post-login-event-object).
import { badRequest, conflict, notFound } from './errors.ts';
import { randomAlnum } from './ids.ts';
import type { Role, TenantState } from './types.ts';

export interface RoleInput {
  name: string;
  description?: string;
}

const rolesOf = (state: TenantState): Role[] => (state.roles ??= []);
const membersOf = (state: TenantState): Record<string, string[]> => (state.roleMembers ??= {});

/** Auth0 role ids: `rol_` + 16 alphanumerics. */
const newRoleId = (): string => `rol_${randomAlnum(16)}`;

export function listRoles(state: TenantState, nameFilter?: string): Role[] {
  const filter = nameFilter?.toLowerCase();
  return rolesOf(state).filter((r) => filter === undefined || r.name.toLowerCase().includes(filter));
}

export function getRole(state: TenantState, id: string): Role {
  const role = rolesOf(state).find((r) => r.id === id);
  if (!role) throw notFound('inexistent_role', 'The role does not exist.', 'List roles (GET /api/v2/roles) to find the id');
  return role;
}

function checkName(state: TenantState, name: string, self?: Role): void {
  if (typeof name !== 'string' || name.trim() === '')
    throw badRequest('invalid_body', "Payload validation error: 'Missing required property: name'.", 'Give the role a name');
  const other = rolesOf(state).find((r) => r.name === name);
  if (other && other !== self)
    throw conflict('role_already_exists', 'Role name already exists', `A role named "${name}" exists (${other.id}); update it instead`);
}

export function createRole(state: TenantState, input: RoleInput): Role {
  checkName(state, input.name);
  const role: Role = { id: newRoleId(), name: input.name, ...(input.description !== undefined ? { description: input.description } : {}) };
  rolesOf(state).push(role);
  return role;
}

export function updateRole(state: TenantState, id: string, patch: Partial<RoleInput>): Role {
  const role = getRole(state, id);
  if (patch.name !== undefined) {
    checkName(state, patch.name, role);
    role.name = patch.name;
  }
  if (patch.description !== undefined) role.description = patch.description;
  return role;
}

export function deleteRole(state: TenantState, id: string): void {
  getRole(state, id);
  state.roles = rolesOf(state).filter((r) => r.id !== id);
  for (const [userId, ids] of Object.entries(membersOf(state))) membersOf(state)[userId] = ids.filter((r) => r !== id);
}

/** The user's roles, in assignment order. `userExists` guards against ids of deleted users. */
export function userRoles(state: TenantState, userId: string): Role[] {
  const ids = membersOf(state)[userId] ?? [];
  return ids.flatMap((id) => rolesOf(state).filter((r) => r.id === id));
}

export function assignRoles(state: TenantState, userId: string, roleIds: string[]): void {
  if (roleIds.length === 0)
    throw badRequest('invalid_body', "Payload validation error: 'Array is too short (0), minimum 1' on property roles.", 'Give at least one role id');
  for (const id of roleIds) getRole(state, id);
  const current = membersOf(state)[userId] ?? [];
  membersOf(state)[userId] = [...current, ...roleIds.filter((id, i) => !current.includes(id) && roleIds.indexOf(id) === i)];
}

export function removeRoles(state: TenantState, userId: string, roleIds: string[]): void {
  if (roleIds.length === 0)
    throw badRequest('invalid_body', "Payload validation error: 'Array is too short (0), minimum 1' on property roles.", 'Give at least one role id');
  membersOf(state)[userId] = (membersOf(state)[userId] ?? []).filter((id) => !roleIds.includes(id));
}

/** Ids of the users holding a role. */
export function roleUsers(state: TenantState, roleId: string): string[] {
  getRole(state, roleId);
  return Object.entries(membersOf(state))
    .filter(([, ids]) => ids.includes(roleId))
    .map(([userId]) => userId);
}

/** A deleted user loses its assignments. */
export function forgetUser(state: TenantState, userId: string): void {
  delete membersOf(state)[userId];
}
