/** A table's header row, for DataTable and LongTable alike; numeric columns align right. */
export function TableHead({ columns }: { columns: { header: string; numeric?: boolean }[] }) {
  return (
    <thead className="border-b border-slate-200 text-slate-700">
      <tr>
        {columns.map((c) => (
          <th key={c.header} scope="col" className={c.numeric ? "py-2 text-right" : "py-2"}>
            {c.header}
          </th>
        ))}
      </tr>
    </thead>
  );
}
