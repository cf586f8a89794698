import type { Metadata } from "next";
import { connection } from "next/server";

export const metadata: Metadata = { title: "Status" };

/**
 * A page anyone can open to see the app server answering, rendered on every
 * request. The benchmarks use it as their yardstick E: the least a dynamic
 * App Router page costs here.
 */
export default async function StatusPage() {
  await connection();
  return (
    <main id="main" className="mx-auto max-w-md p-8">
      <h1 className="text-xl font-semibold">Rollbook is running</h1>
    </main>
  );
}
