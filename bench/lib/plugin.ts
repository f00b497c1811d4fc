/**
 * What every bench that loads the built plugin needs first, also from a
 * fresh clone: a build of `src/` (`.medusa/server`, built again when missing
 * or older than `src/`), its database, and the plugin's migrations run on it
 * through the host (host/medusa-config.ts loads the build).
 */
import { execFileSync } from "child_process"
import { existsSync, readdirSync, statSync } from "fs"
import path from "path"
import { ensureDatabaseExists, needsMigration } from "./db"

export const ROOT = path.resolve(__dirname, "../..")
export const HOST_DIR = path.join(ROOT, "host")
const BUILD_DIR = path.join(ROOT, ".medusa/server/src")

/** Newest (or oldest) modification time of the files under `dir`; null when there are none. */
function mtimes(dir: string, pick: (a: number, b: number) => number): number | null {
  let found: number | null = null
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name)
      if (e.isDirectory()) walk(p)
      else if (e.isFile()) {
        const t = statSync(p).mtimeMs
        found = found === null ? t : pick(found, t)
      }
    }
  }
  if (existsSync(dir)) walk(dir)
  return found
}

/** Why `.medusa/server` must be built again, or null when it is up to date with `src/`. */
export function staleBuildReason(): string | null {
  if (!existsSync(path.join(BUILD_DIR, "modules/backoffice-jobs/index.js"))) {
    return "no build of the plugin (.medusa/server)"
  }
  const newestSource = mtimes(path.join(ROOT, "src"), Math.max) ?? 0
  // The oldest file of the build is as old as the build itself.
  const built = mtimes(BUILD_DIR, Math.min) ?? 0
  return newestSource > built ? "src/ changed since the plugin was built" : null
}

/** Builds the plugin when its build is missing or older than `src/` (or always, with `force`). */
export function ensurePluginBuilt(out: (s: string) => void, { force = false } = {}) {
  const reason = force ? "--build" : staleBuildReason()
  if (!reason) return
  out(`building the plugin (${reason}) …`)
  execFileSync("npx", ["medusa", "plugin:build"], {
    cwd: ROOT,
    env: { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true" },
    stdio: "ignore",
  })
  if (staleBuildReason()) {
    throw new Error("medusa plugin:build did not produce an up-to-date .medusa/server")
  }
}

/**
 * The bench's database with every migration of the built plugin (and Medusa's):
 * created when missing, migrated when it lacks one. Returns true when it migrated.
 */
export async function ensureMigratedDatabase(
  db: string,
  hostEnv: NodeJS.ProcessEnv,
  out: (s: string) => void
): Promise<boolean> {
  const dbUrl = `postgres://postgres@localhost:5432/${db}`
  await ensureDatabaseExists(db)
  if (!(await needsMigration(dbUrl, ROOT))) return false
  out(`migrating ${db} …`)
  execFileSync("npx", ["medusa", "db:migrate", "--execute-safe-links"], {
    cwd: HOST_DIR,
    env: { ...hostEnv, DATABASE_URL: dbUrl, MEDUSA_DISABLE_TELEMETRY: "true" },
    stdio: "ignore",
  })
  if (await needsMigration(dbUrl, ROOT)) {
    throw new Error(`medusa db:migrate left ${db} without the plugin's migrations`)
  }
  return true
}
