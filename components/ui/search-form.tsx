import { inputClass, secondaryButtonClass } from "@/components/ui/styles";

/** A plain GET form: works without JavaScript, and the search lands in the URL. */
export function SearchForm({
  action,
  q,
  label,
  placeholder,
  name = "q",
  children,
}: {
  action: string;
  q: string;
  label: string;
  placeholder?: string;
  name?: string;
  /** more fields sent with the search (filters), before its button */
  children?: React.ReactNode;
}) {
  return (
    <form action={action} method="get" role="search" className="flex flex-wrap items-end gap-2">
      <label className="block min-w-48 grow text-sm font-medium text-slate-800">
        {label}
        <input type="search" name={name} defaultValue={q} placeholder={placeholder} className={inputClass} />
      </label>
      {children}
      <button type="submit" className={secondaryButtonClass}>
        Search
      </button>
    </form>
  );
}

/** A filter of a list: a select in its search form, whose value lands in the URL. */
export function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
}) {
  return (
    <label className="block text-sm font-medium text-slate-800">
      {label}
      {/* Keyed by its value: after a client-side navigation (a link, Back) it shows the address's choice, not the last one made. */}
      <select key={value} name={name} defaultValue={value} className={inputClass}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
