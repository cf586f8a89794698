import "server-only";
import { requireAdmin, type Viewer } from "@/lib/server/authz";
import { db, readRow } from "@/lib/server/db";
import type { Role } from "@/lib/generated/sqlite/enums";
import { asBoolean, get, inTransaction, transact, transaction } from "@/lib/server/data/sql";
import { fail, isUniqueViolation, ok, RefusedError, type Result } from "@/lib/server/data/result";
import { CONTROLS as CONTROL } from "@/lib/schemas/text";
import { splitFullName, withNames } from "@/lib/names";
import { actorFor, recordChange, type AuditActor } from "@/lib/server/data/records/audit";

/**
 * Signing in with the school's own accounts (OpenID Connect; decision 035).
 * A person signs in as the Rollbook login their school account is linked to,
 * by the provider's issuer and stable subject id, never by the email it
 * shows. The first time, an account links by itself only where the admin
 * made a rule for its provider and domain (by verified email, or by the
 * OneRoster sourcedId the provider sends, to a student's or teacher's
 * record; or a new student, if the rule says so). Otherwise the person is
 * told whom to ask, may ask, and an admin approves (linking it to a login)
 * or refuses. An admin's login is never linked by a rule: only by approval.
 *
 * Steps (the sign-in, with an identity the provider proved):
 * `signInBySchoolAccount`, `askForLink`, `linkRequestOf`, `getSignInSettings`,
 * `passwordSignInAllowed`, `setPasswordSignIn` (the server's command line).
 * Entry points (admins): the rest.
 */

/** A school account, as its provider proved it (lib/server/school-accounts.ts checked the signed ID token). */
export type SchoolIdentity = {
  /** the configured provider: google, microsoft-entra-id, oidc */
  provider: string;
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string;
  /** the given_name and family_name claims, when the provider sends them (else `name` is split: lib/names) */
  givenName?: string;
  familyName?: string;
  /** Google's hd; else the verified email's domain */
  domain: string | null;
  sourcedId: string | null;
};

export type SignInSettings = { passwordStudents: boolean; passwordTeachers: boolean; passwordAdmins: boolean; askWhom: string };

/** Control characters (not tab or newline): refused in what people type, dropped from what a provider sends. */
const CONTROLS = new RegExp(CONTROL.source, "g");
const EMAIL = /^[^\s@]+@[^\s@]+$/;

const DEFAULT_SETTINGS: SignInSettings = { passwordStudents: true, passwordTeachers: true, passwordAdmins: true, askWhom: "" };

/**
 * The school's sign-in settings; as before school accounts when none were
 * saved. Read by the sign-in page and every password sign-in while a
 * provider is on: straight to the driver.
 */
export async function getSignInSettings(): Promise<SignInSettings> {
  const row = await readRow(db, `SELECT "passwordStudents", "passwordTeachers", "passwordAdmins", "askWhom" FROM "SignInSettings" WHERE "id" = 1`, []);
  if (!row) return DEFAULT_SETTINGS;
  return {
    passwordStudents: asBoolean(row.passwordStudents),
    passwordTeachers: asBoolean(row.passwordTeachers),
    passwordAdmins: asBoolean(row.passwordAdmins),
    askWhom: String(row.askWhom),
  };
}

const PASSWORD_FIELD = { STUDENT: "passwordStudents", TEACHER: "passwordTeachers", ADMIN: "passwordAdmins" } as const;

export function passwordSignInAllowed(settings: SignInSettings, role: Role): boolean {
  return settings[PASSWORD_FIELD[role]];
}

/** From the server's command line (scripts/sign-in-passwords.ts): the way back in when the provider is down. */
export async function setPasswordSignIn(role: Role, on: boolean): Promise<void> {
  const field = PASSWORD_FIELD[role];
  await transaction(async (tx) => {
    const before = await getSignInSettings();
    await tx.signInSettings.upsert({ where: { id: 1 }, create: { id: 1, [field]: on }, update: { [field]: on } });
    await recordChange(tx, { actor: SERVER_COMMAND, via: "COMMAND", kind: "SIGN_IN_SETTINGS", recordId: "1", label: "Sign-in settings", action: "UPDATED", before: { [field]: before[field] }, after: { [field]: on } });
  });
}

