import { validateEmail } from "../email"
import { validatePhone } from "../phone"
import { AdminProfileBody, StoreProfileBody, isCountryCode } from "../profile"

describe("validateEmail", () => {
  it.each([
    ["ada@example.com", "ada@example.com"],
    ["  Ada.Lovelace+shop@Example.CO.UK ", "Ada.Lovelace+shop@example.co.uk"],
    ["o'brien@mail.ie", "o'brien@mail.ie"],
  ])("accepts %p", (raw, value) => {
    expect(validateEmail(raw)).toEqual({ ok: true, value })
  })

  it.each([
    "ada", "ada@", "@example.com", "ada@example", "ada@@example.com", "ada example@x.com",
    "ada@exa_mple.com", ".ada@example.com", "ada..b@example.com", "ada@example.c0m",
    `${"a".repeat(65)}@example.com`,
  ])("refuses %p with a message naming the value", (raw) => {
    const r = validateEmail(raw)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.message).toContain("not a valid email address")
  })

  it.each([
    ["garcía@example.com", "Medusa accepts only unaccented letters before the @ — e.g. garcia, not garcía"],
    ["anna@müller.de", "Medusa accepts only unaccented domains"],
    ["ada example@x.com", "it contains a space"],
    ["ada", "it needs an @"],
    ["ada@@example.com", "more than one @"],
    ["ada@example", '"example" is not a domain such as example.com'],
    ["a,b@example.com", "not allowed before the @: ,"],
    ["ada..b@example.com", "two dots in a row"],
  ])("says why %p is refused, in words a merchant understands", (raw, why) => {
    const r = validateEmail(raw)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.message).toContain(why)
  })

  it("is optional unless required", () => {
    expect(validateEmail("")).toEqual({ ok: true, value: null })
    expect(validateEmail(null)).toEqual({ ok: true, value: null })
    expect(validateEmail(undefined, { required: true })).toEqual({ ok: false, message: "Email is required" })
    expect(validateEmail(42)).toEqual({ ok: false, message: "Email must be text" })
  })
})

describe("validatePhone", () => {
  it("normalises national numbers with the default country and keeps the original", () => {
    expect(validatePhone("(415) 555-2671", "US")).toEqual({
      ok: true, value: "+14155552671", original: "(415) 555-2671", country: "US",
    })
    expect(validatePhone("020 7946 0958", "GB")).toMatchObject({ ok: true, value: "+442079460958" })
  })

  it("reads international prefixes regardless of the default country", () => {
    expect(validatePhone("+33 1 42 68 53 00", "US")).toMatchObject({ ok: true, value: "+33142685300", country: "FR" })
    expect(validatePhone("0033 1 42 68 53 00", "US")).toMatchObject({ ok: true, value: "+33142685300" })
  })

  it("refuses impossible numbers with a field message", () => {
    const r = validatePhone("12345", "US")
    expect(r).toEqual({ ok: false, message: expect.stringContaining('"12345" is not a valid phone number for US') })
    expect(validatePhone("+1 555", "US").ok).toBe(false)
    expect(validatePhone("call me", "US").ok).toBe(false)
  })

  it("reads a national number in each country of a region; one that exists in several is refused, never guessed", () => {
    // a Paris, a London and a German mobile number, typed nationally, in a region of DE, FR and GB
    expect(validatePhone("01 42 68 53 00", ["DE", "FR", "GB"])).toMatchObject({ ok: true, value: "+33142685300", country: "FR" })
    expect(validatePhone("020 7946 0958", ["DE", "FR", "GB"])).toMatchObject({ ok: true, value: "+442079460958", country: "GB" })
    expect(validatePhone("0151 12345678", ["DE", "FR", "GB"])).toMatchObject({ ok: true, value: "+4915112345678", country: "DE" })
    // valid in Germany and in the UK
    expect(validatePhone("07949 802957", ["DE", "FR", "GB"])).toEqual({
      ok: false,
      message: '"07949 802957" could be a number in DE or GB: add the country code (+49… or +44…)',
    })
    expect(validatePhone("07949 802957", ["GB"])).toMatchObject({ ok: true, value: "+447949802957", country: "GB" })
    expect(validatePhone("12345", ["DE", "FR", "GB"])).toEqual({
      ok: false,
      message: expect.stringContaining("for DE or FR or GB"),
    })
  })

  it("treats empty as no phone", () => {
    expect(validatePhone("  ", "US")).toEqual({ ok: true, value: null, original: null })
  })
})

describe("profile bodies", () => {
  const admin = AdminProfileBody("US", true)

  it("normalises dates, country and phones", () => {
    const r = admin.parse({
      date_of_birth: "1990-02-28",
      nationality: "gb",
      alt_phone: "415 555 2671",
      title: "  Dr ",
      gate_code: "",
    })
    expect(r.date_of_birth).toEqual(new Date("1990-02-28T00:00:00.000Z"))
    expect(r.nationality).toBe("GB")
    expect(r.alt_phone).toEqual({ value: "+14155552671", original: "415 555 2671" })
    expect(r.title).toBe("Dr")
    expect(r.gate_code).toBeNull()
  })

  it("refuses a date of birth in the future, impossible dates, unknown countries", () => {
    const future = new Date(Date.now() + 3 * 86400_000).toISOString().slice(0, 10)
    const r = admin.safeParse({ date_of_birth: future, anniversary: "2021-02-30", nationality: "XX" })
    expect(r.success).toBe(false)
    const fields = r.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`)
    expect(fields).toEqual(
      expect.arrayContaining([
        "date_of_birth: Date of birth cannot be in the future",
        "anniversary: Anniversary (first visit) must be a date (YYYY-MM-DD)",
        expect.stringContaining("nationality: \"XX\" is not a country code"),
      ])
    )
  })

  it("requires the email when the option says so", () => {
    expect(admin.safeParse({ email: "" }).success).toBe(false)
    expect(AdminProfileBody("US", false).parse({ email: "" }).email).toBeNull()
  })

  it("store body refuses staff-only and unknown fields", () => {
    const store = StoreProfileBody("US")
    for (const key of ["customer_number", "anniversary", "customer_id", "status_override", "origin", "email"]) {
      expect(store.safeParse({ [key]: "x" }).success).toBe(false)
    }
    expect(store.parse({ gender: "female" })).toEqual({ gender: "female" })
  })

  it("knows country codes", () => {
    expect(isCountryCode("FR")).toBe(true)
    expect(isCountryCode("ZZ")).toBe(false)
  })

  it("takes a nationality as a code or a name, as the import does", () => {
    expect(admin.parse({ nationality: "France" }).nationality).toBe("FR")
    expect(admin.parse({ nationality: "united kingdom" }).nationality).toBe("GB")
    expect(admin.parse({ nationality: "UK" }).nationality).toBe("GB")
    expect(admin.parse({ nationality: "de" }).nationality).toBe("DE")
    const r = admin.safeParse({ nationality: "Atlantis" })
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]).toMatchObject({ path: ["nationality"], message: expect.stringContaining("or a country name") })
  })
})
