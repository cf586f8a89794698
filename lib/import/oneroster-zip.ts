import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { parse } from "csv-parse/sync";
import { decodeFile, FILE_NAMES, MAX_FILE_BYTES, type FileKind, type ImportFiles } from "@/lib/import/oneroster";

/**
 * OneRoster's package: the CSV files in one zip with manifest.csv, which
 * names the versions and says of each file whether it is there ("bulk") or
 * not ("absent"). Written by the export, read by the import (fflate, in
 * memory: a school's zip is a few MB).
 */

export const MANIFEST = "manifest.csv";

/** Every file OneRoster 1.2 CSV defines, as manifest.csv names them (file.<name>). */
const ONEROSTER_FILES = [
  "academicSessions",
  "categories",
  "classes",
  "classResources",
  "courses",
  "courseResources",
  "demographics",
  "enrollments",
  "lineItemLearningObjectiveIds",
  "lineItems",
  "lineItemScoreScales",
  "orgs",
  "resources",
  "resultLearningObjectiveIds",
  "results",
  "resultScoreScales",
  "roles",
  "scoreScales",
  "userProfiles",
  "userResources",
  "users",
] as const;

/** manifest.csv's rows for a bulk export of `present` (file names without .csv). */
export function manifestRows(present: string[]): string[][] {
  return [
    ["propertyName", "value"],
    ["manifest.version", "1.0"],
    ["oneroster.version", "1.2"],
    ...ONEROSTER_FILES.map((f) => [`file.${f}`, present.includes(f) ? "bulk" : "absent"]),
    ["source.systemName", "Rollbook"],
    ["source.systemCode", "rollbook"],
  ];
}

/** The files as one zip. */
export function zipFiles(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])), { level: 6 });
}

/**
 * The OneRoster files a zip holds (those Rollbook reads), or why it can't be
 * read: not a zip, no manifest, a version or a delta file Rollbook doesn't
 * read, a file over the size limit or not UTF-8. Files may sit in one folder.
 */
export function readZip(bytes: Uint8Array, zipName: string): { files: ImportFiles } | { problem: string } {
  if (bytes.byteLength > MAX_FILE_BYTES) return { problem: `${zipName} is over ${MAX_FILE_BYTES / 2 ** 20} MB.` };
  const wanted = new Set([MANIFEST, ...Object.values(FILE_NAMES)]);
  const tooBig: string[] = [];
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => {
        if (!wanted.has(baseName(f.name))) return false;
        if (f.originalSize > MAX_FILE_BYTES) tooBig.push(baseName(f.name));
        return f.originalSize <= MAX_FILE_BYTES;
      },
    });
  } catch {
    return { problem: `${zipName} is not a zip file.` };
  }
  if (tooBig.length) return { problem: `${tooBig.join(", ")} in ${zipName} ${tooBig.length > 1 ? "are" : "is"} over ${MAX_FILE_BYTES / 2 ** 20} MB.` };
  const byName = new Map(Object.entries(entries).map(([name, data]) => [baseName(name), data]));
  const manifest = byName.get(MANIFEST);
  if (!manifest) return { problem: `${zipName} has no manifest.csv: a OneRoster zip names its files there.` };
  let properties: Map<string, string>;
  try {
    const rows = parse(strFromU8(manifest), { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
    properties = new Map(rows.slice(1).map(([k, v]) => [String(k).trim(), String(v ?? "").trim()]));
  } catch {
    return { problem: `manifest.csv in ${zipName} is not valid CSV.` };
  }
  const version = properties.get("oneroster.version") ?? "";
  if (!/^1\.[12]$/.test(version)) return { problem: `${zipName} is OneRoster “${version || "?"}”: Rollbook reads OneRoster 1.1 and 1.2.` };
  const files: ImportFiles = {};
  for (const [kind, name] of Object.entries(FILE_NAMES) as [FileKind, string][]) {
    const mode = properties.get(`file.${kind}`) ?? (byName.has(name) ? "bulk" : "absent");
    if (mode === "delta") return { problem: `${name} in ${zipName} is a delta file: Rollbook imports bulk files (every record).` };
    const data = byName.get(name);
    if (mode !== "bulk" || !data) continue;
    const decoded = decodeFile(data, name);
    if ("problem" in decoded) return { problem: decoded.problem.message };
    files[kind] = decoded.text;
  }
  if (Object.keys(files).length === 0) return { problem: `${zipName} holds none of the files Rollbook reads: ${Object.values(FILE_NAMES).join(", ")}.` };
  return { files };
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