/** Who a change from the server's command line is made by. */
const SERVER_COMMAND: AuditActor = { userId: null, name: "someone on the server" };

export type LinkRequestState = { status: "none" } | { status: "waiting"; askedAt: Date } | { status: "refused"; reason: string };

export type SchoolSignIn = { userId: string; role: Role } | { unlinked: LinkRequestState };

type Tx = Parameters<Parameters<typeof transaction>[0]>[0];

const LINKED_SQL = `
  UPDATE "SignInLink" SET "lastUsedAt" = $1::timestamp(3) WHERE "issuer" = $2 AND "subject" = $3
  RETURNING "userId", (SELECT u."role" FROM "User" u WHERE u."id" = "SignInLink"."userId") AS "role"`;

/**
 * The login a school account signs in as: the one it is linked to; else one
 * a rule links it to now; else none, with where its request stands.
 */
export async function signInBySchoolAccount(identity: SchoolIdentity, now = new Date()): Promise<SchoolSignIn> {
  // A returning account, the usual case: found and marked used in one statement.
  const linked = await transact(function* () {
    return yield* get(LINKED_SQL, now, identity.issuer, identity.subject);
  });
  if (linked) return { userId: String(linked.userId), role: linked.role as Role };
  const rule = identity.domain
    ? await db.signInRule.findUnique({
        where: { provider_domain: { provider: identity.provider, domain: identity.domain } },
        select: { linkByEmail: true, linkBySourcedId: true, createStudents: true },
      })
    : null;
  if (rule) {
    try {
      const user = await transaction(async (tx) => {
        const found =
          (rule.linkBySourcedId && identity.sourcedId ? await loginForPerson(tx, { sourcedId: identity.sourcedId }, false) : null) ??
          (rule.linkByEmail && identity.emailVerified && identity.email ? await loginForPerson(tx, { email: identity.email }, false) : null);
        const how = found ? found.by : "created";
        const user = found ?? (rule.createStudents ? await newStudentLogin(tx, identity) : null);
        if (!user) return null;
        await tx.signInLink.create({
          data: { userId: user.userId, provider: identity.provider, issuer: identity.issuer, subject: identity.subject, email: identity.email, how, lastUsedAt: now },
        });
        await tx.signInRequest.deleteMany({ where: { issuer: identity.issuer, subject: identity.subject } });
        return user;
      });
      if (user) return { userId: user.userId, role: user.role };
    } catch (error) {
      // The same account's other sign-in linked it a moment ago: sign in as that.
      if (isUniqueViolation(error)) return signInBySchoolAccount(identity, now);
      throw error;
    }
  }
  return { unlinked: await linkRequestOf(identity) };
}

/**
 * The login of a person found by email (a login's, a student's or a
 * teacher's) or by sourcedId (a student's or teacher's record), made now
 * for a record that has none. An admin's login only where `admins` allows.
 */
async function loginForPerson(
  tx: Tx,
  find: { email: string } | { sourcedId: string },
  admins: boolean,
): Promise<{ userId: string; role: Role; by: "email" | "sourcedId" } | null> {
  const by = "email" in find ? "email" : "sourcedId";
  if ("email" in find) {
    const user = await tx.user.findUnique({ where: { email: find.email }, select: { id: true, role: true } });
    if (user) return admins || user.role !== "ADMIN" ? { userId: user.id, role: user.role, by } : null;
  }
  const person = { select: { id: true, name: true, email: true, user: { select: { id: true, role: true } } } } as const;
  const student = await tx.student.findUnique({ where: find, ...person });
  const teacher = student ? null : await tx.teacher.findUnique({ where: find, ...person });
  const record = student ?? teacher;
  if (!record) return null;
  if (record.user) return { userId: record.user.id, role: record.user.role, by };
  // A login for the record, under its email, unless another login has that email (the
  // record's own, made a moment ago by a sign-in at the same time, is theirs).
  const holder = await tx.user.findUnique({ where: { email: record.email }, select: { id: true, role: true, studentId: true, teacherId: true } });
  if (holder) return holder.studentId === record.id || holder.teacherId === record.id ? { userId: holder.id, role: holder.role, by } : null;
  const role: Role = student ? "STUDENT" : "TEACHER";
  const user = await tx.user.create({
    data: { email: record.email, name: record.name, role, passwordHash: null, ...(student ? { studentId: record.id } : { teacherId: record.id }) },
    select: { id: true },
  });
  return { userId: user.id, role, by };
}

