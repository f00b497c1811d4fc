import { z } from "@medusajs/framework/zod"

/**
 * Queues the plugin runs. Every background job type belongs to one of them;
 * concurrency is set per queue.
 */
export const QUEUE_NAMES = [
  "system",
  "imports",
  "exports",
  "duplicates",
  "loyalty",
  "gdpr",
] as const
export type QueueName = (typeof QUEUE_NAMES)[number]

const positiveInt = (min: number, max: number) =>
  z.number().int().min(min).max(max)

const concurrencySchema = z
  .object({
    default: positiveInt(1, 64).default(2),
    system: positiveInt(1, 64).optional(),
    imports: positiveInt(1, 64).optional(),
    exports: positiveInt(1, 64).optional(),
    duplicates: positiveInt(1, 64).optional(),
    loyalty: positiveInt(1, 64).optional(),
    gdpr: positiveInt(1, 64).optional(),
  })
  .strict()

export const pluginOptionsSchema = z
  .object({
    /** Redis used by the plugin's BullMQ queues. Defaults to REDIS_URL. */
    redisUrl: z.string().min(1).optional(),
    /** Prefix of every BullMQ key the plugin writes. */
    queuePrefix: z
      .string()
      .regex(/^[A-Za-z0-9_:-]+$/, "letters, digits, _ - : only")
      .default("cbo"),
    /** Jobs processed at once per worker instance, per queue. */
    concurrency: concurrencySchema.default({ default: 2 }),
    /** Attempts per job before it is marked failed. */
    jobAttempts: positiveInt(1, 20).default(3),
    /** First retry delay; doubles on each attempt. */
    jobBackoffMs: positiveInt(0, 3_600_000).default(2_000),
    /** How long a worker holds a job lock before another worker may take it over. */
    lockDurationMs: positiveInt(1_000, 600_000).default(30_000),
    /** How often workers look for jobs whose worker died. */
    stalledIntervalMs: positiveInt(1_000, 600_000).default(30_000),
    /** Completed/failed BullMQ entries kept in Redis (the Postgres record is kept forever). */
    keepJobs: positiveInt(0, 100_000).default(1_000),
    /**
     * Country assumed for phone numbers typed without an international prefix
     * (ISO 3166-1 alpha-2). Unset: the countries of the store's default region
     * (src/lib/validation/phone-country.ts), else US.
     */
    defaultCountry: z
      .string()
      .regex(/^[A-Za-z]{2}$/, "a two-letter country code such as US")
      .transform((v) => v.toUpperCase())
      .optional(),
    /** Customers created by staff must have an email address. */
    emailRequired: z.boolean().default(true),
    /** Largest customer photo accepted, in bytes. */
    photoMaxBytes: positiveInt(1_024, 50 * 1024 * 1024).default(2 * 1024 * 1024),
    /** Shared secret of the email-bounce webhook; the webhook is off without it. */
    webhookSecret: z.string().min(16, "at least 16 characters").optional(),
    /** Hours a mailing-subscription confirmation link stays valid. */
    confirmationTokenTtlHours: positiveInt(1, 24 * 30).default(48),
    /** Notification channel of the confirmation message (a provider must serve it). */
    confirmationChannel: z.string().min(1).default("email"),
    /**
     * Where files holding customer data (import uploads and backups, exports,
     * photos) are stored: "auto" uses Medusa's File module unless its provider
     * would publish private files (the local provider does), then privateFilesDir.
     */
    customerFilesStorage: z.enum(["auto", "directory", "file-module"]).default("auto"),
    /** The plugin's own directory for customer files (relative to the app); never inside static/. */
    privateFilesDir: z.string().min(1).optional(),
    /** Who receives the trade-application enquiry (an address on the channel); every admin user when unset. */
    tradeNotificationTo: z.string().min(3).optional(),
    /** Largest customer file an import accepts, in bytes. */
    importMaxBytes: positiveInt(1_024, 2_000_000_000).default(50 * 1024 * 1024),
    /** Days after an import during which it can be undone. */
    importUndoDays: positiveInt(0, 365).default(7),
    /** Days after a customer merge during which it can be undone. */
    mergeUndoDays: positiveInt(0, 365).default(30),
    /** Days export files (and, once their undo window is over, import backups) are kept; 0 keeps them forever. */
    exportRetentionDays: positiveInt(0, 3_650).default(7),
    /** Rows written per transaction when an import is committed. */
    importBatchSize: positiveInt(1, 10_000).default(1_000),
    /** Batches an import commit writes at once, each in its own transaction. */
    importParallelBatches: positiveInt(1, 8).default(2),
    /**
     * After each committed batch, an import emits Medusa's own customer.created /
     * customer.updated events for the batch's customers (one emit per batch), so
     * other plugins (search, CRM sync) see imported customers.
     */
    importEmitsCustomerEvents: z.boolean().default(true),
    /** Days earned or added points stay valid (lot expiry = earned date + this). */
    pointsExpiryDays: positiveInt(1, 36_500).default(365),
    /** Currency value of one point, in the store currency's main unit (0.01: 100 points = 1 unit). */
    pointValue: z
      .number()
      .positive()
      .max(1_000_000)
      .refine((v) => Number.isFinite(v) && /^\d+(\.\d{1,6})?$/.test(String(v)), "at most 6 decimals")
      .default(0.01),
    /** When the daily points expiry runs: a 5-field cron expression, evaluated in UTC. */
    pointsExpiryCron: z
      .string()
      .regex(/^\S+(\s+\S+){4}$/, "a 5-field cron expression such as \"15 3 * * *\"")
      .default("15 3 * * *"),
    // --- in-store customers and invitations ---
    /**
     * When staff-created customers (admin, import) with an email and no account
     * get an invitation to register: never, when created, or on their first order.
     */
    inviteInStoreCustomers: z.enum(["off", "on_create", "on_first_order"]).default("off"),
    /** The storefront's registration page; `{token}` is replaced by the invitation token (URL-encoded). */
    invitationUrl: z
      .string()
      .regex(/^https?:\/\/\S+$/, "an http(s) URL")
      .refine((v) => v.includes("{token}"), "must contain {token}")
      .default("http://localhost:8000/account/register?invitation={token}"),
    /** Days an invitation link stays valid. */
    invitationTtlDays: positiveInt(1, 365).default(30),
    // --- loyalty points at checkout (earning on orders) ---
    /** Points earned per unit of the order's currency (order total × this, rounded down). */
    pointsPerCurrencyUnit: z
      .number()
      .min(0)
      .max(1_000)
      .refine((v) => /^\d+(\.\d{1,4})?$/.test(String(v)), "at most 4 decimals")
      .default(1),
  })
  .strict()

