// `npm run sign-in:passwords -- <students|teachers|admins> <on|off>`: turns
// password sign-in on or off for a role from the server's command line
// (decision 035). The way back in when the school's sign-in provider is down
// and passwords are off for admins: `npm run sign-in:passwords -- admins on`,
// then sign in with an admin's password. Whoever can run this on the server
// could change the database anyway.
import { existsSync } from "node:fs";
import { setPasswordSignIn } from "@/lib/server/data/access/school-accounts";
import type { Role } from "@/lib/generated/sqlite/enums";

const ROLES: Record<string, Role> = { students: "STUDENT", teachers: "TEACHER", admins: "ADMIN" };

async function main() {
  const [who, onOff] = process.argv.slice(2);
  const role = ROLES[who ?? ""];
  if (!role || (onOff !== "on" && onOff !== "off")) {
    console.error("Usage: npm run sign-in:passwords -- <students|teachers|admins> <on|off>");
    process.exit(2);
  }
  // The database the app uses: DATABASE_URL, from .env as `npm start` reads it.
  if (!process.env.DATABASE_URL && existsSync(".env")) process.loadEnvFile(".env");
  await setPasswordSignIn(role, onOff === "on");
  console.log(`Password sign-in is ${onOff} for ${who}.`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
