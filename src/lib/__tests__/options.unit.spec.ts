import {
  concurrencyFor,
  parsePluginOptions,
  unknownOptionKeys,
} from "../options"

describe("plugin options", () => {
  const envRedis = process.env.REDIS_URL
  afterEach(() => {
    if (envRedis === undefined) delete process.env.REDIS_URL
    else process.env.REDIS_URL = envRedis
  })

  it("fills every default", () => {
    delete process.env.REDIS_URL
    const o = parsePluginOptions({})
    expect(o).toEqual({
      redisUrl: "redis://localhost:6379",
      queuePrefix: "cbo",
      concurrency: { default: 2 },
      jobAttempts: 3,
      jobBackoffMs: 2000,
      lockDurationMs: 30000,
      stalledIntervalMs: 30000,
      keepJobs: 1000,
      emailRequired: true,
      photoMaxBytes: 2 * 1024 * 1024,
      confirmationTokenTtlHours: 48,
      confirmationChannel: "email",
      importMaxBytes: 50 * 1024 * 1024,
      customerFilesStorage: "auto",
      importUndoDays: 7,
      mergeUndoDays: 30,
      importBatchSize: 1000,
      importEmitsCustomerEvents: true,
      inviteInStoreCustomers: "off",
      invitationUrl: "http://localhost:8000/account/register?invitation={token}",
      invitationTtlDays: 30,
      importParallelBatches: 2,
      pointsExpiryDays: 365,
      pointValue: 0.01,
      pointsExpiryCron: "15 3 * * *",
      pointsPerCurrencyUnit: 1,
      exportRetentionDays: 7,
    })
    expect(concurrencyFor(o, "imports")).toBe(2)
  })

  it("leaves the phone country unset (the store's default region decides) unless given", () => {
    expect(parsePluginOptions({}).defaultCountry).toBeUndefined()
    expect(parsePluginOptions({ defaultCountry: "gb" }).defaultCountry).toBe("GB")
    expect(() => parsePluginOptions({ defaultCountry: "GBR" })).toThrow(/defaultCountry/)
  })

  it("checks where customer files are stored", () => {
    expect(parsePluginOptions({ customerFilesStorage: "directory", privateFilesDir: "/var/cbo" })).toEqual(
      expect.objectContaining({ customerFilesStorage: "directory", privateFilesDir: "/var/cbo" })
    )
    expect(() => parsePluginOptions({ customerFilesStorage: "public" })).toThrow(/customerFilesStorage/)
    expect(() => parsePluginOptions({ privateFilesDir: "" })).toThrow(/privateFilesDir/)
  })

  it("checks the invitation options", () => {
    expect(parsePluginOptions({ inviteInStoreCustomers: "on_first_order" }).inviteInStoreCustomers).toBe("on_first_order")
    expect(() => parsePluginOptions({ inviteInStoreCustomers: "always" })).toThrow(/inviteInStoreCustomers/)
    expect(() => parsePluginOptions({ invitationUrl: "https://shop.example.com/register" })).toThrow(/invitationUrl/)
    expect(() => parsePluginOptions({ invitationUrl: "shop/{token}" })).toThrow(/invitationUrl/)
    expect(() => parsePluginOptions({ invitationTtlDays: 0 })).toThrow(/invitationTtlDays/)
  })

  it("bounds the confirmation token lifetime", () => {
    expect(parsePluginOptions({ confirmationTokenTtlHours: 1 }).confirmationTokenTtlHours).toBe(1)
    expect(() => parsePluginOptions({ confirmationTokenTtlHours: 0 })).toThrow(
      /confirmationTokenTtlHours/
    )
    expect(() => parsePluginOptions({ confirmationChannel: "" })).toThrow(/confirmationChannel/)
  })

  it("bounds the import options", () => {
    expect(parsePluginOptions({ importMaxBytes: 1024, importUndoDays: 0, importBatchSize: 1 })).toEqual(
      expect.objectContaining({ importMaxBytes: 1024, importUndoDays: 0, importBatchSize: 1 })
    )
    expect(() => parsePluginOptions({ importMaxBytes: 10 })).toThrow(/importMaxBytes/)
    expect(() => parsePluginOptions({ importUndoDays: -1 })).toThrow(/importUndoDays/)
    expect(() => parsePluginOptions({ importBatchSize: 0 })).toThrow(/importBatchSize/)
    expect(() => parsePluginOptions({ importParallelBatches: 0 })).toThrow(/importParallelBatches/)
    expect(parsePluginOptions({ importParallelBatches: 1 }).importParallelBatches).toBe(1)
  })

  it("bounds the export files retention (0 keeps files forever)", () => {
    expect(parsePluginOptions({ exportRetentionDays: 0 }).exportRetentionDays).toBe(0)
    expect(parsePluginOptions({ exportRetentionDays: 30 }).exportRetentionDays).toBe(30)
    expect(() => parsePluginOptions({ exportRetentionDays: -1 })).toThrow(/exportRetentionDays/)
    expect(() => parsePluginOptions({ exportRetentionDays: 1.5 })).toThrow(/exportRetentionDays/)
  })

  it("validates the loyalty points options", () => {
    const o = parsePluginOptions({ pointsExpiryDays: 30, pointValue: 0.05, pointsExpiryCron: "0 4 * * *" })
    expect([o.pointsExpiryDays, o.pointValue, o.pointsExpiryCron]).toEqual([30, 0.05, "0 4 * * *"])
    expect(() => parsePluginOptions({ pointsExpiryDays: 0 })).toThrow(/pointsExpiryDays/)
    expect(() => parsePluginOptions({ pointsExpiryDays: 1.5 })).toThrow(/pointsExpiryDays/)
    expect(() => parsePluginOptions({ pointValue: -1 })).toThrow(/pointValue/)
    expect(() => parsePluginOptions({ pointValue: 0.0000001 })).toThrow(/pointValue/)
    expect(() => parsePluginOptions({ pointsExpiryCron: "daily" })).toThrow(/pointsExpiryCron/)
  })

  it("validates the earning rate (points per currency unit)", () => {
    expect(parsePluginOptions({ pointsPerCurrencyUnit: 2.5 }).pointsPerCurrencyUnit).toBe(2.5)
    expect(parsePluginOptions({ pointsPerCurrencyUnit: 0 }).pointsPerCurrencyUnit).toBe(0)
    expect(() => parsePluginOptions({ pointsPerCurrencyUnit: -1 })).toThrow(/pointsPerCurrencyUnit/)
    expect(() => parsePluginOptions({ pointsPerCurrencyUnit: 0.00001 })).toThrow(/pointsPerCurrencyUnit/)
    expect(() => parsePluginOptions({ pointsPerCurrencyUnit: "1" })).toThrow(/pointsPerCurrencyUnit/)
  })

  it("takes redisUrl from REDIS_URL when not given", () => {
    process.env.REDIS_URL = "redis://cache.internal:6380/2"
    expect(parsePluginOptions({}).redisUrl).toBe("redis://cache.internal:6380/2")
    expect(parsePluginOptions({ redisUrl: "redis://x:1" }).redisUrl).toBe(
      "redis://x:1"
    )
  })

  it("uses per-queue concurrency over the default", () => {
    const o = parsePluginOptions({ concurrency: { default: 3, imports: 1 } })
    expect(concurrencyFor(o, "imports")).toBe(1)
    expect(concurrencyFor(o, "loyalty")).toBe(3)
  })

  it("rejects bad values with the option's name", () => {
    expect(() => parsePluginOptions({ concurrency: { imports: 0 } })).toThrow(
      /concurrency\.imports/
    )
    expect(() => parsePluginOptions({ queuePrefix: "has space" })).toThrow(
      /queuePrefix/
    )
    expect(() => parsePluginOptions({ jobAttempts: 1.5 })).toThrow(/jobAttempts/)
    expect(() =>
      parsePluginOptions({ concurrency: { imprts: 2 } })
    ).toThrow(/concurrency/)
  })

  it("reports unknown top-level keys instead of failing the boot", () => {
    expect(unknownOptionKeys({ redisUrl: "x", database: {}, typo: 1 })).toEqual([
      "database",
      "typo",
    ])
    expect(() => parsePluginOptions({ typo: 1 })).not.toThrow()
  })
})
