import { plural } from "@/components/ui/page-title";
import type { Preview } from "@/lib/server/data/records/imports/preview";

function Line({ label, counts }: { label: string; counts: { created: number; updated: number; unchanged: number } }) {
  const parts = [
    counts.created ? `${counts.created.toLocaleString("en")} new` : "",
    counts.updated ? `${counts.updated.toLocaleString("en")} changed` : "",
    counts.unchanged ? `${counts.unchanged.toLocaleString("en")} unchanged` : "",
  ].filter(Boolean);
  return (
    <div>
      <dt className="text-slate-700">{label}</dt>
      <dd className="font-medium">{parts.join(", ") || "none in the files"}</dd>
    </div>
  );
}

/** What an import would do (or did): counts, classes over capacity, every bad row. */
export function ImportPreview({ preview, done }: { preview: Preview; done: boolean }) {
  const { enrollments } = preview;
  return (
    <div className="space-y-6">
      <dl className="grid gap-4 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-slate-700">Enrollments</dt>
          <dd className="text-lg font-semibold">
            +{enrollments.added.toLocaleString("en")} <span aria-hidden="true">·</span>{" "}
            <span>−{enrollments.removed.toLocaleString("en")}</span>
            <span className="sr-only">
              {" "}
              ({plural(enrollments.added, "enrollment")} {done ? "added" : "to add"}, {plural(enrollments.removed, "enrollment")}{" "}
              {done ? "removed" : "to remove"})
            </span>
            <span className="ml-2 text-sm font-normal text-slate-700">{enrollments.unchanged.toLocaleString("en")} unchanged</span>
          </dd>
        </div>
        <div>
          <dt className="text-slate-700">Teachers given classes</dt>
          <dd className="font-medium">{preview.teachersAssigned.toLocaleString("en")}</dd>
        </div>
        {preview.terms ? <Line label="Terms" counts={preview.terms} /> : null}
        <Line label="Students" counts={preview.students} />
        <Line label="Teachers" counts={preview.teachers} />
        <Line label="Classes" counts={preview.classes} />
        <div>
          <dt className="text-slate-700">Rows with problems</dt>
          <dd className="font-medium">
            {preview.problemCount.toLocaleString("en")}
            {preview.skipBad && preview.problemCount ? (done ? ", skipped" : ", to skip") : ""}
          </dd>
        </div>
      </dl>
      {preview.sync ? (
        <p className="text-sm text-slate-700">Full sync: enrollments the files don’t list are removed from the classes they cover.</p>
      ) : null}

      {preview.overCapacity.length ? (
        <section aria-labelledby="over" className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900">
          <h3 id="over" className="font-semibold">
            Over capacity
          </h3>
          <ul className="mt-1 list-disc pl-5">
            {preview.overCapacity.map((c) => (
              <li key={c.code}>
                {c.code} would go over capacity by {c.after - c.capacity} ({c.after} for {c.capacity} seats)
              </li>
            ))}
          </ul>
          <p className="mt-2">Raise the capacity, or take those rows out, then check the files again.</p>
        </section>
      ) : null}

      {preview.clashes?.count ? (
        <section aria-labelledby="clashes" className="text-sm">
          <h3 id="clashes" className="font-semibold">
            Clashes ({preview.clashes.count.toLocaleString("en")})
          </h3>
          <p className="mt-1 text-slate-700">
            {done ? "These enrollments were made" : "These enrollments will be made"} though the class meets when another of the
            student&apos;s does; the history keeps the clash with each.
            {preview.clashes.count > preview.clashes.shown.length ? ` The first ${preview.clashes.shown.length}:` : ""}
          </p>
          <ul className="mt-1 list-disc pl-5">
            {preview.clashes.shown.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        </section>
      ) : null}

      {preview.problems.length ? (
        <section aria-labelledby="problems">
          <h3 id="problems" className="mb-2 font-semibold">
            Rows with problems ({preview.problemCount.toLocaleString("en")}){preview.skipBad ? (done ? ": skipped" : ": skipped when you apply") : ""}
          </h3>
          {preview.skipBad ? (
            <p className="mb-2 text-sm text-slate-700">
              {done ? "These rows were not imported" : "These rows are left out; the rest is imported"}. Rows that name a
              skipped student, teacher or class are listed too.
            </p>
          ) : null}
          <table className="data-table w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-slate-700">
              <tr>
                <th scope="col" className="py-2">File</th>
                <th scope="col" className="py-2">Line</th>
                <th scope="col" className="py-2">Problem</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {preview.problems.map((p, i) => (
                <tr key={i}>
                  <td>{p.file}</td>
                  <td>{p.line ?? "—"}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.problemCount > preview.problems.length ? (
            <p className="mt-2 text-sm text-slate-700">
              and {(preview.problemCount - preview.problems.length).toLocaleString("en")} more
              {preview.skipBad ? "." : ": fix these and check again."}
            </p>
          ) : null}
        </section>
      ) : null}

      {preview.skipped.length ? (
        <section aria-labelledby="skipped" className="text-sm">
          <h3 id="skipped" className="font-semibold">
            Left out on purpose
          </h3>
          <ul className="mt-1 list-disc pl-5 text-slate-700">
            {preview.skipped.map((s) => (
              <li key={`${s.file}${s.reason}`}>
                {s.file}: {plural(s.count, "row")}, {s.reason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {preview.perClass.length ? (
        <section aria-labelledby="per-class">
          <h3 id="per-class" className="mb-2 font-semibold">
            Classes whose roster changes
          </h3>
          <table className="data-table w-full max-w-md text-left text-sm">
            <thead className="border-b border-slate-200 text-slate-700">
              <tr>
                <th scope="col" className="py-2">Class</th>
                <th scope="col" className="py-2 text-right">Added</th>
                <th scope="col" className="py-2 text-right">Removed</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {preview.perClass.map((c) => (
                <tr key={c.code}>
                  <td>{c.code}</td>
                  <td className="text-right">{c.added}</td>
                  <td className="text-right">{c.removed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}
