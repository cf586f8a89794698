import type { NextConfig } from "next";
import { ACTION_BODY_LIMIT_BYTES } from "./lib/request-context.mjs";
import { DATA_POLICY, HSTS, staticHeaders } from "./lib/security-headers.mjs";

const nextConfig: NextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3"],
  experimental: {
    // forbidden() renders app/forbidden.tsx with a 403 status.
    authInterrupts: true,
    // OneRoster uploads: three files of up to 20 MB each (lib/import/oneroster.ts).
    serverActions: { bodySizeLimit: ACTION_BODY_LIMIT_BYTES },
  },
  poweredByHeader: false,
  // Pages get their Content-Security-Policy, with a nonce, from the server (scripts/serve.mjs, docs/decisions/013).
  async headers() {
    return [
      { source: "/:path*", headers: staticHeaders },
      { source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: [HSTS] },
      // Not pages (decision 013): route handlers under /api, and the build's files.
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: DATA_POLICY }] },
      { source: "/_next/static/:path*", headers: [{ key: "Content-Security-Policy", value: DATA_POLICY }] },
    ];
  },
};

export default nextConfig;
