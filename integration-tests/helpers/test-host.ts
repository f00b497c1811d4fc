import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createAdminHeaders } from "./admin"
import { HOST_DIR, setTestEnv } from "./host"
import { deleteRedisPrefix, TEST_REDIS_URL } from "./redis"

type RunnerOptions = Parameters<typeof medusaIntegrationTestRunner>[0]
type SuiteContext = Parameters<RunnerOptions["testSuite"]>[0]

/**
 * The admin the spec's requests go as. The object stays the same for the
 * whole file (a spec can keep `const admin = session.headers`); its token and
 * id are replaced when a new admin is signed in.
 */
export type AdminSession = {
  headers: Record<string, string>
  id: string
}

export type TestHost = SuiteContext & {
  /** Empty until the first admin is signed in (see `admin` in the options). */
  session: AdminSession
  /** This file's BullMQ key prefix (deleted from Redis after the file). */
  queuePrefix: string
}

export type TestHostOptions = {
  /** Names the file's queue prefix: `<prefix>-<pid>`. */
  prefix: string
  /**
   * A new admin before each test ("each"), one for the file ("once"), or none
   * (the spec signs its own users in).
   */
  admin?: "each" | "once" | false
  /** More environment for this file, read with medusa-config (e.g. feature flags, limits). */
  env?: Record<string, string>
  /** false: no queue prefix and no REDIS_URL (the spec configures Redis itself). */
  redis?: boolean
  testSuite: (host: TestHost) => void
}

/**
 * The preamble of an HTTP spec: the host app (host/, loading the built
 * plugin) with the admin dashboard off, a queue prefix of its own on the test
 * Redis, the spec's environment set before medusa-config is read and restored
 * afterwards, and an admin session.
 */
export function useTestHost(options: TestHostOptions) {
  const queuePrefix = `${options.prefix}-${process.pid}`
  const redis = options.redis !== false
  // medusa-config is read before the runner's own `env` is applied: set it now.
  const restoreEnv = setTestEnv({
    ...(redis ? { CBO_QUEUE_PREFIX: queuePrefix, REDIS_URL: TEST_REDIS_URL } : {}),
    ADMIN_DISABLED: "true",
    ...options.env,
  })
  const admin = options.admin ?? "each"

  medusaIntegrationTestRunner({
    cwd: HOST_DIR,
    testSuite: (context) => {
      const session: AdminSession = { headers: {}, id: "" }
      const signIn = async () => {
        const { headers, user } = await createAdminHeaders(context.getContainer())
        for (const key of Object.keys(session.headers)) delete session.headers[key]
        Object.assign(session.headers, headers)
        session.id = user.id
      }

      afterAll(async () => {
        restoreEnv()
        if (redis) await deleteRedisPrefix(queuePrefix)
      })
      if (admin === "each") beforeEach(signIn)
      if (admin === "once") beforeAll(signIn)

      options.testSuite(Object.assign(context, { session, queuePrefix }))
    },
  })
}
