import type { TickReply, WaitlistReply } from "@/lib/action-state";

const OFFLINE = "Not saved: the server could not be reached. Check your connection and try again.";

async function post<T extends { ok: boolean }>(path: string, body: unknown): Promise<T | { ok: false; message: string }> {
  // A 503 means the server was too busy to start: nothing was written, so trying again is safe.
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      if (response.status === 503 && attempt < 2) {
        await new Promise((resolve) => setTimeout(resolve, 500 * (attempt + 1) + Math.random() * 500));
        continue;
      }
      const reply = (await response.json()) as T | { ok: false; message: string };
      return typeof reply === "object" && reply !== null && "ok" in reply ? reply : { ok: false, message: OFFLINE };
    } catch {
      return { ok: false, message: OFFLINE };
    }
  }
}

/** Saves one tick or untick; the server answers with what changed. */
export function sendTick(body: { courseId: string; studentId?: string; enrolled: boolean; joinCode?: string; confirmed?: boolean; overCapacity?: string; clashOk?: boolean; pass?: string }): Promise<TickReply> {
  return post<TickReply>("/api/enrollment/tick", body);
}

/** Joins or leaves a waitlist; the server answers with the place in line. */
export function sendWaitlist(body: { courseId: string; join: boolean; joinCode?: string }): Promise<WaitlistReply> {
  return post<WaitlistReply>("/api/enrollment/waitlist", body);
}
