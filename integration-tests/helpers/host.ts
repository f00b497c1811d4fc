import path from "path"

/** The dev/test host that loads the built plugin (see host/medusa-config.ts). */
export const HOST_DIR = path.resolve(__dirname, "../../host")
export const REPO_DIR = path.resolve(__dirname, "../..")

/** Sets environment variables for one spec file; returns a function restoring them. */
export function setTestEnv(vars: Record<string, string>) {
  const before: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(vars)) {
    before[k] = process.env[k]
    process.env[k] = v
  }
  return () => {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
}