/** A new student and their login, from a verified school account no one has (a rule's createStudents). */
async function newStudentLogin(tx: Tx, identity: SchoolIdentity): Promise<{ userId: string; role: Role } | null> {
  const email = identity.emailVerified ? identity.email : null;
  if (!email) return null;
  const taken =
    (await tx.user.findUnique({ where: { email }, select: { id: true } })) ??
    (await tx.student.findUnique({ where: { email }, select: { id: true } })) ??
    (await tx.teacher.findUnique({ where: { email }, select: { id: true } }));
  if (taken) return null;
  const clean = (text: string, max: number) => text.replace(CONTROLS, "").trim().slice(0, max);
  const given = clean(identity.givenName ?? "", 60);
  const names = withNames(given ? { givenName: given, familyName: clean(identity.familyName ?? "", 60) } : splitFullName(clean(identity.name, 120) || email));
  const student = await tx.student.create({ data: { ...names, email, sourcedId: identity.sourcedId }, select: { id: true } });
  const user = await tx.user.create({ data: { email, name: names.name, role: "STUDENT", passwordHash: null, studentId: student.id }, select: { id: true } });
  return { userId: user.id, role: "STUDENT" };
}

/** Where a school account's request to be linked stands. */
export async function linkRequestOf(identity: Pick<SchoolIdentity, "issuer" | "subject">): Promise<LinkRequestState> {
  const row = await db.signInRequest.findUnique({
    where: { issuer_subject: { issuer: identity.issuer, subject: identity.subject } },
    select: { askedAt: true, refusedAt: true, reason: true },
  });
  if (!row) return { status: "none" };
  return row.refusedAt ? { status: "refused", reason: row.reason } : { status: "waiting", askedAt: row.askedAt };
}

/** The person asks the office to link their school account; asking again updates the note. A refused request stays refused. */
export async function askForLink(identity: SchoolIdentity, note: string, now = new Date()): Promise<Result<LinkRequestState>> {
  const text = note.trim();
  if (text.length > 500) return fail("Check the form.", { note: "Keep the note under 500 characters." });
  if (CONTROL.test(text)) return fail("Check the form.", { note: "The note has characters that can't be shown: type it again." });
  const state = await linkRequestOf(identity);
  if (state.status === "refused") return ok(state);
  const data = {
    provider: identity.provider,
    email: identity.email,
    emailVerified: identity.emailVerified,
    name: identity.name.replace(CONTROLS, "").slice(0, 200),
    domain: identity.domain,
    sourcedId: identity.sourcedId,
    note: text,
  };
  try {
    await db.signInRequest.upsert({
      where: { issuer_subject: { issuer: identity.issuer, subject: identity.subject } },
      create: { ...data, issuer: identity.issuer, subject: identity.subject, askedAt: now },
      update: data,
    });
  } catch (error) {
    // Asked twice at once: one of them made the row.
    if (!isUniqueViolation(error)) throw error;
  }
  return ok(await linkRequestOf(identity));
}

// ---- For admins ----