export type PluginOptionsInput = z.input<typeof pluginOptionsSchema>
export type PluginOptions = z.output<typeof pluginOptionsSchema> & {
  redisUrl: string
}

const DEFAULT_REDIS_URL = "redis://localhost:6379"

/**
 * Validates the options given in medusa-config's `plugins` entry. Medusa passes
 * the same object to every module of the plugin, so each module parses it with
 * this function. Options of later features are accepted here as they are added.
 */
export function parsePluginOptions(raw: unknown): PluginOptions {
  const input = { ...((raw as Record<string, unknown>) ?? {}) }
  // Medusa may add its own keys to module options: unknown keys are reported
  // by `unknownOptionKeys`, not rejected.
  for (const key of unknownOptionKeys(input)) {
    delete input[key]
  }
  const parsed = pluginOptionsSchema.safeParse(input)
  if (!parsed.success) {
    const details = parsed.error.issues
      .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
      .join("; ")
    throw new Error(
      `medusa-customer-backoffice: invalid plugin options (${details})`
    )
  }
  return {
    ...parsed.data,
    redisUrl:
      parsed.data.redisUrl ?? process.env.REDIS_URL ?? DEFAULT_REDIS_URL,
  }
}

export function unknownOptionKeys(raw: unknown): string[] {
  const known = Object.keys(pluginOptionsSchema.shape)
  return Object.keys((raw as Record<string, unknown>) ?? {}).filter(
    (k) => !known.includes(k)
  )
}

export function concurrencyFor(options: PluginOptions, queue: QueueName) {
  return options.concurrency[queue] ?? options.concurrency.default
}
