import Link from "next/link";

export function PageTitle({
  title,
  back,
  children,
}: {
  title: string;
  back?: { href: string; label: string };
  children?: React.ReactNode;
}) {
  return (
    <div className="mb-6">
      {back ? (
        <p className="mb-1 text-sm">
          <Link href={back.href}>← {back.label}</Link>
        </p>
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{title}</h1>
        {children ? <div className="flex gap-2">{children}</div> : null}
      </div>
    </div>
  );
}

export function plural(n: number, one: string, many = `${one}s`) {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}
