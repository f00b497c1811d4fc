import { defineConfig } from "@medusajs/framework/utils"

/**
 * bench:import's workflow baseline runs here (`medusa exec`, bench/lib/import-baselines.ts): a plain Medusa on the
 * bench's database, without the plugin, so that Medusa's own createCustomersWorkflow is timed alone — what a merchant
 * scripting customer creation gets from core (no stores, profiles or timeline; no plugin subscribers).
 */
export default defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    databaseLogging: false,
    http: { jwtSecret: "bench-only", cookieSecret: "bench-only" },
  },
  admin: { disable: true },
})