/** Requests waiting, oldest first, each with the login or record its email points to, if any; then the last refused. */
export async function listLinkRequests(viewer: Viewer | null) {
  requireAdmin(viewer);
  const select = {
    id: true,
    provider: true,
    email: true,
    emailVerified: true,
    name: true,
    domain: true,
    sourcedId: true,
    note: true,
    askedAt: true,
    refusedAt: true,
    reason: true,
  } as const;
  const [waiting, refused] = await Promise.all([
    db.signInRequest.findMany({ where: { refusedAt: null }, orderBy: { askedAt: "asc" }, take: 200, select }),
    db.signInRequest.findMany({ where: { refusedAt: { not: null } }, orderBy: { refusedAt: "desc" }, take: 20, select }),
  ]);
  // The email a request most likely belongs to: a login, student or teacher with the account's email or sourcedId.
  const emails = [...new Set(waiting.map((r) => r.email).filter((e): e is string => !!e))];
  const sourcedIds = [...new Set(waiting.map((r) => r.sourcedId).filter((s): s is string => !!s))];
  const [users, students, teachers] = await Promise.all([
    db.user.findMany({ where: { email: { in: emails } }, select: { email: true } }),
    db.student.findMany({ where: { OR: [{ email: { in: emails } }, { sourcedId: { in: sourcedIds } }] }, select: { email: true, sourcedId: true } }),
    db.teacher.findMany({ where: { OR: [{ email: { in: emails } }, { sourcedId: { in: sourcedIds } }] }, select: { email: true, sourcedId: true } }),
  ]);
  const known = new Set([...users, ...students, ...teachers].map((p) => p.email));
  const bySourcedId = new Map([...students, ...teachers].filter((p) => p.sourcedId).map((p) => [p.sourcedId!, p.email]));
  return {
    waiting: waiting.map((r) => ({
      ...r,
      suggestion: (r.sourcedId && bySourcedId.get(r.sourcedId)) || (r.email && known.has(r.email) ? r.email : null),
    })),
    refused,
  };
}

/**
 * Links a request's school account to the login of the person with this
 * email (a login's, a student's or a teacher's; a student or teacher
 * without a login gets one), and tells the person by email.
 */
export async function approveLinkRequest(viewer: Viewer | null, requestId: string, email: string): Promise<Result<{ name: string; email: string }>> {
  const actor = requireAdmin(viewer);
  const to = email.trim().toLowerCase();
  if (!EMAIL.test(to) || CONTROL.test(to) || to.length > 254) return fail("Check the form.", { email: "Enter the email of the student, teacher or admin this account is." });
  const result = await inTransaction(async (tx) => {
    const request = await tx.signInRequest.findUnique({
      where: { id: requestId },
      select: { provider: true, issuer: true, subject: true, email: true, name: true },
    });
    if (!request) throw new RefusedError("That request was already answered.");
    const user = await loginForPerson(tx, { email: to }, true);
    if (!user) throw new RefusedError("Check the form.", { email: `No student, teacher or login has the email ${to}, or another login already uses it.` });
    const login = await tx.user.findUniqueOrThrow({ where: { id: user.userId }, select: { name: true, email: true } });
    const link = await tx.signInLink.create({
      data: { userId: user.userId, provider: request.provider, issuer: request.issuer, subject: request.subject, email: request.email, how: "approved", linkedById: actor.userId },
      select: { id: true },
    });
    await tx.signInRequest.delete({ where: { id: requestId } });
    await recordChange(tx, {
      actor: actorFor(actor),
      via: "PAGE",
      kind: "SCHOOL_ACCOUNT",
      recordId: link.id,
      label: accountLabel(request, login.name),
      action: "LINKED",
      before: null,
      after: { login: login.email, provider: request.provider, account: request.email ?? request.subject, how: "request approved" },
    });
    await emailAsker(
      tx,
      request,
      "You can sign in to Rollbook with your school account",
      `${actor.name} linked your school account to your Rollbook login (${login.email}). Sign in with the button for your school account.`,
    );
    return login;
  });
  return result;
}

/** Tells the person who asked how their request was answered, by email (through the outbox), if their account has one. */
async function emailAsker(tx: Tx, request: { email: string | null; name: string }, subject: string, body: string) {
  if (request.email) await tx.outboxEmail.create({ data: { toAddress: request.email, toName: request.name, subject, body } });
}

