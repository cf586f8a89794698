"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main className="mx-auto max-w-lg p-8">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2">Nothing you saved was lost. Try again, or reload the page.</p>
      <button type="button" onClick={reset} className="mt-4 rounded bg-indigo-700 px-4 py-2 text-white">
        Try again
      </button>
    </main>
  );
}
