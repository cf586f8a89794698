/**
 * Next.js runs `register` once when a server process starts: it starts the
 * background work (lib/server/background.ts): sending the outbox, reminders.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startBackground } = await import("@/lib/server/background");
    startBackground();
  }
}