/** Refuses a request, with why; the person sees the reason when they sign in again, and by email. */
export async function refuseLinkRequest(viewer: Viewer | null, requestId: string, reason: string, now = new Date()): Promise<Result<null>> {
  const actor = requireAdmin(viewer);
  const why = reason.trim();
  if (!why || why.length > 300 || CONTROL.test(why)) return fail("Check the form.", { reason: "Say why, in up to 300 characters: the person is told." });
  return inTransaction(async (tx) => {
    const request = await tx.signInRequest.findUnique({ where: { id: requestId }, select: { email: true, name: true, refusedAt: true, provider: true, subject: true } });
    if (!request || request.refusedAt) throw new RefusedError("That request was already answered.");
    await tx.signInRequest.update({ where: { id: requestId }, data: { refusedAt: now, refusedById: actor.userId, reason: why } });
    await recordChange(tx, { actor: actorFor(actor), via: "PAGE", kind: "SCHOOL_ACCOUNT", recordId: requestId, label: accountLabel(request, request.name), action: "REFUSED", before: null, after: null, note: why });
    await emailAsker(tx, request, "Your school account was not linked to Rollbook", `${actor.name} did not link your school account to a Rollbook login: ${why}`);
    return null;
  });
}

/** Forgets a refused request, so the person may ask again. */
export async function forgetLinkRequest(viewer: Viewer | null, requestId: string): Promise<Result<null>> {
  requireAdmin(viewer);
  const { count } = await db.signInRequest.deleteMany({ where: { id: requestId, refusedAt: { not: null } } });
  return count ? ok(null) : fail("That request is gone already.");
}

export type SignInRuleInput = { provider: string; domain: string; linkByEmail: boolean; linkBySourcedId: boolean; createStudents: boolean };

export async function listSignInRules(viewer: Viewer | null) {
  requireAdmin(viewer);
  return db.signInRule.findMany({
    orderBy: [{ provider: "asc" }, { domain: "asc" }],
    select: { id: true, provider: true, domain: true, linkByEmail: true, linkBySourcedId: true, createStudents: true },
  });
}

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Makes or replaces the rule for a provider and domain. */
export async function saveSignInRule(viewer: Viewer | null, input: SignInRuleInput, providers: string[]): Promise<Result<null>> {
  const actor = requireAdmin(viewer);
  const domain = input.domain.trim().toLowerCase();
  const errors: Record<string, string> = {};
  if (!providers.includes(input.provider)) errors.provider = "Choose one of the providers that are on.";
  if (!DOMAIN.test(domain)) errors.domain = "Enter a domain, like school.edu.";
  if (!input.linkByEmail && !input.linkBySourcedId && !input.createStudents) errors.linkByEmail = "Tick at least one way to link.";
  if (Object.keys(errors).length) return fail("Check the form.", errors);
  const data = { linkByEmail: input.linkByEmail, linkBySourcedId: input.linkBySourcedId, createStudents: input.createStudents };
  await transaction(async (tx) => {
    const key = { provider_domain: { provider: input.provider, domain } };
    const was = await tx.signInRule.findUnique({ where: key, select: { linkByEmail: true, linkBySourcedId: true, createStudents: true } });
    const rule = await tx.signInRule.upsert({ where: key, create: { provider: input.provider, domain, ...data }, update: data, select: { id: true } });
    await recordChange(tx, { actor: actorFor(actor), via: "PAGE", kind: "SIGN_IN_RULE", recordId: rule.id, label: `${input.provider}: ${domain}`, action: was ? "UPDATED" : "CREATED", before: was, after: data });
  });
  return ok(null);
}

export async function deleteSignInRule(viewer: Viewer | null, id: string): Promise<Result<null>> {
  const actor = requireAdmin(viewer);
  return transaction(async (tx) => {
    const rule = await tx.signInRule.findUnique({ where: { id }, select: { provider: true, domain: true, linkByEmail: true, linkBySourcedId: true, createStudents: true } });
    if (!rule || (await tx.signInRule.deleteMany({ where: { id } })).count === 0) return fail("That rule is gone already.");
    const { provider, domain, ...fields } = rule;
    await recordChange(tx, { actor: actorFor(actor), via: "PAGE", kind: "SIGN_IN_RULE", recordId: id, label: `${provider}: ${domain}`, action: "DELETED", before: fields, after: null });
    return ok(null);
  });
}

