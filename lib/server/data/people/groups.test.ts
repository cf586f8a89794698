import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { addToGroup, createGroup, deleteGroup, getGroup, groupsOf, listGroups, removeFromGroup } from "@/lib/server/data/people/groups";
import { addWindow, listWindows, myRegistrationTimes, removeWindow } from "@/lib/server/data/enrollment/windows";
import { AddMembersSchema, WindowSchema } from "@/lib/schemas/groups";
import { makeStudent, makeStudentViewer, makeUser, termDays } from "@/test/factories";

/**
 * Student groups and a term's registration windows (decision 041): made by
 * an admin, each change in the audit log; what a window stops is the rules
 * table's (rules.test.ts).
 */
const tag = () => Math.random().toString(36).slice(2, 8);

describe("student groups", () => {
  it("made, filled by student number or email (all or nothing), emptied, deleted; each in the log", async () => {
    const admin = await makeUser("ADMIN");
    const name = `Year 12 ${tag()}`;
    const made = await createGroup(admin, { name });
    expect(made.ok).toBe(true);
    const id = made.ok ? made.value.id : "";
    expect(await createGroup(admin, { name })).toEqual({ ok: false, message: "Check the form.", fieldErrors: { name: `Another group is already called ${name}.` } });

    const [a, b] = [await makeStudent(`Ana ${tag()}`), await makeStudent(`Ben ${tag()}`)];
    await db.student.update({ where: { id: a.id }, data: { studentNumber: `G-${a.id}` } });
    // A line that names nobody: said, nobody added.
    expect(await addToGroup(admin, id, [`G-${a.id}`, "nobody@nowhere.test"])).toEqual({ ok: false, message: "No student has this number or email: nobody@nowhere.test. Nobody was added." });
    expect((await getGroup(admin, id, 1))!.group.memberCount).toBe(0);
    expect(await addToGroup(admin, id, [`G-${a.id}`, b.email.toUpperCase()])).toEqual({ ok: true, value: { added: 2, already: 0 } });
    expect(await addToGroup(admin, id, [b.email])).toEqual({ ok: true, value: { added: 0, already: 1 } });
    const page = (await getGroup(admin, id, 1))!;
    expect(page.members.rows.map((m) => m.id).sort()).toEqual([a.id, b.id].sort());
    expect(await groupsOf(admin, a.id)).toEqual([{ id, name }]);
    expect((await listGroups(admin)).find((g) => g.id === id)).toEqual({ id, name, memberCount: 2 });
    // Each member drew a slot.
    const draws = await db.studentGroupMember.findMany({ where: { groupId: id }, select: { draw: true } });
    for (const d of draws) {
      expect(d.draw).toBeGreaterThanOrEqual(0);
      expect(d.draw).toBeLessThan(10_000);
    }

    expect(await removeFromGroup(admin, id, a.id)).toEqual({ ok: true, value: null });
    expect(await removeFromGroup(admin, id, a.id)).toEqual({ ok: false, message: "That student is no longer in the group." });
    expect(await deleteGroup(admin, id)).toEqual({ ok: true, value: null });
    expect(await deleteGroup(admin, id)).toEqual({ ok: false, message: "That group no longer exists." });
    expect(await db.student.count({ where: { id: { in: [a.id, b.id] } } })).toBe(2);

    const log = await db.auditEntry.findMany({ where: { kind: "GROUP", recordId: id }, orderBy: { id: "asc" }, select: { action: true, changes: true, note: true } });
    expect(log.map((e) => [e.action, e.note])).toEqual([
      ["CREATED", null],
      ["UPDATED", "2 students added"],
      ["UPDATED", `${a.name} taken out`],
      ["DELETED", "1 student left it; 0 windows went with it"],
    ]);
    expect(JSON.parse(log[1]!.changes)).toEqual({ members: [0, 2] });
  });

  it("the list's lines: split on new lines, commas, tabs; each once; at least one", () => {
    expect(AddMembersSchema.parse({ students: " S1\r\nS2, s3@x.test\tS1\n\n" }).students).toEqual(["S1", "S2", "s3@x.test"]);
    expect(AddMembersSchema.safeParse({ students: " \n " }).error?.issues[0]?.message).toBe("Paste one student number or email per line.");
  });
});

