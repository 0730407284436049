// The emulated Auth0 tenant: one object holding the state, with Auth0's semantics for each
// operation. The login flow and the Management API both go through it. Each concern lives in
// its own module; this class only delegates and supplies the clock.
import { checkActionSyntax } from '../actions/syntax.ts';
import * as actions from './actions.ts';
import * as apps from './applications.ts';
import * as bruteForce from './brute-force.ts';
import { DEFAULT_DOMAIN, freshState } from './defaults.ts';
import { ExecutionStore, type Execution, type RealtimeLogEntry, type RealtimeLogFilter } from './executions.ts';
import * as faults from './faults.ts';
import { logLoginOutcome, type LoginOutcomeInput } from './login-events.ts';
import { defaultProtections, ensureLoginState } from './login-state.ts';
import * as logs from './logs.ts';
import * as roles from './roles.ts';
import { prepareHash } from './passwords.ts';
import * as protections from './protections.ts';
import { checkSigningKey, generateSigningKey } from './signing-key.ts';
import * as signingKeys from './signing-keys.ts';
import { readStateFile, writeStateFile } from './state-file.ts';
import * as users from './users.ts';
import type {
  Action,
  ActionVersion,
  Application,
  Binding,
  DatabaseConnection,
  Fault,
  LogEvent,
  LoginProtections,
  MfaPolicy,
  Role,
  TenantState,
  UniversalLoginVariant,
  User,
} from './types.ts';
import type { FetchStub } from '../actions/fetch-stubs.ts';

import { TenantError } from './errors.ts';
export { TenantError };
export { TenantStateFileError } from './state-file.ts';
export { DATABASE_CONNECTION, publicUser } from './users.ts';
export type { CreateUserInput, UserPatch, UserPage } from './users.ts';
export type { CreateActionInput, ActionPatch, BindingRef, BoundAction, SyntaxChecker } from './actions.ts';
export type { CreateApplicationInput, ApplicationPatch } from './applications.ts';
export type { ListLogsOptions, NewLogEvent } from './logs.ts';
export type { RoleInput } from './roles.ts';
export type { Execution, RealtimeLogEntry, RealtimeLogFilter } from './executions.ts';
export type { LoginLogBase, LoginOutcomeInput } from './login-events.ts';
export type { BotDetectionPatch, BruteForcePatch, ConnectionPatch } from './protections.ts';
export type { FailedAttempt, LoginAttempt, UserBlock } from './brute-force.ts';

export interface TenantOptions {
  domain?: string;
  universalLogin?: UniversalLoginVariant;
  signing?: { keyPem: string; certPem: string };
  /** Time source for created_at, log dates, certificates; tests freeze it. */
  clock?: () => Date;
  /** Action syntax check; defaults to the Action runner's checker. */
  checkSyntax?: actions.SyntaxChecker;
}

export class Tenant {
  private path: string | undefined;
  private readonly clock: () => Date;
  private readonly checkSyntax: actions.SyntaxChecker;
  private readonly executions = new ExecutionStore();
  /** Log events become searchable this long after they happen (Auth0 indexes late); 0 = at once. */
  logIndexDelayMs = 0;

  private constructor(
    readonly state: TenantState,
    opts: TenantOptions,
  ) {
    ensureLoginState(state);
    this.clock = opts.clock ?? (() => new Date());
    this.checkSyntax = opts.checkSyntax ?? checkActionSyntax;
  }

  static create(opts: TenantOptions = {}): Tenant {
    const now = (opts.clock ?? (() => new Date()))();
    const domain = opts.domain ?? DEFAULT_DOMAIN;
    const signing = opts.signing ? checkSigningKey(opts.signing) : generateSigningKey(domain, now);
    return new Tenant(freshState(domain, opts.universalLogin ?? 'single-page', { ...signing }), opts);
  }

  /** Loads the state file, or creates a fresh tenant and saves it there when the file is missing.
   * `domain`/`universalLogin` given here override the stored ones. */
  static async load(path: string, opts: TenantOptions = {}): Promise<Tenant> {
    const stored = await readStateFile(path);
    const tenant = stored ? new Tenant(stored, opts) : Tenant.create(opts);
    tenant.path = path;
    if (stored) {
      if (opts.domain) stored.domain = opts.domain;
      if (opts.universalLogin) stored.settings.universalLogin = opts.universalLogin;
      if (opts.signing) stored.signing = { ...checkSigningKey(opts.signing) };
    } else {
      await tenant.save(path);
    }
    return tenant;
  }

