export function newNonce(): string;
export function pagePolicy(nonce: string, options?: { dev?: boolean; formTargets?: string[] }): string;
export const NOT_PAGES: RegExp;
export const DATA_POLICY: string;
export const staticHeaders: { key: string; value: string }[];
export const HSTS: { key: string; value: string };
export function nonceOf(policy: string | null | undefined): string | null;