describe("registration windows", () => {
  it("a group's window, in random slots; every student's; one per group; the student's own time; each in the term's log", async () => {
    const admin = await makeUser("ADMIN");
    const term = await db.term.create({ data: { name: `Windows ${tag()}`, ...termDays(10, 90) } });
    const group = await createGroup(admin, { name: `Seniors ${tag()}` });
    const groupId = group.ok ? group.value.id : "";
    const { viewer, student } = await makeStudentViewer();
    await db.studentGroupMember.create({ data: { groupId, studentId: student.id, draw: 3 } });
    const opens = new Date(2030, 0, 6, 9, 0);

    const input = WindowSchema.parse({ group: groupId, opensAt: "2030-01-06T09:00", slots: "2", every: "24" });
    expect(input).toEqual({ groupId, opensAt: opens, slots: 2, everyHours: 24 });
    expect(await addWindow(admin, term.id, input)).toEqual({ ok: true, value: null });
    expect(await addWindow(admin, term.id, input)).toMatchObject({ ok: false, message: expect.stringContaining("already has a window") });
    expect(await addWindow(admin, term.id, WindowSchema.parse({ group: "", opensAt: "2030-01-09T09:00" }))).toEqual({ ok: true, value: null });
    expect(await listWindows(admin, term.id)).toMatchObject([
      { groupId, opensAt: opens, slots: 2, everyHours: 24, members: 1 },
      { groupId: null, groupName: null, opensAt: new Date(2030, 0, 9, 9, 0), slots: 1, everyHours: 0, members: null },
    ]);
    // Draw 3 of 2 slots: the second slot, a day after the first.
    expect(await myRegistrationTimes(viewer, [term.id])).toEqual([{ termId: term.id, termName: term.name, opensAt: new Date(2030, 0, 7, 9, 0) }]);

    expect(await removeWindow(admin, term.id, groupId)).toEqual({ ok: true, value: null });
    expect(await removeWindow(admin, term.id, groupId)).toEqual({ ok: false, message: "That window was removed already." });
    // Now every student's window is the student's.
    expect(await myRegistrationTimes(viewer, [term.id])).toEqual([{ termId: term.id, termName: term.name, opensAt: new Date(2030, 0, 9, 9, 0) }]);
    const log = await db.auditEntry.findMany({ where: { kind: "TERM", recordId: term.id }, orderBy: { id: "asc" }, select: { changes: true } });
    expect(log.map((e) => JSON.parse(e.changes))).toEqual([
      { window: [null, expect.stringMatching(/^Seniors .*: .* 09:00, in 2 random slots 24 hours apart$/)] },
      { window: [null, expect.stringMatching(/^Every student: .* 09:00$/)] },
      { window: [expect.stringMatching(/^Seniors /), null] },
    ]);
  });

  it("a term without windows is left out of the student's times; the form says what is missing", async () => {
    const { viewer } = await makeStudentViewer();
    const term = await db.term.create({ data: { name: `Open ${tag()}`, ...termDays(0, 30) } });
    expect(await myRegistrationTimes(viewer, [term.id])).toEqual([]);
    const issues = (v: Record<string, string>) => WindowSchema.safeParse(v).error?.issues.map((i) => [i.path[0], i.message]);
    expect(issues({ group: "" })).toEqual([["opensAt", "Say when registration opens to them."]]);
    expect(issues({ group: "", opensAt: "2030-01-06T09:00", slots: "3" })).toEqual([["every", "Say how many hours apart the slots open."]]);
    expect(issues({ group: "", opensAt: "2030-01-06T09:00", slots: "11", every: "1" })).toEqual([["slots", "Random slots must be a whole number from 1 to 10."]]);
  });
});