  async save(path?: string): Promise<void> {
    const target = path ?? this.path;
    if (!target) throw new Error('Tenant.save: no path given and the tenant was not loaded from a file');
    await writeStateFile(target, this.state);
    this.path = target;
  }

  get domain(): string {
    return this.state.domain;
  }
  set domain(domain: string) {
    this.state.domain = domain;
  }
  get issuer(): string {
    return `urn:${this.state.domain}`;
  }
  now(): Date {
    return this.clock();
  }

  // users
  createUser(input: users.CreateUserInput): User {
    return users.createUser(this.state, input, this.clock());
  }
  /** Hashes `password` in the threadpool now, so the createUser/updateUser that sets it next need not. */
  preparePassword(password: string): Promise<void> {
    return prepareHash(password);
  }
  getUser(userId: string): User | undefined {
    return users.getUser(this.state, userId);
  }
  findUserByEmail(email: string): User | undefined {
    return users.findUserByEmail(this.state, email);
  }
  listUsers(opts: { page?: number; per_page?: number; q?: string; include_totals?: boolean } = {}): users.UserPage {
    return users.listUsers(this.state, opts);
  }
  updateUser(userId: string, patch: users.UserPatch): User {
    return users.updateUser(this.state, userId, patch, this.clock());
  }
  deleteUser(userId: string): boolean {
    const deleted = users.deleteUser(this.state, userId);
    if (deleted) roles.forgetUser(this.state, userId);
    return deleted;
  }
  verifyPassword(email: string, password: string): User | undefined {
    return users.verifyPassword(this.state, email, password);
  }
  recordLogin(userId: string, at: Date): void {
    users.recordLogin(this.state, userId, at);
  }

  // applications
  getApplication(clientId: string): Application | undefined {
    return apps.getApplication(this.state, clientId);
  }
  listApplications(): Application[] {
    return this.state.applications;
  }
  updateApplication(clientId: string, patch: apps.ApplicationPatch): Application {
    return apps.updateApplication(this.state, clientId, patch);
  }
  createApplication(input: apps.CreateApplicationInput): Application {
    return apps.createApplication(this.state, input);
  }
  defaultSamlClientId(): string {
    return apps.defaultSamlClientId(this.state);
  }

  // actions
  createAction(input: actions.CreateActionInput): Action {
    return actions.createAction(this.state, input, this.clock(), this.checkSyntax);
  }
  updateAction(id: string, patch: actions.ActionPatch): Action {
    return actions.updateAction(this.state, id, patch, this.clock(), this.checkSyntax);
  }
  getAction(id: string): Action | undefined {
    return actions.getAction(this.state, id);
  }
  listActions(opts?: { actionName?: string; deployed?: boolean }): Action[] {
    return actions.listActions(this.state, opts);
  }
  deleteAction(id: string, opts: { force?: boolean } = {}): boolean {
    return actions.deleteAction(this.state, id, opts.force);
  }
  deployAction(id: string): ActionVersion {
    return actions.deployAction(this.state, id, this.clock(), this.checkSyntax);
  }
  getBindings(_trigger: 'post-login'): Binding[] {
    return actions.getBindings(this.state);
  }
  setBindings(_trigger: 'post-login', bindings: actions.BindingRef[]): Binding[] {
    return actions.setBindings(this.state, bindings, this.clock());
  }
  boundPostLoginActions(): actions.BoundAction[] {
    return actions.boundPostLoginActions(this.state);
  }

  // RBAC roles
  listRoles(nameFilter?: string): Role[] {
    return roles.listRoles(this.state, nameFilter);
  }
  getRole(id: string): Role {
    return roles.getRole(this.state, id);
  }
  createRole(input: roles.RoleInput): Role {
    return roles.createRole(this.state, input);
  }
  updateRole(id: string, patch: Partial<roles.RoleInput>): Role {
    return roles.updateRole(this.state, id, patch);
  }
  deleteRole(id: string): void {
    roles.deleteRole(this.state, id);
  }
  userRoles(userId: string): Role[] {
    return roles.userRoles(this.state, userId);
  }
  assignRoles(userId: string, roleIds: string[]): void {
    this.requireUser(userId);
    roles.assignRoles(this.state, userId, roleIds);
  }
  removeRoles(userId: string, roleIds: string[]): void {
    this.requireUser(userId);
    roles.removeRoles(this.state, userId, roleIds);
  }
  roleUsers(roleId: string): string[] {
    return roles.roleUsers(this.state, roleId);
  }
  private requireUser(userId: string): void {
    if (!this.getUser(userId))
      throw new TenantError(404, 'inexistent_user', 'The user does not exist.', `No user with user_id ${userId}; list users to find the id`);
  }

