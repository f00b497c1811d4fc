/**
 * A seeded generator of customers with planted duplicates and hard negatives,
 * for measuring duplicate detection (bench:duplicates and its module test).
 *
 * Every record belongs to a person (`entity`): two records of one person are
 * a true duplicate pair, any other pair is not. What it plants:
 * - duplicates (a second record of a person), one kind each — the same email
 *   with its case or surrounding spaces changed, a guest and a registered
 *   account on one email, the same phone written another way (national,
 *   spaced, 00-prefixed), the same name at the same address (postcode
 *   written another way), and a changed name — a typo, two letters
 *   transposed, accents stripped, a nickname (Bob for Robert), first and last
 *   name swapped — with one piece of evidence kept: the address, the phone
 *   or the email's local part at another provider;
 * - hard negatives: households (two to four people with one surname at one
 *   address, sometimes one landline), and namesakes (someone else with the
 *   same first and last name in another town).
 * Names, towns and providers of five countries, accents as written there.
 * Deterministic: the same seed and count give the same records.
 */
import { COUNTRIES, NICKNAMES_PLANTED, type CountryData } from "./duplicates-names"

/** Changes whenever the generator's output does (a bench database seeded by another version is seeded again). */
export const GENERATOR_VERSION = 2

export const DUPLICATE_KINDS = [
  "email_case",
  "email_spaces",
  "guest_registered",
  "phone_format",
  "same_address",
  "typo",
  "transposed",
  "accents",
  "nickname",
  "swapped",
] as const
export type DuplicateKind = (typeof DUPLICATE_KINDS)[number]
export type RecordRole = "person" | "household" | "namesake" | DuplicateKind

export type GenAddress = { address_1: string; city: string; postal_code: string; country_code: string }
export type GenCustomer = {
  id: string
  /** The person this record is of: equal entity = true duplicate. */
  entity: number
  role: RecordRole
  first_name: string
  last_name: string
  email: string
  phone: string | null
  has_account: boolean
  address: GenAddress | null
}

export type GeneratorOptions = {
  count: number
  seed?: number
  /** Share of people with a planted duplicate (default 0.1). */
  duplicateShare?: number
  /** Id of the i-th record (default cus_01DUPB + 21 digits, in generation order). */
  id?: (i: number) => string
}

/** mulberry32: small, fast, seeded. */
export function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const stripAccents = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").replace(/ß/g, "ss")
const hasAccents = (s: string) => stripAccents(s) !== s.replace(/ß/g, "ss")
const emailPart = (s: string) => stripAccents(s).toLowerCase().replace(/[^a-z0-9]/g, "")

/** True when an email's local part is only the name (jane.smith, jsmith, smith.jane, jane_smith). */
export function nameOnly(local: string, names: string[]): boolean {
  const l = local.toLowerCase().replace(/[._-]/g, "")
  const n = names.map(emailPart)
  for (const f of n) for (const g of n) if (f !== g && (l === f + g || l === f[0] + g)) return true
  return n.includes(l)
}

type Person = {
  country: CountryData
  female: boolean
  first: string
  last: string
  email: string
  local: string
  /** National significant number of the mobile (digits only). */
  mobile: string | null
  address: GenAddress | null
}

const KEYBOARD_NEAR: Record<string, string> = {
  a: "sqz", b: "vn", c: "xv", d: "sf", e: "wr", f: "dg", g: "fh", h: "gj", i: "uo", j: "hk", k: "jl", l: "k",
  m: "n", n: "bm", o: "ip", p: "o", q: "w", r: "et", s: "ad", t: "ry", u: "yi", v: "cb", w: "qe", x: "zc",
  y: "tu", z: "x",
}

