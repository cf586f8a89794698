import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import {
  approveLinkRequest,
  askForLink,
  linkRequestOf,
  refuseLinkRequest,
  saveSignInSettings,
  signInBySchoolAccount,
  unlinkSchoolAccount,
  type SchoolIdentity,
} from "@/lib/server/data/access/school-accounts";
import { makeStudent, makeUser, nameColumns } from "@/test/factories";

const t = () => randomUUID().slice(0, 8);

/** A school account as a provider proved it, at a domain of its own (so no other test's rule applies). */
function identity(patch: Partial<SchoolIdentity> = {}): SchoolIdentity {
  const domain = patch.domain ?? `d${t()}.test`;
  return {
    provider: "oidc",
    issuer: "https://idp.example.test",
    subject: `sub-${t()}`,
    email: `someone.${t()}@${domain}`,
    emailVerified: true,
    name: "Some One",
    domain,
    sourcedId: null,
    ...patch,
  };
}

async function rule(domain: string, ways: { linkByEmail?: boolean; linkBySourcedId?: boolean; createStudents?: boolean }) {
  await db.signInRule.create({ data: { provider: "oidc", domain, ...ways } });
}

const admin = () => makeUser("ADMIN");

describe("signing in with a school account", () => {
  it("signs in as the login the account is linked to, by issuer and subject, never by email", async () => {
    const user = await makeUser("TEACHER");
    const account = identity();
    await db.signInLink.create({ data: { userId: user.userId, provider: "oidc", issuer: account.issuer, subject: account.subject, how: "approved" } });
    expect(await signInBySchoolAccount(account)).toEqual({ userId: user.userId, role: "TEACHER" });
    const link = await db.signInLink.findFirstOrThrow({ where: { subject: account.subject }, select: { lastUsedAt: true } });
    expect(link.lastUsedAt).not.toBeNull();
    // The same email at another issuer, or another subject, is someone else.
    expect(await signInBySchoolAccount({ ...account, issuer: "https://other-idp.example.test" })).toEqual({ unlinked: { status: "none" } });
    expect(await signInBySchoolAccount({ ...account, subject: `sub-${t()}` })).toEqual({ unlinked: { status: "none" } });
  });

  it("without a rule, an account asks; asking again keeps one request; a refusal stays refused", async () => {
    const account = identity();
    expect(await signInBySchoolAccount(account)).toEqual({ unlinked: { status: "none" } });
    expect(await db.signInRequest.count({ where: { subject: account.subject } })).toBe(0);
    const asked = await askForLink(account, "  New here.  ");
    expect(asked.ok && asked.value.status).toBe("waiting");
    await askForLink(account, "New here, in room 4.");
    const rows = await db.signInRequest.findMany({ where: { subject: account.subject }, select: { id: true, note: true } });
    expect(rows).toEqual([{ id: expect.any(String), note: "New here, in room 4." }]);
    expect((await askForLink(account, "x".repeat(501))).ok).toBe(false);
    // Characters no one types (a NUL byte breaks PostgreSQL's text): refused with a message, nothing saved.
    expect((await askForLink(account, "bad\u0000note")).ok).toBe(false);

    const refused = await refuseLinkRequest(await admin(), rows[0]!.id, "Not a member of staff.");
    expect(refused.ok).toBe(true);
    expect(await linkRequestOf(account)).toEqual({ status: "refused", reason: "Not a member of staff." });
    const again = await askForLink(account, "Please?");
    expect(again.ok && again.value).toEqual({ status: "refused", reason: "Not a member of staff." });
    expect(await signInBySchoolAccount(account)).toEqual({ unlinked: { status: "refused", reason: "Not a member of staff." } });
    // The person is told, by email.
    expect(await db.outboxEmail.count({ where: { toAddress: account.email!, subject: "Your school account was not linked to Rollbook" } })).toBe(1);
  });

  it("a rule links a verified email to the student with it, making their login (no password)", async () => {
    const account = identity();
    await rule(account.domain!, { linkByEmail: true });
    const student = await makeStudent("Maya Patel", account.email!);
    const found = await signInBySchoolAccount(account);
    const user = await db.user.findUniqueOrThrow({ where: { studentId: student.id }, select: { id: true, role: true, passwordHash: true, email: true } });
    expect(found).toEqual({ userId: user.id, role: "STUDENT" });
    expect(user).toMatchObject({ role: "STUDENT", passwordHash: null, email: account.email });
    expect(await db.signInLink.findFirst({ where: { subject: account.subject }, select: { how: true, userId: true } })).toEqual({ how: "email", userId: user.id });
  });

  it("a rule by email links no unverified email, no admin's login, and nothing at another domain", async () => {
    const domain = `d${t()}.test`;
    await rule(domain, { linkByEmail: true });
    const unverified = identity({ domain, emailVerified: false });
    await makeStudent("Unverified", unverified.email!);
    expect(await signInBySchoolAccount(unverified)).toEqual({ unlinked: { status: "none" } });

    const adminUser = await makeUser("ADMIN");
    const asAdmin = identity({ domain, email: adminUser.email });
    expect(await signInBySchoolAccount(asAdmin)).toEqual({ unlinked: { status: "none" } });

    const elsewhere = identity();
    await makeStudent("Elsewhere", elsewhere.email!);
    expect(await signInBySchoolAccount(elsewhere)).toEqual({ unlinked: { status: "none" } });
    expect(await db.signInLink.count({ where: { subject: { in: [unverified.subject, asAdmin.subject, elsewhere.subject] } } })).toBe(0);
  });

  it("a rule by sourcedId links the teacher with it, whatever the email says", async () => {
    const account = identity({ sourcedId: `T-${t()}` });
    await rule(account.domain!, { linkBySourcedId: true });
    const teacher = await db.teacher.create({ data: { ...nameColumns("Ines Okafor"), email: `ines.${t()}@staff.test`, sourcedId: account.sourcedId } });
    const found = await signInBySchoolAccount(account);
    const user = await db.user.findUniqueOrThrow({ where: { teacherId: teacher.id }, select: { id: true, email: true } });
    expect(found).toEqual({ userId: user.id, role: "TEACHER" });
    expect(user.email).toBe(teacher.email);
    expect((await db.signInLink.findFirstOrThrow({ where: { subject: account.subject } })).how).toBe("sourcedId");
  });

  it("a rule that makes students makes one for a verified email no one has, and only then", async () => {
    const account = identity({ name: "Kofi Mensah", sourcedId: `S-${t()}` });
    await rule(account.domain!, { createStudents: true });
    const found = await signInBySchoolAccount(account);
    const student = await db.student.findUniqueOrThrow({ where: { email: account.email! }, select: { id: true, name: true, sourcedId: true, user: { select: { id: true } } } });
    expect(student).toMatchObject({ name: "Kofi Mensah", sourcedId: account.sourcedId });
    expect(found).toEqual({ userId: student.user!.id, role: "STUDENT" });

    // A teacher has that email: no student is made, and the account asks.
    const teacherEmail = identity({ domain: account.domain });
    await db.teacher.create({ data: { ...nameColumns("Has It"), email: teacherEmail.email! } });
    expect(await signInBySchoolAccount(teacherEmail)).toEqual({ unlinked: { status: "none" } });
    expect(await db.student.count({ where: { email: teacherEmail.email! } })).toBe(0);
  });

  it("the same account signing in twice at once is linked once, and both sign in", async () => {
    for (let i = 0; i < 8; i++) {
      const account = identity();
      await rule(account.domain!, { linkByEmail: true });
      await makeStudent("Twice", account.email!);
      const [a, b] = await Promise.all([signInBySchoolAccount(account), signInBySchoolAccount(account)]);
      expect(a).toHaveProperty("userId");
      expect(a).toEqual(b);
      expect(await db.signInLink.count({ where: { subject: account.subject } })).toBe(1);
    }
  });
});

