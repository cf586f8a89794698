import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { STANDING_TEXT } from "@/components/admin/fields";
import { RolloverForm } from "@/components/admin/rollover-form";
import { DataTable } from "@/components/ui/data-table";
import { PageTitle, plural } from "@/components/ui/page-title";
import { FilterSelect } from "@/components/ui/search-form";
import { buttonClass, cardClass, dangerButtonClass, inputClass, secondaryButtonClass } from "@/components/ui/styles";
import { copyTermClassesAction } from "@/lib/server/actions/terms";
import { getTerm, listTermChoices, planRollover, ROLLOVER_KEEPS, sharedEnding, termStandings } from "@/lib/server/data/catalog/terms";
import { getDateFormatter, getDateTimeFormatter } from "@/lib/server/format";
import { requirePageViewer } from "@/lib/server/session";
import { ButtonForm } from "@/components/admin/button-form";
import { AdminForm } from "@/components/forms/admin-form";
import { addWindowAction, removeWindowAction } from "@/lib/server/actions/groups";
import { listWindows } from "@/lib/server/data/enrollment/windows";
import { listGroups } from "@/lib/server/data/people/groups";

export const metadata: Metadata = { title: "Term" };

/** "Windows and drop deadlines move 182 days later." */
function shiftText(days: number): string {
  if (days === 0) return "Windows and drop deadlines keep their dates (the terms start on the same day).";
  return `Windows and drop deadlines move ${plural(Math.abs(days), "day", "days")} ${days > 0 ? "later" : "earlier"}, as the terms' first days do.`;
}

const text = (v: string | string[] | undefined) => (typeof v === "string" ? v.trim().toUpperCase().slice(0, 20) : undefined);