export function createGenerator(opts: GeneratorOptions) {
  const rnd = prng(opts.seed ?? 20261208)
  const dupShare = opts.duplicateShare ?? 0.1
  const idOf = opts.id ?? ((i: number) => `cus_01DUPB${String(i).padStart(21, "0")}`)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]
  /** Names are not equally common: the list's start is picked more often (weight 1/√rank). */
  const pickSkewed = <T>(xs: readonly T[]): T => xs[Math.floor(xs.length * rnd() ** 1.6)]
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join("")
  const letters = (n: number) => Array.from({ length: n }, () => "ABCDEFGHJKLMNPRSTUWXYZ"[Math.floor(rnd() * 22)]).join("")
  const emails = new Set<string>()
  const recent: Person[] = []
  let index = 0
  let entity = 0

  const postcode = (c: CountryData): { pc: string; city: string } => {
    // the town follows from the postcode, as it does in the real world
    let pc: string
    if (c.code === "gb") {
      const area = pick(["SW", "SE", "N", "NW", "E", "W", "M", "B", "LS", "G", "BS", "L", "S", "EH", "CF", "LE", "NG", "NE", "BN", "SO", "YO", "NR", "EX", "AB", "SA", "BT", "OX", "CB", "BA", "DE", "CV", "RG", "PL", "IV", "ST"])
      pc = `${area}${1 + Math.floor(rnd() * 20)} ${Math.floor(rnd() * 10)}${letters(2)}`
    } else if (c.code === "fr") pc = `${String(1 + Math.floor(rnd() * 95)).padStart(2, "0")}${String(Math.floor(rnd() * 100) * 10).padStart(3, "0")}`
    else if (c.code === "de") pc = String(10000 + Math.floor(rnd() * 8000) * 11)
    else if (c.code === "es") pc = `${String(1 + Math.floor(rnd() * 52)).padStart(2, "0")}${String(Math.floor(rnd() * 200)).padStart(3, "0")}`
    else pc = String(10000 + Math.floor(rnd() * 4600) * 19).padStart(5, "0")
    let h = 0
    for (const ch of pc.split(" ")[0]) h = (h * 31 + ch.charCodeAt(0)) >>> 0
    return { pc, city: c.cities[h % c.cities.length] }
  }

  const address = (c: CountryData): GenAddress => {
    const { pc, city } = postcode(c)
    const n = 1 + Math.floor(rnd() * 180)
    const street = pick(c.streets)
    const line = c.code === "gb" || c.code === "fr" ? `${n} ${street}` : `${street} ${n}`
    return { address_1: line, city, postal_code: pc, country_code: c.code }
  }

  const localPart = (first: string, last: string): string => {
    const f = emailPart(first)
    const l = emailPart(last)
    const r = rnd()
    if (r < 0.3) return `${f}.${l}`
    if (r < 0.4) return `${f}${l}`
    if (r < 0.55) return `${f[0]}${l}`
    if (r < 0.7) return `${f}.${l}${10 + Math.floor(rnd() * 90)}`
    if (r < 0.8) return `${f}${digits(2 + Math.floor(rnd() * 3))}`
    if (r < 0.85) return `${l}.${f}`
    if (r < 0.9) return `${f}_${l}`
    return `${pick(["sunny", "blue", "happy", "wild", "little", "lucky", "green", "silver"])}${pick(["fox", "bird", "cat", "wolf", "star", "bee", "owl", "tree"])}${digits(3)}`
  }

  /** A free address at one of the country's providers: the local part is taken → digits added. */
  const freeEmail = (c: CountryData, local: string, avoidDomain?: string): string => {
    for (let i = 0; ; i++) {
      const domain = pick(avoidDomain ? c.domains.filter((d) => d !== avoidDomain) : c.domains)
      const l = i === 0 ? local : `${local}${digits(i < 3 ? 2 : 4)}`
      const e = `${l}@${domain}`
      if (!emails.has(e)) {
        emails.add(e)
        return e
      }
    }
  }

  const newPerson = (c = pickSkewed(COUNTRIES)): Person => {
    const female = rnd() < 0.5
    const first = pickSkewed(female ? c.female : c.male)
    const last = pickSkewed(c.surnames)
    const email = freeEmail(c, localPart(first, last))
    return {
      country: c,
      female,
      first,
      last,
      email,
      local: email.split("@")[0],
      mobile: rnd() < 0.7 ? `${pick(c.mobile[0])}${digits(c.mobile[1])}` : null,
      address: rnd() < 0.75 ? address(c) : null,
    }
  }

  /** How people write one number: E.164, spaced international, 00-prefixed, national. */
  const phoneAs = (c: CountryData, nsn: string, style: "e164" | "intl" | "00" | "national"): string => {
    const grouped = nsn.replace(/(\d{3})(?=\d{3})/g, "$1 ")
    if (style === "e164") return `+${c.calling}${nsn}`
    if (style === "intl") return `+${c.calling} ${grouped}`
    if (style === "00") return `00${c.calling} ${grouped}`
    return `${c.trunk}${grouped}`
  }

  const record = (p: Person, role: RecordRole, e: number, over: Partial<GenCustomer> = {}): GenCustomer => ({
    id: idOf(index++),
    entity: e,
    role,
    first_name: p.first,
    last_name: p.last,
    email: p.email,
    phone: p.mobile ? phoneAs(p.country, p.mobile, "e164") : null,
    has_account: rnd() < 0.6,
    address: p.address,
    ...over,
  })

  const typo = (s: string): string => {
    const chars = [...s]
    const letterAt = () => {
      for (let k = 0; k < 20; k++) {
        const i = 1 + Math.floor(rnd() * (chars.length - 1))
        if (/\p{L}/u.test(chars[i])) return i
      }
      return chars.length - 1
    }
    const r = rnd()
    const i = letterAt()
    const lower = chars[i].toLowerCase()
    if (r < 0.4) chars[i] = pick([...(KEYBOARD_NEAR[stripAccents(lower)] ?? "e")]) // a neighbouring key
    else if (r < 0.7) chars.splice(i, 1) // a letter left out
    else chars.splice(i, 0, chars[i].toLowerCase()) // a letter typed twice
    return chars.join("")
  }

  const transpose = (s: string): string => {
    const chars = [...s]
    for (let k = 0; k < 20; k++) {
      const i = 1 + Math.floor(rnd() * (chars.length - 2))
      if (chars[i] !== chars[i + 1] && /\p{L}/u.test(chars[i]) && /\p{L}/u.test(chars[i + 1])) {
        ;[chars[i], chars[i + 1]] = [chars[i + 1], chars[i]]
        return chars.join("")
      }
    }
    return s
  }

  /** A person's second record, of the given kind. */
  const duplicate = (p: Person, kind: DuplicateKind, e: number, firstHasAccount: boolean): GenCustomer => {
    const c = p.country
    const otherEmail = () => freeEmail(c, localPart(p.first, p.last))
    // the name a fuzzy duplicate is written with, and the one piece of evidence kept. An
    // email local part made of the name only (jane.smith@ at another provider) is no
    // evidence: every namesake may have it. Only a local part that says more is kept as such.
    const fuzzy = (first: string, last: string): GenCustomer => {
      const distinctive = !nameOnly(p.email.split("@")[0], [p.first, p.last, first, last])
      const evidence = pick(distinctive ? (["address", "phone", "email_local"] as const) : (["address", "phone"] as const))
      const base = { first_name: first, last_name: last, has_account: !firstHasAccount || rnd() < 0.3 }
      if (evidence === "address" && p.address) {
        return record(p, kind, e, { ...base, email: otherEmail(), phone: null })
      }
      if ((evidence === "phone" || !distinctive) && p.mobile) {
        return record(p, kind, e, { ...base, email: otherEmail(), phone: phoneAs(c, p.mobile, pick(["intl", "00"] as const)), address: null })
      }
      if (!distinctive) return record(p, kind, e, { ...base, email: otherEmail(), phone: null })
      const [local, domain] = p.email.split("@")
      return record(p, kind, e, { ...base, email: freeEmail(c, local, domain), phone: null, address: null })
    }
    switch (kind) {
      case "email_case": {
        const [l, d] = p.email.split("@")
        const email = rnd() < 0.5 ? p.email.toUpperCase() : `${l[0].toUpperCase()}${l.slice(1)}@${d[0].toUpperCase()}${d.slice(1)}`
        return record(p, kind, e, { email, has_account: firstHasAccount, phone: null, address: rnd() < 0.5 ? p.address : null })
      }
      case "email_spaces":
        return record(p, kind, e, { email: pick([` ${p.email}`, `${p.email} `, `  ${p.email}  `]), has_account: firstHasAccount, phone: null })
      case "guest_registered":
        return record(p, kind, e, {
          has_account: !firstHasAccount,
          address: null,
          phone: p.mobile && rnd() < 0.5 ? phoneAs(c, p.mobile, "e164") : null,
        })
      case "phone_format": {
        // written the national way, the number needs the record's country: a (new) address in the same country
        const national = c.trunk !== "" && rnd() < 0.5
        return record(p, kind, e, {
          email: otherEmail(),
          phone: phoneAs(c, p.mobile, national ? "national" : pick(["intl", "00"] as const)),
          address: national ? address(c) : null,
        })
      }
      case "same_address": {
        const a = p.address ?? address(c)
        p.address = a
        const pc = c.code === "gb" && rnd() < 0.5 ? a.postal_code.replace(" ", "").toLowerCase() : a.postal_code
        return record(p, kind, e, { email: otherEmail(), phone: null, address: { ...a, postal_code: pc, address_1: a.address_1.toUpperCase() } })
      }
      case "typo":
        return rnd() < 0.5 ? fuzzy(typo(p.first), p.last) : fuzzy(p.first, typo(p.last))
      case "transposed":
        return rnd() < 0.5 ? fuzzy(transpose(p.first), p.last) : fuzzy(p.first, transpose(p.last))
      case "accents":
        return fuzzy(stripAccents(p.first), stripAccents(p.last))
      case "nickname":
        return fuzzy(pick(NICKNAMES_PLANTED[p.first]), p.last)
      case "swapped":
        return fuzzy(p.last, p.first)
    }
  }

  /** The next group of records: one person, a household, a namesake, or a person and a duplicate. */
  function nextGroup(): GenCustomer[] {
    const r = rnd()
    if (r < dupShare) {
      const kind = pick(DUPLICATE_KINDS)
      let p = newPerson()
      // accents and nicknames need a name that has them
      for (let k = 0; k < 200 && kind === "accents" && !hasAccents(p.first + p.last); k++) p = newPerson()
      for (let k = 0; k < 500 && kind === "nickname" && !NICKNAMES_PLANTED[p.first]; k++) p = newPerson()
      if (kind === "nickname" && !NICKNAMES_PLANTED[p.first]) p.first = pick(Object.keys(NICKNAMES_PLANTED))
      if (kind === "same_address" && !p.address) p.address = address(p.country)
      // a changed name keeps the address or the phone as evidence: the person has one of them
      if (["typo", "transposed", "accents", "nickname", "swapped"].includes(kind) && !p.address && !p.mobile) p.address = address(p.country)
      if (kind === "phone_format" && !p.mobile) p.mobile = `${pick(p.country.mobile[0])}${digits(p.country.mobile[1])}`
      const e = entity++
      const first = record(p, "person", e)
      return [first, duplicate(p, kind, e, first.has_account)]
    }
    if (r < dupShare + 0.08) {
      // a household: one address, one surname (a partner may keep theirs), sometimes one landline
      const head = newPerson()
      head.address = head.address ?? address(head.country)
      const size = 2 + Math.floor(rnd() * 3)
      const landline = rnd() < 0.3 ? `${pick(["1", "2", "3", "4", "5"])}${digits(8)}` : null
      const used = new Set<string>()
      const out: GenCustomer[] = []
      for (let m = 0; m < size; m++) {
        const female = rnd() < 0.5
        let first = m === 0 ? head.first : pickSkewed(female ? head.country.female : head.country.male)
        for (let k = 0; k < 20 && used.has(first); k++) first = pickSkewed(female ? head.country.female : head.country.male)
        if (used.has(first)) continue
        used.add(first)
        const last = m === 1 && rnd() < 0.2 ? pickSkewed(head.country.surnames) : head.last
        const email = m === 0 ? head.email : freeEmail(head.country, localPart(first, last))
        const person: Person = { ...head, first, last, email, local: email.split("@")[0], female, mobile: m === 0 ? head.mobile : rnd() < 0.7 ? `${pick(head.country.mobile[0])}${digits(head.country.mobile[1])}` : null }
        const rec = record(person, "household", entity++)
        if (landline && rnd() < 0.7) rec.phone = phoneAs(head.country, landline, "e164")
        out.push(rec)
      }
      return out
    }
    if (r < dupShare + 0.13 && recent.length) {
      // a namesake: someone else's first and last name, another town, their own email and phone
      const other = recent[Math.floor(rnd() * recent.length)]
      const p = newPerson(other.country)
      p.first = other.first
      p.last = other.last
      p.female = other.female
      p.email = freeEmail(p.country, localPart(p.first, p.last))
      p.address = address(p.country)
      return [record(p, "namesake", entity++)]
    }
    const p = newPerson()
    if (recent.length < 5000) recent.push(p)
    else recent[Math.floor(rnd() * recent.length)] = p
    return [record(p, "person", entity++)]
  }

  return {
    /** Yields exactly `count` records. */
    *records(): Generator<GenCustomer> {
      let left = opts.count
      while (left > 0) {
        for (const rec of nextGroup()) {
          if (left-- <= 0) return
          yield rec
        }
      }
    },
  }
}

/** The true duplicate pairs of some records (ids ordered a < b). */
export function truePairs(records: Pick<GenCustomer, "id" | "entity">[]): Set<string> {
  const byEntity = new Map<number, string[]>()
  for (const r of records) {
    const ids = byEntity.get(r.entity) ?? []
    ids.push(r.id)
    byEntity.set(r.entity, ids)
  }
  const out = new Set<string>()
  for (const ids of byEntity.values()) {
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) out.add(ids[i] < ids[j] ? `${ids[i]}|${ids[j]}` : `${ids[j]}|${ids[i]}`)
    }
  }
  return out
}

/** Precision and recall of found pairs ("a|b", a < b) against the true pairs. */
export function precisionRecall(found: Iterable<string>, truth: Set<string>) {
  let tp = 0
  let n = 0
  for (const p of found) {
    n++
    if (truth.has(p)) tp++
  }
  return { found: n, true_pairs: truth.size, true_positives: tp, precision: n ? tp / n : 1, recall: truth.size ? tp / truth.size : 1 }
}
