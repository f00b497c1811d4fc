import fs from "fs"
import path from "path"
import { asValue } from "@medusajs/framework/awilix"
import { configManager } from "@medusajs/framework/config"
import type { ConfigModule, LoaderOptions, Logger } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  dynamicImport,
  getResolvedPlugins,
  isFileSkipped,
  readDirRecursive,
} from "@medusajs/framework/utils"
import { JobRegistry } from "../runtime/registry"

/** Where the module's service finds the registry (module container key). */
export const JOB_REGISTRY_KEY = "backofficeJobRegistry"

/** The folder of a plugin whose files export `defineJob` / `defineSchedule`. */
const WORKERS_DIR = "workers"

const real = (p: string) => {
  try {
    return fs.realpathSync(p)
  } catch {
    return path.resolve(p)
  }
}

/**
 * The `workers/` folder of the plugin that ships this module, found the way
 * Medusa finds a plugin's subscribers and scheduled jobs: from the plugins
 * of the application's config (`<plugin>/.medusa/server/src`). None when the
 * module is loaded on its own (module tests, which register their jobs).
 */
async function workerDirs(configModule: ConfigModule | undefined): Promise<string[]> {
  if (!configModule?.plugins?.length) {
    return []
  }
  const plugins = await getResolvedPlugins(
    configManager.baseDir ?? process.cwd(),
    configModule,
    true
  )
  const here = real(__dirname)
  return plugins
    .map((p) => real(p.resolve))
    .filter((root) => here.startsWith(root + path.sep))
    .map((root) => path.join(root, WORKERS_DIR))
    .filter((dir) => fs.existsSync(dir))
}

const isJobFile = (name: string, dir: string) => {
  const { name: base, ext } = path.parse(name)
  return (
    [".js", ".ts"].includes(ext) &&
    !name.endsWith(".d.ts") &&
    base !== "index" &&
    !base.startsWith("_") &&
    !/\.(spec|test)$/.test(base) &&
    !dir.includes("__tests__")
  )
}

/**
 * Module loader: runs when the application loads the module — in every
 * worker mode, before `onApplicationStart` — and registers the job types and
 * schedules the plugin's job files export. A `server` instance needs them
 * too: enqueueing looks up a type's queue and attempts.
 */
export default async function jobDefinitionsLoader({ container }: LoaderOptions) {
  const registry = new JobRegistry()
  container.register(JOB_REGISTRY_KEY, asValue(registry))
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  let configModule: ConfigModule | undefined
  try {
    configModule = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE, {
      allowUnregistered: true,
    })
  } catch {
    configModule = undefined
  }
  for (const dir of await workerDirs(configModule)) {
    const entries = await readDirRecursive(dir)
    for (const entry of entries) {
      if (entry.isDirectory() || !isJobFile(entry.name, entry.path)) {
        continue
      }
      const file = path.join(entry.path, entry.name)
      const fileExports = await dynamicImport(file)
      if (isFileSkipped(fileExports)) {
        continue
      }
      if (!registry.addExports(fileExports)) {
        logger.warn(`[customer-backoffice] ${file} exports no defineJob / defineSchedule`)
      }
    }
  }
}
