import Link from "next/link";
import { connection } from "next/server";

export default async function NotFound() {
  // Rendered for each request, not prerendered: its scripts need the response's nonce (docs/decisions/013).
  await connection();
  return (
    <main className="mx-auto max-w-lg p-8">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2">There is nothing here: it may have been deleted, or the link is wrong.</p>
      <p className="mt-4">
        <Link href="/">Go to your home page</Link>
      </p>
    </main>
  );
}
