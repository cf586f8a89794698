import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

/**
 * For the Prisma CLI only (migrate deploy/status/diff, db push): Prisma 6.19's
 * schema engine reads PostgreSQL's catalogs, whose `name` and `"char"` columns
 * @prisma/adapter-pg can't map ("Column type 'name' could not be
 * deserialized", prisma/orm#27403). This client reports them as text, which
 * they are on the wire. The running app uses the plain adapter.
 */
const AS_TEXT: Record<number, number> = {
  18: 25, // "char" -> text
  19: 25, // name -> text
  1002: 1009, // "char"[] -> text[]
  1003: 1009, // name[] -> text[]
};

type Field = { dataTypeID: number };

function remap<T>(result: T): T {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const field of (r as { fields?: Field[] } | undefined)?.fields ?? []) {
      field.dataTypeID = AS_TEXT[field.dataTypeID] ?? field.dataTypeID;
    }
  }
  return result;
}

type AnyQuery = (this: pg.Client, ...args: unknown[]) => unknown;
const baseQuery = pg.Client.prototype.query as unknown as AnyQuery;

/** A pg client whose results say text where the catalogs say name or "char". */
class CatalogTextClient extends pg.Client {}
// Patched rather than overridden: pg's query has overloads TypeScript can't restate.
// Both the callback form (as pg.Pool calls it) and the promise form pass here.
(CatalogTextClient.prototype as unknown as { query: AnyQuery }).query = function (...args) {
  const last = args.length - 1;
  const callback = args[last];
  if (typeof callback === "function") {
    args[last] = (err: unknown, result: unknown) => callback(err, err ? result : remap(result));
  }
  const out = baseQuery.apply(this, args);
  return out instanceof Promise ? out.then(remap) : out;
};

type ScriptRunner = { executeScript(script: string): Promise<void>; underlyingDriver(): pg.Pool; onError(error: unknown): never };

export function migrationAdapter(connectionString: string) {
  // A short idle timeout lets the CLI exit as soon as it is done (the default keeps it ~10 s).
  const factory = new PrismaPg(new pg.Pool({ connectionString, Client: CatalogTextClient, idleTimeoutMillis: 50 }));
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    // The adapter runs a migration by splitting it on ";", which breaks a
    // function body ($$ ... ; ... $$). PostgreSQL runs a whole script sent
    // as one simple query, in order, stopping at the first error.
    const runner = adapter as unknown as ScriptRunner;
    runner.executeScript = async (script) => {
      try {
        await runner.underlyingDriver().query(script);
      } catch (error) {
        runner.onError(error);
      }
    };
    return adapter;
  };
  return factory;
}
