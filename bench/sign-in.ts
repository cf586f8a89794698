/** Signs in at `base` through the login form as a browser without JavaScript posts it; the session cookie. */
export async function httpSignIn(base: string, email: string, password: string): Promise<string> {
  const html = await (await fetch(`${base}/login`)).text();
  const form = new FormData();
  for (const m of (/<form[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? "").matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/?>/g)) {
    form.append(m[1]!, (m[2] ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&"));
  }
  form.append("email", email);
  form.append("password", password);
  const response = await fetch(`${base}/login`, { method: "POST", body: form, redirect: "manual", headers: { origin: base } });
  const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]!).filter((c) => c.startsWith("authjs.session-token")).join("; ");
  if (!cookie) throw new Error(`could not sign in as ${email}`);
  return cookie;
}