describe("an admin answering requests", () => {
  it("approving links the account to the person with that email, and tells them", async () => {
    const account = identity();
    await askForLink(account, "");
    const request = await db.signInRequest.findFirstOrThrow({ where: { subject: account.subject }, select: { id: true } });
    const teacher = await db.teacher.create({ data: { ...nameColumns("Grace Ng"), email: `grace.${t()}@staff.test` } });

    const unknown = await approveLinkRequest(await admin(), request.id, "nobody@nowhere.test");
    expect(unknown.ok).toBe(false);
    expect((await approveLinkRequest(await admin(), request.id, "a\u0000@b.test")).ok).toBe(false);
    expect((await refuseLinkRequest(await admin(), request.id, "no\u0000")).ok).toBe(false);
    expect(await db.signInLink.count({ where: { subject: account.subject } })).toBe(0);

    const approved = await approveLinkRequest(await admin(), request.id, ` ${teacher.email.toUpperCase()} `);
    expect(approved).toEqual({ ok: true, value: { name: "Grace Ng", email: teacher.email } });
    const user = await db.user.findUniqueOrThrow({ where: { teacherId: teacher.id }, select: { id: true } });
    expect(await signInBySchoolAccount(account)).toEqual({ userId: user.id, role: "TEACHER" });
    expect(await db.signInRequest.count({ where: { subject: account.subject } })).toBe(0);
    expect(await db.outboxEmail.count({ where: { toAddress: account.email!, subject: "You can sign in to Rollbook with your school account" } })).toBe(1);
    // Answered already.
    expect((await approveLinkRequest(await admin(), request.id, teacher.email)).ok).toBe(false);
  });

  it("an admin's own login is linked only by approval, and unlinking signs no one in", async () => {
    const adminUser = await admin();
    const account = identity({ email: adminUser.email });
    await askForLink(account, "");
    const request = await db.signInRequest.findFirstOrThrow({ where: { subject: account.subject }, select: { id: true } });
    expect((await approveLinkRequest(adminUser, request.id, adminUser.email)).ok).toBe(true);
    expect(await signInBySchoolAccount(account)).toEqual({ userId: adminUser.userId, role: "ADMIN" });

    const link = await db.signInLink.findFirstOrThrow({ where: { subject: account.subject }, select: { id: true } });
    expect(await unlinkSchoolAccount(adminUser, link.id)).toEqual({ ok: true, value: { userId: adminUser.userId } });
    expect(await signInBySchoolAccount(account)).toEqual({ unlinked: { status: "none" } });
    expect((await unlinkSchoolAccount(adminUser, link.id)).ok).toBe(false);
  });

  it("an admin can't turn admins' passwords off before their own school account is linked", async () => {
    const me = await admin();
    const off = { passwordStudents: true, passwordTeachers: true, passwordAdmins: false, askWhom: "" };
    const refused = await saveSignInSettings(me, off, 1);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.message).toMatch(/^Link your own school account first/);
    await db.signInLink.create({ data: { userId: me.userId, provider: "oidc", issuer: "https://idp.example.test", subject: `sub-${t()}`, how: "approved" } });
    expect((await saveSignInSettings(me, off, 1)).ok).toBe(true);
    await saveSignInSettings(me, { ...off, passwordAdmins: true }, 1);
  });

  it("passwords can't be turned off while no provider is on", async () => {
    const refused = await saveSignInSettings(await admin(), { passwordStudents: false, passwordTeachers: true, passwordAdmins: true, askWhom: "" }, 0);
    expect(refused.ok).toBe(false);
    expect((await db.signInSettings.findUnique({ where: { id: 1 } }))?.passwordStudents ?? true).toBe(true);
  });
});
