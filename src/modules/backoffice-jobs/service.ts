import { MedusaService } from "@medusajs/framework/utils"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { ConfigModule, Logger } from "@medusajs/framework/types"
import BackofficeJob from "./models/backoffice-job"
import {
  JobRuntime,
  type RuntimeStatus,
  type WorkerMode,
} from "./runtime/job-runtime"
import { parsePluginOptions, unknownOptionKeys } from "../../lib/options"
import type { JobRegistry } from "./runtime/registry"
import { JOB_REGISTRY_KEY } from "./loaders/job-definitions"

type InjectedDependencies = {
  logger: Logger
  __pg_connection__: Knex
  configModule?: ConfigModule
  [JOB_REGISTRY_KEY]: JobRegistry
}

function resolveWorkerMode(
  declaration: Record<string, unknown> | undefined,
  configModule: ConfigModule | undefined
): WorkerMode {
  const mode =
    (declaration?.worker_mode as string | undefined) ??
    (configModule?.projectConfig?.workerMode as string | undefined) ??
    process.env.MEDUSA_WORKER_MODE ??
    "shared"
  return mode === "server" || mode === "worker" ? mode : "shared"
}

/**
 * Background jobs of the customer back office. The records are a plain
 * Medusa data model (list/retrieve come from MedusaService); the runtime
 * owns Redis, the BullMQ queues and the workers.
 */
class BackofficeJobsModuleService extends MedusaService({ BackofficeJob }) {
  readonly runtime: JobRuntime

  constructor(
    deps: InjectedDependencies,
    moduleOptions: Record<string, unknown>,
    moduleDeclaration?: Record<string, unknown>
  ) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    const options = parsePluginOptions(moduleOptions)
    // Medusa itself adds "database" to every module's options.
    const unknown = unknownOptionKeys(moduleOptions).filter(
      (k) => k !== "database"
    )
    if (unknown.length) {

      deps.logger.warn(
        `[customer-backoffice] unknown plugin option(s) ignored: ${unknown.join(", ")}`
      )
    }
    let configModule: ConfigModule | undefined
    try {
      configModule = deps.configModule
    } catch {
      configModule = undefined
    }
    this.runtime = new JobRuntime({
      options,
      logger: deps.logger,
      pg: deps.__pg_connection__,
      registry: deps[JOB_REGISTRY_KEY],
      workerMode: resolveWorkerMode(moduleDeclaration, configModule),
      appContainer: () =>
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require("@medusajs/framework").container,
    })
  }

  __hooks = {
    onApplicationStart: async () => {
      await this.runtime.start()
    },
    onApplicationPrepareShutdown: async () => {
      await this.runtime.drain()
    },
    onApplicationShutdown: async () => {
      await this.runtime.close()
    },
  }

  status(): RuntimeStatus {
    return this.runtime.status()
  }

  jobTypes() {
    return this.runtime.registry.listJobs().map((d) => ({
      type: d.type,
      label: d.label,
      queue: d.queue,
    }))
  }
}

export default BackofficeJobsModuleService
