import { inputClass, secondaryButtonClass } from "@/components/ui/styles";

/** A plain GET form: works without JavaScript, and the search lands in the URL. */
export function SearchForm({
  action,
  q,
  label,
  placeholder,
  name = "q",
}: {
  action: string;
  q: string;
  label: string;
  placeholder?: string;
  name?: string;
}) {
  return (
    <form action={action} method="get" role="search" className="flex items-end gap-2">
      <label className="block grow text-sm font-medium text-slate-800">
        {label}
        <input type="search" name={name} defaultValue={q} placeholder={placeholder} className={inputClass} />
      </label>
      <button type="submit" className={secondaryButtonClass}>
        Search
      </button>
    </form>
  );
}
