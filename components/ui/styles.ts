export const buttonClass =
  "inline-flex items-center gap-2 rounded-md bg-indigo-700 px-4 py-2 text-sm font-medium text-white no-underline shadow-sm hover:bg-indigo-800 hover:no-underline disabled:opacity-60";
export const secondaryButtonClass =
  "inline-flex items-center gap-2 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 no-underline shadow-sm hover:bg-slate-100 hover:no-underline";
export const dangerButtonClass =
  "inline-flex items-center gap-2 rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white no-underline shadow-sm hover:bg-red-800 hover:no-underline disabled:opacity-60";
export const inputClass =
  "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-600 focus:outline-none focus:ring-2 focus:ring-indigo-600";
export const cardClass = "rounded-lg border border-slate-200 bg-white p-5 shadow-sm";
