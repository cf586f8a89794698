/**
 * The hidden fields (a server action's id and state) of the page's form that
 * contains `marker`, by default the password form, as a browser without
 * JavaScript posts them.
 */
export function formFields(html: string, marker: RegExp = /name="password"/): [string, string][] {
  const form = [...html.matchAll(/<form[^>]*>([\s\S]*?)<\/form>/g)].map((m) => m[1]!).find((f) => marker.test(f));
  if (!form) throw new Error(`no form matching ${marker}`);
  const fields: [string, string][] = [];
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/?>/g)) {
    fields.push([m[1]!, (m[2] ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&")]);
  }
  return fields;
}

/** Signs in at `base` through the login form as a browser without JavaScript posts it; the session cookie. */
export async function httpSignIn(base: string, email: string, password: string): Promise<string> {
  const form = new FormData();
  for (const [k, v] of formFields(await (await fetch(`${base}/login`)).text())) form.append(k, v);
  form.append("email", email);
  form.append("password", password);
  const response = await fetch(`${base}/login`, { method: "POST", body: form, redirect: "manual", headers: { origin: base } });
  const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]!).filter((c) => c.startsWith("authjs.session-token")).join("; ");
  if (!cookie) throw new Error(`could not sign in as ${email}`);
  return cookie;
}
