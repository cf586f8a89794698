/** @type {import('next').NextConfig} */
const nextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3"],
  experimental: {
    // forbidden() renders app/forbidden.tsx with a 403 status.
    authInterrupts: true,
    // OneRoster uploads: three files of up to 20 MB each (lib/import/oneroster.ts).
    serverActions: { bodySizeLimit: "64mb" },
  },
  poweredByHeader: false,
};

module.exports = nextConfig;
