export type SignInProvider = {
  id: "google" | "microsoft-entra-id" | "oidc";
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  domains: string[];
  tenantId: string | null;
};
export function signInProviders(env?: Record<string, string | undefined>): { providers: SignInProvider[]; problems: string[] };
export function signInFormTargets(env?: Record<string, string | undefined>): string[];