  // emulator only: what an Action's fetch answers
  fetchStubs(): FetchStub[] {
    return this.state.actionFetchStubs ?? [];
  }
  setFetchStubs(stubs: FetchStub[]): void {
    this.state.actionFetchStubs = stubs.map((s) => ({ ...s }));
  }

  // logs
  log(event: logs.NewLogEvent): LogEvent {
    return logs.appendLog(this.state, event, this.clock());
  }
  /** Searchable (indexed) events, as GET /api/v2/logs lists them. */
  listLogs(opts: logs.ListLogsOptions = {}): LogEvent[] {
    return this.pageLogs(opts).logs;
  }
  /** listLogs with the paging totals the Management API returns. */
  pageLogs(opts: logs.ListLogsOptions = {}): logs.LogPage {
    return logs.listLogs(this.state, opts, this.logView());
  }
  getLog(id: string): LogEvent | undefined {
    return logs.getIndexedLog(this.state, id, this.logView());
  }
  private logView(): logs.LogView {
    return { now: this.clock(), indexDelayMs: this.logIndexDelayMs };
  }
  /** A finished login's events (s / f / actions_execution_failed) and execution; returns the execution id. */
  logLogin(input: LoginOutcomeInput): string | undefined {
    return logLoginOutcome(this.state, this.executions, (e) => this.log(e), input);
  }
  getExecution(id: string): Execution | undefined {
    return this.executions.get(id);
  }
  /** The Actions real-time logs: console output (Auth0's persisted 256-character excerpt) and errors. */
  realtimeLogs(filter?: RealtimeLogFilter): RealtimeLogEntry[] {
    return this.executions.list(filter);
  }

  // login protections: database connection, brute force, bot detection, MFA
  get connection(): DatabaseConnection {
    return this.state.connection;
  }
  get protections(): LoginProtections {
    return this.state.protections;
  }
  /** Back to a new tenant's attack protection and MFA settings (the harness seeds each scenario from them). */
  resetLoginProtections(): void {
    this.state.protections = defaultProtections();
  }
  updateConnection(id: string, patch: protections.ConnectionPatch): DatabaseConnection {
    return protections.updateConnection(this.state, id, patch);
  }
  connectionEnabledFor(clientId: string): boolean {
    return protections.connectionEnabledFor(this.state, clientId);
  }
  updateBruteForce(patch: protections.BruteForcePatch): LoginProtections['bruteForce'] {
    return protections.updateBruteForce(this.state, patch);
  }
  updateBotDetection(patch: protections.BotDetectionPatch): LoginProtections['botDetection'] {
    return protections.updateBotDetection(this.state, patch);
  }
  setMfaPolicies(policies: MfaPolicy[]): MfaPolicy[] {
    return protections.setMfaPolicies(this.state, policies);
  }
  setMfaFactor(name: string, enabled: boolean): { enabled: boolean } {
    return protections.setMfaFactor(this.state, name, enabled);
  }
  bruteForceBlock(attempt: bruteForce.LoginAttempt): bruteForce.UserBlock | undefined {
    return bruteForce.activeBlock(this.state, attempt, this.clock());
  }
  recordLoginFailure(attempt: bruteForce.FailedAttempt): { count: number; blocked: boolean } {
    return bruteForce.recordFailure(this.state, attempt, this.clock());
  }
  recordLoginSuccess(attempt: bruteForce.LoginAttempt): void {
    bruteForce.recordSuccess(this.state, attempt);
  }
  userBlocks(identifier: string): ReturnType<typeof bruteForce.blocksOf> {
    return bruteForce.blocksOf(this.state, identifier, this.clock());
  }
  removeUserBlocks(identifier: string): number {
    return bruteForce.removeBlocks(this.state, identifier);
  }

  // application signing keys (current, next, previous) and their rotation
  listSigningKeys(): signingKeys.SigningKeyView[] {
    return signingKeys.listSigningKeys(this.state, this.clock());
  }
  nextSigningKey(): signingKeys.KeyRecord {
    return signingKeys.nextSigningKey(this.state, this.clock());
  }
  rotateSigningKey(): signingKeys.KeyRecord {
    return signingKeys.rotateSigningKey(this.state, this.clock());
  }

  // faults
  addFault(fault: Omit<Fault, 'id'>): Fault {
    return faults.addFault(this.state, fault);
  }
  listFaults(): Fault[] {
    return this.state.faults;
  }
  clearFaults(): void {
    this.state.faults = [];
  }
  takeFaults(email: string): Fault[] {
    return faults.takeFaults(this.state, email);
  }
}
