import "server-only";
import { randomBytes } from "node:crypto";

/** Join codes: a class's code students type to enroll (decision 005). */

// No 0/O or 1/I/L: codes are read aloud and copied from a board.
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

export function newJoinCode(length = 6): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}
