import "server-only";
import { meetingLabels } from "@/lib/meetings";
import { MEETING_SELECT, meetingOf } from "@/lib/server/data/catalog/meetings";
import { auditMoment, type AuditFields } from "@/lib/server/data/records/audit";
import type { Tx } from "@/lib/server/data/sql";

/** Classes as the audit log keeps them: each field as it reads (the teacher's and term's names, the times in words), by id. One read. */
export async function classesForAudit(tx: Tx, ids: string[]): Promise<Map<string, { label: string; fields: AuditFields }>> {
  const rows = await tx.course.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      code: true,
      title: true,
      description: true,
      capacity: true,
      selfEnrollment: true,
      opensAt: true,
      closesAt: true,
      dropDeadline: true,
      joinCode: true,
      sourcedId: true,
      teacher: { select: { name: true } },
      term: { select: { name: true } },
      meetings: { select: MEETING_SELECT },
    },
  });
  return new Map(
    rows.map((c) => [
      c.id,
      {
        label: `${c.code} ${c.title}`,
        fields: {
          code: c.code,
          title: c.title,
          description: c.description || null,
          capacity: c.capacity,
          teacher: c.teacher?.name ?? null,
          term: c.term?.name ?? null,
          meetings: meetingLabels(c.meetings.map(meetingOf)).join("; ") || null,
          selfEnrollment: c.selfEnrollment,
          opensAt: auditMoment(c.opensAt),
          closesAt: auditMoment(c.closesAt),
          dropDeadline: auditMoment(c.dropDeadline),
          joinCode: c.joinCode,
          sourcedId: c.sourcedId,
        },
      },
    ]),
  );
}

export async function classForAudit(tx: Tx, id: string) {
  return (await classesForAudit(tx, [id])).get(id) ?? null;
}