export default async function TermPage({ params, searchParams }: PageProps<"/admin/terms/[id]">) {
  const viewer = await requirePageViewer("ADMIN");
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const [term, terms, formatDay, formatWhen] = await Promise.all([getTerm(viewer, id), listTermChoices(viewer), getDateFormatter(), getDateTimeFormatter()]);
  if (!term) notFound();
  const [windows, groups] = await Promise.all([listWindows(viewer, id), listGroups(viewer)]);
  const windowDone = search.window === "added" ? "Window added." : search.window === "removed" ? "Window removed." : null;
  const standing = termStandings(terms).get(id) ?? "later";
  const copied = typeof search.copied === "string" && /^\d{1,6}$/.test(search.copied) ? Number(search.copied) : null;
  // The rollover's preview: asked for with the GET form below, nothing written until "Copy".
  const others = terms.filter((t) => t.id !== id);
  const to = typeof search.to === "string" ? search.to : "";
  // "Check" pressed without a term chosen: said, not ignored.
  const noTarget = search.to === "";
  const ending = text(search.from) ?? sharedEnding(term.courses.map((c) => c.code));
  const replaceWith = text(search.replaceWith) ?? "";
  const plan = to ? await planRollover(viewer, id, to, { from: ending, to: replaceWith }) : null;
  return (
    <>
      <PageTitle title={term.name} back={{ href: "/admin/terms", label: "Terms" }}>
        <Link href={`/admin/audit?record=${id}`} className={secondaryButtonClass}>
          Changes
        </Link>
        <Link href={`/admin/terms/${id}/edit`} className={secondaryButtonClass}>
          Edit
        </Link>
        <Link href={`/admin/terms/${id}/delete`} className={dangerButtonClass}>
          Delete
        </Link>
      </PageTitle>
      {copied !== null ? (
        <p role="status" className="mb-4 rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
          Copied {plural(copied, "class", "classes")} into {term.name}.
        </p>
      ) : null}
      <section aria-labelledby="details" className={`${cardClass} mb-6`}>
        <h2 id="details" className="sr-only">
          Details
        </h2>
        <dl className="grid gap-4 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-slate-700">Days</dt>
            <dd>
              {formatDay(term.startsOn)} – {formatDay(term.endsOn)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-700">Now</dt>
            <dd>{STANDING_TEXT[standing]}</dd>
          </div>
          <div>
            <dt className="text-slate-700">Most classes a student may take</dt>
            <dd>
              {term.loadLimit ?? "No limit"}
              {term.loadLimitFrom && term.loadLimitLater !== null ? `, then ${term.loadLimitLater} from ${formatWhen(term.loadLimitFrom)}` : ""}
            </dd>
          </div>
          <div>
            <dt className="text-slate-700">Id in the school&apos;s system</dt>
            <dd className="font-mono">{term.sourcedId ?? "—"}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="windows" className={`${cardClass} mb-6`}>
        <h2 id="windows" className="mb-1 text-lg font-semibold">
          Registration windows
        </h2>
        <p className="mb-3 max-w-3xl text-sm text-slate-700">
          With none, a class&apos;s own window is all. With any, students add this term&apos;s classes from their window: their group&apos;s, or every
          student&apos;s, the earliest that is theirs. A group split into random slots opens slot by slot, each student in one. Admins enroll anyone at
          any time.
        </p>
        {windowDone ? (
          <p role="status" className="mb-3 rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
            {windowDone}
          </p>
        ) : null}
        {windows.length ? (
          <ul className="mb-4 divide-y divide-slate-100 text-sm">
            {windows.map((w) => {
              const who = w.groupName ?? "Every student";
              return (
                <li key={w.groupId ?? "everyone"} className="flex flex-wrap items-center justify-between gap-3 py-2">
                  <span>
                    <strong className="font-medium">{who}</strong>
                    {w.members !== null ? ` (${plural(w.members, "student")})` : ""}: from {formatWhen(w.opensAt)}
                    {w.slots > 1 ? `, in ${w.slots} random slots ${plural(w.everyHours, "hour")} apart` : ""}
                  </span>
                  <ButtonForm action={removeWindowAction.bind(null, id, w.groupId ?? "")} label="Remove" name={`Remove the window of ${who}`} />
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="mb-4 text-sm">No windows: each class&apos;s own window decides.</p>
        )}
        <h3 className="mb-2 text-sm font-semibold">Add a window</h3>
        <div className="text-sm">
            <AdminForm
              action={addWindowAction.bind(null, id)}
              fields={[
                { name: "group", label: "For", type: "select", options: [{ value: "", label: "Every student" }, ...groups.map((g) => ({ value: g.id, label: g.name }))], hint: "Groups are made on the Groups page." },
                { name: "opensAt", label: "Opens at", type: "datetime-local", required: true },
                { name: "slots", label: "Random slots (optional)", inputMode: "numeric", hint: "Split the group at random into this many slots, each opening after the one before." },
                { name: "every", label: "Hours between slots", inputMode: "numeric" },
              ]}
              submitLabel="Add window"
              cancelHref={`/admin/terms/${id}`}
            />
        </div>
      </section>
      <section aria-labelledby="classes" className={`${cardClass} mb-6`}>
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <h2 id="classes" className="text-lg font-semibold">
            Classes ({term.classCount.toLocaleString("en")})
          </h2>
          <Link href={`/admin/classes/new?term=${id}`} className={buttonClass}>
            New class in {term.name}
          </Link>
        </div>
        {term.classCount > term.courses.length ? (
          <p className="mb-2 text-sm text-slate-700">
            The first {term.courses.length} by code: <Link href={`/admin/classes?term=${id}`}>all {term.classCount.toLocaleString("en")} in the class list</Link>.
          </p>
        ) : null}
        {term.courses.length ? (
          <DataTable
            rows={term.courses}
            columns={[
              { header: "Code", cell: (c) => <Link href={`/admin/classes/${c.id}`}>{c.code}</Link> },
              { header: "Title", cell: (c) => c.title },
              { header: "Enrolled", cell: (c) => (c.capacity === null ? c.enrolledCount : `${c.enrolledCount} / ${c.capacity}`), numeric: true },
            ]}
          />
        ) : (
          <p className="text-sm text-slate-700">No classes yet.</p>
        )}
      </section>
      <section aria-labelledby="rollover" className={cardClass}>
        <h2 id="rollover" className="mb-1 text-lg font-semibold">
          Copy these classes to another term
        </h2>
        <p className="mb-1 text-sm text-slate-700">
          All {plural(term.classCount, "class", "classes")} of {term.name} are copied, each with its {ROLLOVER_KEEPS.copied.join(", ")}.
        </p>
        <p className="mb-3 text-sm text-slate-700">
          Not copied: {ROLLOVER_KEEPS.left.join(", ")}: they stay with the old classes. Class codes are unique, so say how the new ones differ.
        </p>
        {others.length === 0 ? (
          <p className="text-sm text-slate-700">
            There is no other term yet: <Link href="/admin/terms/new">make the next one</Link> first.
          </p>
        ) : term.classCount === 0 ? (
          <p className="text-sm text-slate-700">{term.name} has no classes to copy.</p>
        ) : (
          <form method="get" action={`/admin/terms/${id}#rollover`} className="flex flex-wrap items-end gap-3">
            <FilterSelect
              name="to"
              label="Copy into"
              value={to}
              options={[{ value: "", label: "Choose a term" }, ...others.map((t) => ({ value: t.id, label: t.name }))]}
            />
            <label className="block text-sm font-medium text-slate-800">
              Replace the ending
              <input name="from" defaultValue={ending} className={inputClass} aria-describedby="rollover-hint" />
            </label>
            <label className="block text-sm font-medium text-slate-800">
              with
              <input name="replaceWith" defaultValue={replaceWith} className={inputClass} aria-describedby="rollover-hint" />
            </label>
            <button type="submit" className={secondaryButtonClass}>
              Check
            </button>
            <p id="rollover-hint" className="w-full text-xs text-slate-600">
              E.g. replace “-A26” with “-S27”: MATH-101-A26 becomes MATH-101-S27. With nothing to replace, the new ending is added.
            </p>
          </form>
        )}
        {noTarget ? (
          <p role="alert" className="mt-4 text-sm text-red-800">
            Choose the term to copy the classes into, then Check.
          </p>
        ) : null}
        {plan ? (
          plan.ok ? (
            <div className="mt-4">
              <p className="mb-2 text-sm font-medium">
                {plan.value.problems.length
                  ? `These codes can't be used, so nothing can be copied yet:`
                  : `This makes ${plural(plan.value.copies.length, "class", "classes")} in ${plan.value.to.name}:`}
              </p>
              {plan.value.problems.length ? (
                <ul role="alert" className="mb-3 list-disc pl-5 text-sm text-red-800">
                  {plan.value.problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              ) : (
                <>
                  <ul className="mb-2 max-h-64 overflow-auto text-sm">
                    {plan.value.copies.map((c) => (
                      <li key={c.id}>
                        {c.code} → <strong>{c.newCode}</strong> {c.title}
                        <span className="text-slate-700"> · {c.meetings || "No set times"}</span>
                      </li>
                    ))}
                  </ul>
                  <p className="mb-3 text-sm text-slate-700">
                    {shiftText(plan.value.shiftDays)} Meeting times are copied as they are: check them against {plan.value.to.name}&apos;s timetable.
                  </p>
                  <RolloverForm
                    action={copyTermClassesAction.bind(null, id)}
                    fields={{ to, from: ending, replaceWith }}
                    label={`Copy ${plural(plan.value.copies.length, "class", "classes")} into ${plan.value.to.name}`}
                  />
                </>
              )}
            </div>
          ) : (
            <p role="alert" className="mt-4 text-sm text-red-800">
              {plan.message}
            </p>
          )
        ) : null}
      </section>
    </>
  );
}
