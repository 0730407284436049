// Every user of the tenant, page by page (Auth0 caps per_page at 100).
import type { Auth0Admin, TenantUser } from './types.ts';

export const USERS_PER_PAGE = 100;
/** Auth0 serves at most 1000 users through paging; past that, an export job is needed. */
export const PAGING_LIMIT = 1000;

export interface ListedUsers {
  users: TenantUser[];
  pages: number;
  truncated: boolean;
}

export async function listAllUsers(admin: Pick<Auth0Admin, 'listUsersPage'>, onPage?: (fetched: number, total?: number) => void): Promise<ListedUsers> {
  const users: TenantUser[] = [];
  let pages = 0;
  for (let page = 0; ; page++) {
    const result = await admin.listUsersPage(page, USERS_PER_PAGE);
    pages += 1;
    users.push(...result.users);
    onPage?.(users.length, result.total);
    const done = result.users.length < USERS_PER_PAGE || (result.total !== undefined && users.length >= result.total);
    if (done) return { users, pages, truncated: false };
    if ((page + 1) * USERS_PER_PAGE >= PAGING_LIMIT) return { users, pages, truncated: true };
  }
}
