/**
 * A module's tables and SQL functions in a bench database, from the module's
 * own migrations: what a previous run left is dropped, then every migration
 * of the module runs in order (so the bench always measures the code of the
 * working tree, including a migration that replaced a function).
 */
import { readdirSync } from "fs"
import path from "path"
import type { Client } from "pg"

export async function installModuleSchema(
  db: Client,
  opts: { migrationsDir: string; tables: string[]; functionPrefix: string }
) {
  for (const t of opts.tables) await db.query(`drop table if exists "${t}" cascade`)
  const { rows } = await db.query(
    "select p.oid::regprocedure::text as sig from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' and p.proname like $1",
    [`${opts.functionPrefix}%`]
  )
  for (const r of rows) await db.query(`drop function if exists ${r.sig} cascade`)
  const files = readdirSync(opts.migrationsDir)
    .filter((f) => /^Migration\d+\.ts$/.test(f))
    .sort()
  for (const f of files) {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const mod = require(path.join(opts.migrationsDir, f))
    const M = Object.values(mod).find((v) => typeof v === "function") as new (...a: never[]) => {
      up(): Promise<void>
      getQueries(): unknown[]
    }
    const migration = new M({} as never, {} as never)
    await migration.up()
    for (const sql of migration.getQueries()) await db.query(typeof sql === "string" ? sql : String(sql))
  }
}
