/**
 * Bench databases: created when missing, migrated through the host when the
 * built plugin has a migration the database has not run (a newer plugin adds
 * tables, indexes or settings).
 */
import { existsSync, readdirSync } from "fs"
import path from "path"
import { Client } from "pg"

/** Creates the database `name` on the local server if it does not exist. */
export async function ensureDatabaseExists(name: string) {
  const admin = new Client({ connectionString: "postgres://postgres@localhost:5432/postgres" })
  await admin.connect()
  try {
    const exists = await admin.query("select 1 from pg_database where datname = $1", [name])
    if (!exists.rowCount) await admin.query(`CREATE DATABASE "${name}"`)
  } finally {
    await admin.end()
  }
}

/** The migrations of the built plugin (`<root>/.medusa/server`), by class name. */
function builtPluginMigrations(root: string): string[] {
  const modulesDir = path.join(root, ".medusa/server/src/modules")
  if (!existsSync(modulesDir)) return []
  return readdirSync(modulesDir).flatMap((m) => {
    const dir = path.join(modulesDir, m, "migrations")
    return existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => /^Migration\d+\.js$/.test(f))
          .map((f) => f.slice(0, -3))
      : []
  })
}

/** True when the database was never migrated or lacks a migration of the built plugin. */
export async function needsMigration(dbUrl: string, root: string): Promise<boolean> {
  const db = new Client({ connectionString: dbUrl })
  await db.connect()
  try {
    const { rows } = await db.query(
      "select to_regclass('public.mikro_orm_migrations') is not null and to_regclass('public.customer') is not null as ok"
    )
    if (!rows[0].ok) return true
    const names = [...new Set(builtPluginMigrations(root))]
    const { rows: done } = await db.query("select distinct name from mikro_orm_migrations where name = any($1)", [names])
    return done.length < names.length
  } finally {
    await db.end()
  }
}