/**
 * Saves the password policy per role and whom to ask. Passwords can't be
 * turned off for a role while no provider is on, nor for admins by an admin
 * whose own school account isn't linked (they would be locking themselves out).
 */
export async function saveSignInSettings(viewer: Viewer | null, input: SignInSettings, providersOn: number): Promise<Result<null>> {
  const actor = requireAdmin(viewer);
  const askWhom = input.askWhom.trim();
  if (askWhom.length > 200 || CONTROL.test(askWhom)) return fail("Check the form.", { askWhom: "Up to 200 characters, as you'd write them: “the school office, room 12”." });
  const anyOff = !input.passwordStudents || !input.passwordTeachers || !input.passwordAdmins;
  if (anyOff && providersOn === 0) return fail("No school account provider is on: turning passwords off would lock that role out.");
  if (!input.passwordAdmins && (await db.signInLink.count({ where: { userId: actor.userId } })) === 0) {
    return fail("Link your own school account first (sign in with it and approve your request), or you couldn't sign in without a password.");
  }
  const data = { passwordStudents: input.passwordStudents, passwordTeachers: input.passwordTeachers, passwordAdmins: input.passwordAdmins, askWhom };
  const before = await getSignInSettings();
  await transaction(async (tx) => {
    await tx.signInSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    await recordChange(tx, { actor: actorFor(actor), via: "PAGE", kind: "SIGN_IN_SETTINGS", recordId: "1", label: "Sign-in settings", action: "UPDATED", before, after: data });
  });
  return ok(null);
}

/** The school accounts a login signs in with, for its page. */
export async function listSchoolAccounts(viewer: Viewer | null, who: { studentId: string } | { teacherId: string } | { userId: string }) {
  requireAdmin(viewer);
  const where = "userId" in who ? { userId: who.userId } : { user: who };
  return db.signInLink.findMany({
    where,
    orderBy: { createdAt: "asc" },
    select: { id: true, provider: true, email: true, how: true, createdAt: true, lastUsedAt: true },
  });
}

/** The admins' logins with their school accounts (admins have no page of their own). */
export async function listAdminSchoolAccounts(viewer: Viewer | null) {
  requireAdmin(viewer);
  return db.user.findMany({
    where: { role: "ADMIN" },
    orderBy: { name: "asc" },
    take: 100,
    select: { id: true, name: true, email: true, signInLinks: { orderBy: { createdAt: "asc" }, select: { id: true, provider: true, email: true, how: true, createdAt: true, lastUsedAt: true } } },
  });
}

/** Unlinks a school account: it signs no one in from now on (sessions already open stay, until "Sign out everywhere"). */
export async function unlinkSchoolAccount(viewer: Viewer | null, linkId: string): Promise<Result<{ userId: string }>> {
  const actor = requireAdmin(viewer);
  return transaction(async (tx) => {
    const link = await tx.signInLink.findUnique({ where: { id: linkId }, select: { userId: true, provider: true, subject: true, email: true, user: { select: { name: true, email: true } } } });
    if (!link || (await tx.signInLink.deleteMany({ where: { id: linkId } })).count === 0) return fail("That school account is not linked any more.");
    const before = { login: link.user.email, provider: link.provider, account: link.email ?? link.subject };
    await recordChange(tx, { actor: actorFor(actor), via: "PAGE", kind: "SCHOOL_ACCOUNT", recordId: linkId, label: accountLabel(link, link.user.name), action: "UNLINKED", before, after: null });
    return ok({ userId: link.userId });
  });
}

/** "Ada Lovelace's google account (ada@school.edu)", as the log names it. */
function accountLabel(account: { provider: string; email: string | null; subject: string }, name: string): string {
  return `${name}'s ${account.provider} account (${account.email ?? account.subject})`;
}
