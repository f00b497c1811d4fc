import fs from "fs"
import path from "path"
import { loadEnv, defineConfig } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

/**
 * Development / demo / test host for the plugin.
 *
 * It lives in its own folder because a Medusa app always loads its own
 * `src/` as the "project plugin": run from the repository root, Medusa would
 * load the plugin's routes, links and admin twice (once from `src/`, once
 * from the built `.medusa/server`). From here it loads only the build.
 */
const pluginRoot = path.resolve(__dirname, "..")

/**
 * The admin's Tailwind build takes its classes from the dashboard, @medusajs/ui and each plugin's admin, which it
 * finds with `require.resolve("<plugin>/admin")` from Medusa's own packages: in a store the plugin is in
 * node_modules and is found; this host loads it by path, so without this link the plugin's own classes (arbitrary
 * widths, gaps) would be missing here while a merchant's store has them. A link in the repository's node_modules
 * makes the host's admin look exactly like an installed one.
 */
function linkPluginForTailwind() {
  const link = path.join(pluginRoot, "node_modules", "medusa-customer-backoffice")
  if (fs.existsSync(link)) return
  try {
    fs.symlinkSync(pluginRoot, link, "dir")
  } catch (e) {
    // created meanwhile by another host, or node_modules not writable: the admin still works, with fewer classes
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") console.warn(`[host] could not link the plugin for the admin's Tailwind: ${(e as Error).message}`)
  }
}
linkPluginForTailwind()
const redisUrl = process.env.REDIS_URL || "redis://localhost:6379"
// Medusa's role-based access control is behind a feature flag. The config is
// read before Medusa registers its own flags, so the flag and the RBAC module
// are switched on here too (as Medusa's own test host does).
const rbac = process.env.MEDUSA_FF_RBAC === "true"
// HTTP specs only: providers that keep their "copies" in this folder and can
// be made to fail (integration-tests/providers).
const testProviders = process.env.CBO_TEST_PROVIDER_DIR
  ? path.join(pluginRoot, "integration-tests/providers")
  : null

export default defineConfig({
  projectConfig: {
    databaseUrl:
      process.env.DATABASE_URL ||
      "postgres://postgres@localhost:5432/medusa_backoffice_demo",
    databaseLogging: false,
    redisUrl,
    workerMode: (process.env.MEDUSA_WORKER_MODE as
      | "shared"
      | "worker"
      | "server") || "shared",
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000",
      authCors:
        process.env.AUTH_CORS || "http://localhost:9000,http://localhost:8000",
      jwtSecret: process.env.JWT_SECRET || "supersecret-demo-only",
      // CBO_CUSTOMER_EMAIL_VERIFICATION=true: Medusa's email verification for
      // shoppers signing up with email and password (login waits for it)
      ...(process.env.CBO_CUSTOMER_EMAIL_VERIFICATION === "true"
        ? { authVerificationsPerActor: { customer: [{ entity_type: "email", auth_provider: "emailpass" }] } }
        : {}),
      cookieSecret: process.env.COOKIE_SECRET || "supersecret-demo-only",
    },
    cookieOptions: { secure: false },
  },
  admin: {
    disable: process.env.ADMIN_DISABLED === "true",
    vite: () => ({
      // The dashboard's fonts live in the repository's node_modules.
      server: { fs: { allow: [pluginRoot] } },
      resolve: {
        alias: {
          // The host resolves the plugin by path, not from node_modules.
          "medusa-customer-backoffice/admin": path.join(
            pluginRoot,
            ".medusa/server/src/admin/index.mjs"
          ),
        },
      },
    }),
  },
  featureFlags: { rbac },
  // Medusa's local file provider, as in an app started from its own folder:
  // public and "private" files both in the static/ directory Medusa serves
  // at /static (its defaults are relative to the process's working
  // directory, which for tests is the repository). It links files to
  // http://localhost:9000/static by default: FILE_BACKEND_URL points it at
  // this host's real address/port.
  modules: [
    ...(rbac ? [{ resolve: "@medusajs/medusa/rbac" }] : []),
    // Paying on account at checkout (the plugin's payment provider, id
    // pp_house-account_house-account). Medusa's system provider
    // (pp_system_default) is always registered next to it.
    {
      resolve: "@medusajs/medusa/payment",
      options: {
        providers: [
          {
            resolve: path.join(pluginRoot, ".medusa/server/src/providers/house-account"),
            id: "house-account",
          },
          ...(testProviders
            ? [{ resolve: path.join(testProviders, "account-holder-payment"), id: "test" }]
            : []),
        ],
      },
    },
    ...(testProviders
      ? [
          {
            resolve: "@medusajs/medusa/notification",
            options: {
              providers: [
                { resolve: path.join(testProviders, "notification"), id: "test-feed", options: { channels: ["feed"] } },
              ],
            },
          },
        ]
      : []),
    {
      resolve: "@medusajs/medusa/file",
      options: {
        providers: [
          {
            resolve: "@medusajs/medusa/file-local",
            id: "local",
            options: {
              upload_dir: path.join(__dirname, "static"),
              private_upload_dir: path.join(__dirname, "static"),
              ...(process.env.FILE_BACKEND_URL ? { backend_url: process.env.FILE_BACKEND_URL } : {}),
            },
          },
        ],
      },
    },
  ],
  plugins: [
    {
      resolve: pluginRoot,
      options: {
        // CBO_REDIS_URL points only the plugin elsewhere (tests of a Redis outage).
        redisUrl: process.env.CBO_REDIS_URL || redisUrl,
        queuePrefix: process.env.CBO_QUEUE_PREFIX || "cbo",
        // Medusa's default notification provider (local) serves the "feed" channel.
        confirmationChannel: process.env.CBO_CONFIRMATION_CHANNEL || "feed",
        ...(process.env.CBO_LOCK_DURATION_MS
          ? { lockDurationMs: Number(process.env.CBO_LOCK_DURATION_MS) }
          : {}),
        ...(process.env.CBO_DEFAULT_COUNTRY
          ? { defaultCountry: process.env.CBO_DEFAULT_COUNTRY }
          : {}),
        ...(process.env.CBO_PHOTO_MAX_BYTES
          ? { photoMaxBytes: Number(process.env.CBO_PHOTO_MAX_BYTES) }
          : {}),
        ...(process.env.CBO_WEBHOOK_SECRET
          ? { webhookSecret: process.env.CBO_WEBHOOK_SECRET }
          : {}),
        ...(process.env.CBO_IMPORT_MAX_BYTES
          ? { importMaxBytes: Number(process.env.CBO_IMPORT_MAX_BYTES) }
          : {}),
        ...(process.env.CBO_IMPORT_BATCH_SIZE
          ? { importBatchSize: Number(process.env.CBO_IMPORT_BATCH_SIZE) }
          : {}),
        ...(process.env.CBO_IMPORT_EMITS_CUSTOMER_EVENTS
          ? { importEmitsCustomerEvents: process.env.CBO_IMPORT_EMITS_CUSTOMER_EVENTS !== "false" }
          : {}),
        ...(process.env.CBO_IMPORT_UNDO_DAYS
          ? { importUndoDays: Number(process.env.CBO_IMPORT_UNDO_DAYS) }
          : {}),
        ...(process.env.CBO_INVITE_IN_STORE_CUSTOMERS
          ? { inviteInStoreCustomers: process.env.CBO_INVITE_IN_STORE_CUSTOMERS }
          : {}),
        ...(process.env.CBO_STALLED_INTERVAL_MS
          ? { stalledIntervalMs: Number(process.env.CBO_STALLED_INTERVAL_MS) }
          : {}),
      },
    },
  ],
})
