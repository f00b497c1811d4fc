/**
 * Demo seed for the customer back office host.
 *
 *   cd host && npx medusa exec ./seed/seed-demo.ts
 *
 * Seeds a realistic store through Medusa's core workflows: currencies, sales
 * channels ("stores"), regions, tax regions, a warehouse with shipping, a small
 * catalogue with prices and stock, a publishable API key, customer groups,
 * ~2,000 customers with addresses across seven countries, and ~120 orders
 * (most of them paid, the older ones fulfilled, shipped and delivered) so that
 * customers have sales activity. Then every back-office feature on those
 * customers: category descriptions, profiles (birthdays, some this month;
 * customer ID numbers; "How did you find us?"), bounced e-mails, photos,
 * notes, loyalty earned/redeemed/expired on the paid orders, house accounts,
 * trade applications, metrics showcases, GDPR (one customer forgotten and one
 * data export ready, both through the real jobs, run by this seed), and the
 * duplicate scan and list reconcile queued as jobs (files in this folder, one
 * per feature).
 *
 * Progress: one "[demo seed +Ns] …" line per part on stdout (`npm run demo`
 * shows those and keeps the rest of the log in .tmp/demo/seed.log).
 *
 * Idempotent: every section looks up what it would create (by name, handle,
 * email, order number) and only creates what is missing; when a run completes
 * it stamps the store's metadata and later runs return at once. Everything is
 * generated from a seeded PRNG, so each run wants exactly the same data.
 */
import type { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import { isValidPhoneNumber } from "libphonenumber-js/max"
import { Client } from "pg"
import {
  ContainerRegistrationKeys,
  Modules,
  ProductStatus,
} from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createCustomerGroupsWorkflow,
  createCustomersWorkflow,
  createInventoryLevelsWorkflow,
  createOrderPaymentCollectionWorkflow,
  createOrderWorkflow,
  createProductCategoriesWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  linkCustomersToCustomerGroupWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  markPaymentCollectionAsPaid,
  updateApiKeysWorkflow,
  updateSalesChannelsWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import { seedInvitation } from "./invitations"
import { seedGdpr, type GdprSeed } from "./gdpr"
import type { DemoCustomer } from "./demo-pick"
import { seedFulfillments } from "./fulfillment"
import { seedHouseAccounts } from "./house-accounts"
import { seedLoyalty } from "./loyalty"
import { seedMetricsShowcase } from "./metrics-showcase"
import { seedBounces, seedCategoryDescriptions, seedNotes, seedPhotos, seedProfiles } from "./records"
import { seedTradeApplications } from "./trade"

/**
 * Stored in the store's metadata when a run completes; later runs stop there.
 * After changing the generated data, re-seed with `npm run demo -- --reset`
 * (customers are matched by e-mail, so new e-mails would add customers).
 */
const SEED_VERSION = 4
const SEED_MARKER = "cbo_demo_seed_version"

const CUSTOMER_COUNT = Number(process.env.DEMO_CUSTOMERS || 2000)
const DUPLICATE_COUNT = 25
const ORDER_COUNT = Number(process.env.DEMO_ORDERS || 120)
const CUSTOMER_BATCH = 50
const STORE_NAME = "Lumen & Oak"

// ---------------------------------------------------------------------------
// Deterministic randomness
// ---------------------------------------------------------------------------

function mulberry32(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

class Rng {
  private next: () => number
  constructor(seed: number) {
    this.next = mulberry32(seed)
  }
  float() {
    return this.next()
  }
  int(min: number, max: number) {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  chance(p: number) {
    return this.next() < p
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]
  }
  digits(n: number) {
    let s = ""
    for (let i = 0; i < n; i++) s += String(this.int(0, 9))
    return s
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0)
    let r = this.next() * total
    for (const [item, w] of items) {
      r -= w
      if (r < 0) return item
    }
    return items[items.length - 1][0]
  }
  sample<T>(list: readonly T[], n: number): T[] {
    const copy = list.slice()
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      ;[copy[i], copy[j]] = [copy[j], copy[i]]
    }
    return copy.slice(0, Math.min(n, copy.length))
  }
}

const pad = (n: number, len: number) => String(n).padStart(len, "0")

// ---------------------------------------------------------------------------
/**
 * Random digits are not always a number a phone plan allows; the admin and the
 * import refuse those, so the demo only keeps numbers that are valid.
 */
function validPhone(make: () => string): string {
  for (let i = 0; i < 50; i++) {
    const p = make()
    if (isValidPhoneNumber(p)) return p
  }
  throw new Error("No valid phone number generated in 50 tries")
}

// Per-country reference data (names, cities, streets, phone numbers)
// ---------------------------------------------------------------------------

type CountryCode = "de" | "fr" | "es" | "it" | "nl" | "gb" | "us"

type City = {
  city: string
  province?: string
  /** returns a postal code valid for the city */
  postal: (r: Rng) => string
  /** US area codes */
  area?: string[]
}

type Country = {
  code: CountryCode
  weight: number
  firstNames: string[]
  lastNames: string[]
  cities: City[]
  streets: string[]
  street: (r: Rng, name: string) => string
  address2: string[]
  phone: (r: Rng, city: City) => string
  company: (r: Rng, last: string) => string
  /** double surnames (Spain) */
  lastName?: (r: Rng, names: string[]) => string
}

const range = (min: number, max: number, len = 5) => (r: Rng) =>
  pad(r.int(min, max), len)

const NL_LETTERS = "ABCDEFGHJKLMNPRTVWXZ"
const GB_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
const nlPostal = (min: number, max: number) => (r: Rng) =>
  `${r.int(min, max)} ${r.pick(NL_LETTERS.split(""))}${r.pick(NL_LETTERS.split(""))}`
const gbPostal = (outward: string[]) => (r: Rng) =>
  `${r.pick(outward)} ${r.int(1, 9)}${r.pick(GB_LETTERS.split(""))}${r.pick(GB_LETTERS.split(""))}`

const COUNTRIES: Country[] = [
  {
    code: "us",
    weight: 30,
    firstNames: ["James", "Mary", "Michael", "Patricia", "Robert", "Jennifer", "John", "Linda", "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Christopher", "Sarah", "Daniel", "Karen", "Matthew", "Emily", "Anthony", "Ashley", "Joshua", "Megan", "Andrew", "Olivia", "Ethan", "Sofia", "Carlos", "Aaliyah", "Jamal", "Mei", "Tyler", "Brianna"],
    lastNames: ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Nguyen", "Kim", "Patel", "O'Brien", "Walker", "Young"],
    cities: [
      { city: "New York", province: "NY", postal: range(10001, 10282), area: ["212", "646", "917"] },
      { city: "Brooklyn", province: "NY", postal: range(11201, 11239), area: ["718", "347"] },
      { city: "Los Angeles", province: "CA", postal: range(90001, 90089), area: ["213", "310", "323"] },
      { city: "San Francisco", province: "CA", postal: range(94102, 94134), area: ["415", "628"] },
      { city: "Chicago", province: "IL", postal: range(60601, 60661), area: ["312", "773"] },
      { city: "Houston", province: "TX", postal: range(77001, 77099), area: ["713", "832"] },
      { city: "Austin", province: "TX", postal: range(78701, 78759), area: ["512", "737"] },
      { city: "Phoenix", province: "AZ", postal: range(85001, 85054), area: ["602", "480"] },
      { city: "Seattle", province: "WA", postal: range(98101, 98199), area: ["206"] },
      { city: "Boston", province: "MA", postal: range(2108, 2137), area: ["617", "857"] },
      { city: "Denver", province: "CO", postal: range(80202, 80239), area: ["303", "720"] },
      { city: "Miami", province: "FL", postal: range(33125, 33199), area: ["305", "786"] },
      { city: "Portland", province: "OR", postal: range(97201, 97239), area: ["503", "971"] },
      { city: "Atlanta", province: "GA", postal: range(30303, 30363), area: ["404", "678"] },
    ],
    streets: ["Main St", "Oak Ave", "Maple Dr", "Cedar Ln", "Pine St", "Elm St", "Washington Ave", "Park Ave", "Lakeview Dr", "Sunset Blvd", "Highland Ave", "Broadway", "Madison Ave", "Jefferson St", "Lincoln Rd", "Willow Way", "Franklin St", "Chestnut St", "River Rd", "Hillcrest Dr"],
    street: (r, s) => `${r.int(10, 9899)} ${s}`,
    address2: ["Apt 4B", "Apt 12", "Suite 200", "Unit 7", "Apt 3C", "Floor 2"],
    phone: (r, c) =>
      `+1${r.pick(c.area ?? ["212"])}${r.int(2, 9)}${r.digits(2)}${r.digits(4)}`,
    company: (r, last) =>
      r.pick([
        `${last} & Sons ${r.pick(["LLC", "Inc."])}`,
        `${last} ${r.pick(["Design Studio", "Outfitters", "Supply Co.", "Interiors", "Consulting", "Hospitality Group"])} ${r.pick(["LLC", "Inc."])}`,
        `${r.pick(["Blue Ridge", "Golden Gate", "Lakeside", "Red Rock", "Harbor", "Summit"])} ${r.pick(["Trading", "Goods", "Retail", "Coffee Roasters", "Boutique"])} ${r.pick(["LLC", "Inc.", "Co."])}`,
      ]),
  },
  {
    code: "gb",
    weight: 20,
    firstNames: ["Oliver", "Olivia", "George", "Amelia", "Harry", "Isla", "Jack", "Ava", "Noah", "Emily", "Charlie", "Sophie", "Jacob", "Grace", "Thomas", "Lily", "Oscar", "Freya", "James", "Ella", "William", "Charlotte", "Henry", "Poppy", "Alfie", "Evie", "Joshua", "Chloe", "Daniel", "Hannah", "Priya", "Mohammed"],
    lastNames: ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Patel", "Khan", "Lewis", "Harris", "Hughes", "Edwards", "Turner", "Hill", "Cooper", "Ward", "McDonald", "Campbell"],
    cities: [
      { city: "London", postal: gbPostal(["SW1A", "SW11", "EC1V", "N1", "E2", "SE1", "W1D", "NW3", "W11", "E14"]) },
      { city: "Manchester", postal: gbPostal(["M1", "M4", "M14", "M20"]) },
      { city: "Birmingham", postal: gbPostal(["B1", "B5", "B15", "B29"]) },
      { city: "Leeds", postal: gbPostal(["LS1", "LS6", "LS8"]) },
      { city: "Glasgow", postal: gbPostal(["G1", "G3", "G12"]) },
      { city: "Edinburgh", postal: gbPostal(["EH1", "EH3", "EH9"]) },
      { city: "Bristol", postal: gbPostal(["BS1", "BS6", "BS8"]) },
      { city: "Liverpool", postal: gbPostal(["L1", "L8", "L17"]) },
      { city: "Brighton", postal: gbPostal(["BN1", "BN2"]) },
      { city: "Cardiff", postal: gbPostal(["CF10", "CF11", "CF24"]) },
    ],
    streets: ["High Street", "Station Road", "Church Lane", "Victoria Road", "Green Lane", "Manor Road", "Park Road", "Queen Street", "King Street", "Mill Lane", "The Crescent", "Kingsway", "Albert Road", "York Road", "London Road", "Springfield Road"],
    street: (r, s) => `${r.int(1, 240)} ${s}`,
    address2: ["Flat 3", "Flat 12", "Unit 5", "Flat 2A", "Suite 4"],
    phone: (r) => `+447${r.int(4, 9)}${r.digits(8)}`,
    company: (r, last) =>
      r.pick([
        `${last} & Co ${r.pick(["Ltd", "LLP"])}`,
        `${last} ${r.pick(["Joinery", "Interiors", "Trading", "Catering", "Architects", "Events"])} Ltd`,
        `${r.pick(["Thames", "Pennine", "Highland", "Cotswold", "Northern", "Albion"])} ${r.pick(["Supplies", "Hospitality", "Retail", "Crafts", "Design"])} Ltd`,
      ]),
  },
  {
    code: "de",
    weight: 15,
    firstNames: ["Anna", "Lukas", "Leonie", "Maximilian", "Sophie", "Felix", "Marie", "Jonas", "Laura", "Paul", "Lena", "Tim", "Julia", "Finn", "Hannah", "Niklas", "Katharina", "Jan", "Sarah", "Tobias", "Claudia", "Stefan", "Sabine", "Thomas", "Andrea", "Michael", "Petra", "Markus", "Jürgen", "Birgit", "Jörg", "Ute"],
    lastNames: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Werner", "Krause", "Lehmann", "Köhler", "Herrmann", "Vogel", "Friedrich"],
    cities: [
      { city: "Berlin", province: "Berlin", postal: range(10115, 14199) },
      { city: "Hamburg", province: "Hamburg", postal: range(20095, 22769) },
      { city: "München", province: "Bayern", postal: range(80331, 81929) },
      { city: "Köln", province: "Nordrhein-Westfalen", postal: range(50667, 51149) },
      { city: "Frankfurt am Main", province: "Hessen", postal: range(60306, 60599) },
      { city: "Stuttgart", province: "Baden-Württemberg", postal: range(70173, 70629) },
      { city: "Düsseldorf", province: "Nordrhein-Westfalen", postal: range(40210, 40629) },
      { city: "Leipzig", province: "Sachsen", postal: range(4103, 4357) },
      { city: "Dresden", province: "Sachsen", postal: range(1067, 1328) },
      { city: "Nürnberg", province: "Bayern", postal: range(90402, 90491) },
    ],
    streets: ["Hauptstraße", "Schulstraße", "Gartenstraße", "Bahnhofstraße", "Dorfstraße", "Bergstraße", "Birkenweg", "Lindenstraße", "Kirchstraße", "Waldstraße", "Ringstraße", "Schillerstraße", "Goethestraße", "Mozartstraße", "Friedrichstraße", "Am Markt", "Rosenweg", "Wiesenweg"],
    street: (r, s) => `${s} ${r.int(1, 160)}${r.chance(0.1) ? r.pick(["a", "b"]) : ""}`,
    address2: ["2. OG", "Hinterhaus", "c/o Büro", "3. OG links", "Aufgang B"],
    phone: (r) =>
      `+49${r.pick(["151", "152", "157", "160", "162", "163", "170", "171", "172", "173", "174", "175", "176", "177", "178", "179"])}${r.digits(r.pick([7, 8]))}`,
    company: (r, last) =>
      r.pick([
        `${last} ${r.pick(["Bau", "Handel", "Logistik", "Design", "Gastronomie", "Immobilien", "Textil", "Technik"])} ${r.pick(["GmbH", "GmbH & Co. KG", "KG"])}`,
        `${r.pick(["Autohaus", "Bäckerei", "Hotel", "Weinhandel", "Buchhandlung", "Café"])} ${last} ${r.pick(["GmbH", "e.K.", "OHG"])}`,
        `${r.pick(["Nordlicht", "Alpenblick", "Rheinwerk", "Spreeufer", "Elbgold"])} ${r.pick(["Manufaktur", "Concept Store", "Vertrieb"])} GmbH`,
      ]),
  },
  {
    code: "fr",
    weight: 12,
    firstNames: ["Camille", "Lucas", "Léa", "Hugo", "Manon", "Louis", "Chloé", "Gabriel", "Emma", "Arthur", "Inès", "Jules", "Sarah", "Nathan", "Juliette", "Thomas", "Claire", "Nicolas", "Élodie", "Julien", "Isabelle", "Pierre", "Céline", "Antoine", "Mathilde", "Maxime", "Sophie", "Guillaume", "Aurélie", "Benoît"],
    lastNames: ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez"],
    cities: [
      { city: "Paris", province: "Île-de-France", postal: (r) => `750${pad(r.int(1, 20), 2)}` },
      { city: "Lyon", province: "Auvergne-Rhône-Alpes", postal: (r) => `6900${r.int(1, 9)}` },
      { city: "Marseille", province: "Provence-Alpes-Côte d'Azur", postal: (r) => `130${pad(r.int(1, 16), 2)}` },
      { city: "Toulouse", province: "Occitanie", postal: (r) => r.pick(["31000", "31100", "31200", "31300", "31400", "31500"]) },
      { city: "Nice", province: "Provence-Alpes-Côte d'Azur", postal: (r) => r.pick(["06000", "06100", "06200", "06300"]) },
      { city: "Nantes", province: "Pays de la Loire", postal: (r) => r.pick(["44000", "44100", "44200", "44300"]) },
      { city: "Bordeaux", province: "Nouvelle-Aquitaine", postal: (r) => r.pick(["33000", "33100", "33200", "33300", "33800"]) },
      { city: "Lille", province: "Hauts-de-France", postal: (r) => r.pick(["59000", "59160", "59260", "59800"]) },
      { city: "Strasbourg", province: "Grand Est", postal: (r) => r.pick(["67000", "67100", "67200"]) },
    ],
    streets: ["rue de la République", "rue Victor Hugo", "avenue Jean Jaurès", "rue de la Paix", "boulevard Saint-Michel", "rue du Moulin", "place de la Mairie", "rue des Écoles", "avenue de la Gare", "rue Pasteur", "rue Nationale", "chemin des Vignes", "rue Gambetta", "allée des Tilleuls"],
    street: (r, s) => `${r.int(1, 148)}${r.chance(0.08) ? " bis" : ""} ${s}`,
    address2: ["Bâtiment B", "Appartement 12", "3e étage", "Escalier A", "Résidence Les Pins"],
    phone: (r) => `+33${r.pick(["6", "7"])}${r.digits(8)}`,
    company: (r, last) =>
      r.pick([
        `${r.pick(["Boulangerie", "Atelier", "Maison", "Cave", "Librairie", "Fromagerie"])} ${last} ${r.pick(["SARL", "SAS"])}`,
        `${last} ${r.pick(["Conseil", "Design", "Distribution", "Bâtiment", "Événements"])} ${r.pick(["SARL", "SAS", "SA"])}`,
        `${r.pick(["Les Ateliers du Sud", "Lumière", "Bleu Marine", "Terre & Ciel"])} ${r.pick(["SAS", "SARL"])}`,
      ]),
  },
  {
    code: "es",
    weight: 8,
    firstNames: ["Lucía", "Hugo", "Martina", "Daniel", "María", "Pablo", "Paula", "Alejandro", "Sofía", "Álvaro", "Carmen", "Javier", "Laura", "Adrián", "Elena", "David", "Ana", "Sergio", "Marta", "Diego", "Cristina", "Carlos", "Isabel", "Manuel", "Raquel", "Jorge", "Nuria", "Miguel", "Pilar", "Andrés"],
    lastNames: ["García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Alonso", "Gutiérrez", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Gil", "Ramírez", "Serrano", "Blanco", "Molina"],
    lastName: (r, names) => `${r.pick(names)} ${r.pick(names)}`,
    cities: [
      { city: "Madrid", province: "Madrid", postal: (r) => `280${pad(r.int(1, 55), 2)}` },
      { city: "Barcelona", province: "Barcelona", postal: (r) => `080${pad(r.int(1, 42), 2)}` },
      { city: "Valencia", province: "Valencia", postal: (r) => `460${pad(r.int(1, 26), 2)}` },
      { city: "Sevilla", province: "Sevilla", postal: (r) => `410${pad(r.int(1, 20), 2)}` },
      { city: "Bilbao", province: "Bizkaia", postal: (r) => `480${pad(r.int(1, 15), 2)}` },
      { city: "Málaga", province: "Málaga", postal: (r) => `290${pad(r.int(1, 18), 2)}` },
      { city: "Zaragoza", province: "Zaragoza", postal: (r) => `500${pad(r.int(1, 21), 2)}` },
    ],
    streets: ["Calle Mayor", "Calle Real", "Avenida de la Constitución", "Calle del Sol", "Gran Vía", "Calle San Juan", "Paseo de la Castellana", "Calle de Alcalá", "Plaza de España", "Calle Nueva", "Avenida Diagonal", "Calle de la Iglesia"],
    street: (r, s) => `${s}, ${r.int(1, 120)}`,
    address2: ["3º B", "Piso 2, Puerta 1", "Bajo A", "5º Izda.", "Escalera 2, 1º C"],
    phone: (r) => `+34${r.pick(["6", "7"])}${r.digits(8)}`,
    company: (r, last) =>
      r.pick([
        `${r.pick(["Distribuciones", "Construcciones", "Comercial", "Bodegas", "Talleres"])} ${last.split(" ")[0]} ${r.pick(["S.L.", "S.A."])}`,
        `${r.pick(["Café", "Hotel", "Librería", "Floristería"])} ${r.pick(["del Sol", "La Plaza", "Mediterráneo", "Los Olivos"])} S.L.`,
      ]),
  },
  {
    code: "it",
    weight: 8,
    firstNames: ["Giulia", "Leonardo", "Sofia", "Francesco", "Aurora", "Alessandro", "Alice", "Lorenzo", "Ginevra", "Mattia", "Chiara", "Andrea", "Francesca", "Marco", "Elena", "Matteo", "Martina", "Luca", "Sara", "Giuseppe", "Valentina", "Davide", "Federica", "Simone", "Alessia", "Riccardo", "Paola", "Stefano", "Silvia", "Roberto"],
    lastNames: ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "Leone"],
    cities: [
      { city: "Roma", province: "RM", postal: (r) => `001${pad(r.int(18, 99), 2)}` },
      { city: "Milano", province: "MI", postal: (r) => `201${pad(r.int(21, 62), 2)}` },
      { city: "Napoli", province: "NA", postal: (r) => `801${pad(r.int(21, 47), 2)}` },
      { city: "Torino", province: "TO", postal: (r) => `101${pad(r.int(21, 56), 2)}` },
      { city: "Bologna", province: "BO", postal: (r) => `401${pad(r.int(21, 41), 2)}` },
      { city: "Firenze", province: "FI", postal: (r) => `501${pad(r.int(21, 45), 2)}` },
      { city: "Venezia", province: "VE", postal: (r) => `301${pad(r.int(21, 76), 2)}` },
    ],
    streets: ["Via Roma", "Via Garibaldi", "Corso Vittorio Emanuele II", "Via Mazzini", "Via Dante Alighieri", "Piazza del Duomo", "Via Cavour", "Via Verdi", "Viale della Repubblica", "Via San Francesco", "Via XX Settembre", "Corso Italia"],
    street: (r, s) => `${s} ${r.int(1, 180)}`,
    address2: ["Scala A, Int. 5", "Piano 3", "Interno 12", "Scala B"],
    phone: (r) => `+393${r.pick(["20", "28", "31", "33", "38", "40", "45", "47", "49", "66", "77", "88", "93"])}${r.digits(7)}`,
    company: (r, last) =>
      r.pick([
        `${last} ${r.pick(["Costruzioni", "Arredamenti", "Distribuzione", "Consulting", "Ceramiche"])} ${r.pick(["S.r.l.", "S.p.A.", "S.n.c."])}`,
        `${r.pick(["Caffè", "Trattoria", "Enoteca", "Libreria", "Pasticceria"])} ${r.pick(["Bella Vista", "Il Ponte", "Da Marco", "La Piazza"])} S.r.l.`,
      ]),
  },
  {
    code: "nl",
    weight: 7,
    firstNames: ["Emma", "Daan", "Julia", "Sem", "Mila", "Lucas", "Tess", "Levi", "Sophie", "Finn", "Zoë", "Milan", "Sara", "Noah", "Anna", "Thijs", "Lotte", "Bram", "Eva", "Jesse", "Fleur", "Ruben", "Sanne", "Lars", "Anouk", "Joris", "Femke", "Pieter", "Marieke", "Willem"],
    lastNames: ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen"],
    cities: [
      { city: "Amsterdam", province: "Noord-Holland", postal: nlPostal(1011, 1109) },
      { city: "Rotterdam", province: "Zuid-Holland", postal: nlPostal(3011, 3089) },
      { city: "Den Haag", province: "Zuid-Holland", postal: nlPostal(2491, 2599) },
      { city: "Utrecht", province: "Utrecht", postal: nlPostal(3511, 3585) },
      { city: "Eindhoven", province: "Noord-Brabant", postal: nlPostal(5611, 5658) },
      { city: "Groningen", province: "Groningen", postal: nlPostal(9711, 9747) },
      { city: "Haarlem", province: "Noord-Holland", postal: nlPostal(2011, 2037) },
    ],
    streets: ["Kerkstraat", "Dorpsstraat", "Molenweg", "Stationsweg", "Schoolstraat", "Julianastraat", "Beatrixlaan", "Prinsengracht", "Keizersgracht", "Wilhelminastraat", "Nieuwstraat", "Lindenlaan", "Parallelweg"],
    street: (r, s) => `${s} ${r.int(1, 250)}${r.chance(0.12) ? `-${r.pick(["A", "B", "hs", "1"])}` : ""}`,
    address2: ["3e verdieping", "Unit 4", "Bus 2"],
    phone: (r) => `+316${r.digits(8)}`,
    company: (r, last) =>
      r.pick([
        `${last.replace(/^(de|van den|van der|van) /, (m) => m.charAt(0).toUpperCase() + m.slice(1))} ${r.pick(["Installatietechniek", "Bouw", "Handelsonderneming", "Interieur", "Logistiek"])} B.V.`,
        `${r.pick(["Fietsenwinkel", "Bakkerij", "Koffiebranderij", "Bloemenhuis"])} ${r.pick(["De Molen", "Het Anker", "De Zwaan", "Oranje"])} B.V.`,
      ]),
  },
]

const EMAIL_DOMAINS = ["example.com", "example.net", "example.org", "mail.example", "post.example"]

function asciiSlug(s: string) {
  return s
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/Ä/g, "Ae")
    .replace(/Ö/g, "Oe")
    .replace(/Ü/g, "Ue")
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "")
}

const LEGAL_FORMS =
  /\s+(GmbH & Co\. KG|GmbH|KG|AG|e\.K\.|OHG|SARL|SAS|SA|S\.L\.|S\.A\.|S\.r\.l\.|S\.p\.A\.|S\.n\.c\.|B\.V\.|Ltd|LLP|LLC|Inc\.|Co\.?)$/

/** "Hoffmann Gastronomie GmbH & Co. KG" → "Hoffmann Gastronomie" (for e-mail domains) */
function companyStem(name: string) {
  let stem = name
  while (LEGAL_FORMS.test(stem)) stem = stem.replace(LEGAL_FORMS, "")
  return stem.replace(/ & (Sons|Co)$/, "")
}

// ---------------------------------------------------------------------------
// Customer generation
// ---------------------------------------------------------------------------

type SeedAddress = {
  address_name: string
  is_default_shipping: boolean
  is_default_billing: boolean
  company: string | null
  first_name: string
  last_name: string
  address_1: string
  address_2: string | null
  city: string
  country_code: CountryCode
  province: string | null
  postal_code: string
  phone: string | null
}

type SeedCustomer = {
  email: string
  first_name: string
  last_name: string
  phone: string | null
  company_name: string | null
  has_account: boolean
  addresses: SeedAddress[]
  createdAt: Date
  country: CountryCode
}

function makeAddress(
  r: Rng,
  country: Country,
  person: { first_name: string; last_name: string; phone: string | null },
  opts: { name: string; company: string | null; isDefault: boolean; phone?: string | null; city?: City }
): SeedAddress {
  const city = opts.city ?? r.pick(country.cities)
  return {
    address_name: opts.name,
    is_default_shipping: opts.isDefault,
    is_default_billing: opts.isDefault,
    company: opts.company,
    first_name: person.first_name,
    last_name: person.last_name,
    address_1: country.street(r, r.pick(country.streets)),
    address_2: r.chance(0.18) ? r.pick(country.address2) : null,
    city: city.city,
    country_code: country.code,
    province: city.province ?? null,
    postal_code: city.postal(r),
    phone: opts.phone === undefined ? person.phone : opts.phone,
  }
}

function generateCustomers(now: Date): SeedCustomer[] {
  const r = new Rng(20240611)
  const usedEmails = new Set<string>()
  const countryWeights = COUNTRIES.map((c) => [c, c.weight] as const)
  const twoYears = 730 * 24 * 3600 * 1000
  const customers: SeedCustomer[] = []

  const uniqueEmail = (local: string, domain: string) => {
    let email = `${local}@${domain}`
    let n = 2
    while (usedEmails.has(email)) {
      email = `${local}${n}@${domain}`
      n++
    }
    usedEmails.add(email)
    return email
  }

  for (let i = 0; i < CUSTOMER_COUNT; i++) {
    const country = r.weighted(countryWeights)
    const first_name = r.pick(country.firstNames)
    const last_name = country.lastName
      ? country.lastName(r, country.lastNames)
      : r.pick(country.lastNames)
    const isBusiness = r.chance(0.14)
    const company_name = isBusiness ? country.company(r, last_name) : null
    const homeCity = r.pick(country.cities)
    const phone = r.chance(0.85) ? validPhone(() => country.phone(r, homeCity)) : null

    const f = asciiSlug(first_name)
    const l = asciiSlug(last_name)
    const domain = company_name
      ? `${asciiSlug(companyStem(company_name)).slice(0, 24)}.example`
      : r.pick(EMAIL_DOMAINS)
    const local = company_name
      ? r.pick([`${f}.${l}`, `${f[0]}.${l}`, f])
      : r.pick([`${f}.${l}`, `${f}${l}`, `${f[0]}${l}`, `${f}_${l}`, `${f}.${l}${r.int(60, 99)}`, `${l}.${f}`])
    const email = uniqueEmail(local, domain)

    const person = { first_name, last_name, phone }
    const addresses: SeedAddress[] = [
      makeAddress(r, country, person, {
        name: company_name ? "Office" : "Home",
        company: company_name,
        isDefault: true,
        city: homeCity,
      }),
    ]
    if (r.chance(0.32)) {
      // a second address: mostly in the same country (work, parents,
      // holiday home), sometimes abroad.
      const abroad = r.chance(0.3)
      const other = abroad
        ? r.pick(COUNTRIES.filter((c) => c.code !== country.code))
        : country
      const name = company_name
        ? r.pick(["Warehouse", "Branch", "Home"])
        : abroad
          ? r.pick(["Holiday home", "Family", "Work abroad"])
          : r.pick(["Work", "Parents", "Partner", "Weekend"])
      addresses.push(
        makeAddress(r, other, person, {
          name,
          company: name === "Warehouse" || name === "Branch" ? company_name : null,
          isDefault: false,
          phone: abroad ? (r.chance(0.5) ? validPhone(() => other.phone(r, r.pick(other.cities))) : null) : phone,
        })
      )
    }

    customers.push({
      email,
      first_name,
      last_name,
      phone,
      company_name,
      has_account: r.chance(isBusiness ? 0.95 : 0.78),
      addresses,
      createdAt: new Date(now.getTime() - twoYears + Math.floor(r.float() * (twoYears - 86400000))),
      country: country.code,
    })
  }

  // A few likely duplicates (same person, same phone and address, another
  // email, guest checkout): material for the back office's duplicate merge.
  const originals = r.sample(
    customers.filter((c) => c.phone && !c.company_name),
    DUPLICATE_COUNT
  )
  for (const orig of originals) {
    const f = asciiSlug(orig.first_name)
    const l = asciiSlug(orig.last_name)
    const email = uniqueEmail(
      r.pick([`${f}${l}${r.int(70, 99)}`, `${f[0]}${l}`, `${l}${f[0]}`, `${f}.${l}.${r.pick(["shop", "home", "mail"])}`]),
      r.pick(EMAIL_DOMAINS)
    )
    customers.push({
      ...orig,
      email,
      // the duplicate was created at checkout as a guest, later than the original
      has_account: false,
      phone: r.chance(0.7) ? orig.phone : null,
      addresses: orig.addresses.slice(0, 1).map((a) => ({ ...a })),
      createdAt: new Date(
        orig.createdAt.getTime() + Math.floor(r.float() * (now.getTime() - orig.createdAt.getTime()))
      ),
    })
  }
  return customers
}

// ---------------------------------------------------------------------------
// Catalogue
// ---------------------------------------------------------------------------

type SeedProduct = {
  title: string
  handle: string
  category: string
  description: string
  weight: number
  options: { title: string; values: string[] }[]
  /** base price in EUR (major units); USD and GBP derive from it */
  price: number
  skuPrefix: string
}

const CATEGORIES = ["Apparel", "Accessories", "Home & Kitchen", "Stationery"]

const PRODUCTS: SeedProduct[] = [
  { title: "Organic Cotton T-Shirt", handle: "organic-cotton-t-shirt", category: "Apparel", description: "A soft, breathable everyday tee made from 100% organic cotton.", weight: 200, options: [{ title: "Size", values: ["S", "M", "L", "XL"] }, { title: "Color", values: ["White", "Black", "Sage"] }], price: 29, skuPrefix: "TEE" },
  { title: "Merino Crew Sweater", handle: "merino-crew-sweater", category: "Apparel", description: "Fine-knit merino wool sweater that keeps you warm without the bulk.", weight: 350, options: [{ title: "Size", values: ["S", "M", "L", "XL"] }, { title: "Color", values: ["Navy", "Oatmeal"] }], price: 89, skuPrefix: "SWE" },
  { title: "Heavyweight Hoodie", handle: "heavyweight-hoodie", category: "Apparel", description: "Brushed fleece hoodie with a roomy kangaroo pocket.", weight: 650, options: [{ title: "Size", values: ["S", "M", "L", "XL"] }, { title: "Color", values: ["Charcoal", "Forest"] }], price: 69, skuPrefix: "HOO" },
  { title: "Wool Beanie", handle: "wool-beanie", category: "Accessories", description: "Ribbed beanie knitted from recycled wool.", weight: 90, options: [{ title: "Color", values: ["Rust", "Grey", "Black"] }], price: 24, skuPrefix: "BEA" },
  { title: "Canvas Tote Bag", handle: "canvas-tote-bag", category: "Accessories", description: "Heavy canvas tote with leather handles and an inside pocket.", weight: 400, options: [{ title: "Color", values: ["Natural", "Olive"] }], price: 39, skuPrefix: "TOT" },
  { title: "Leather Card Holder", handle: "leather-card-holder", category: "Accessories", description: "Slim vegetable-tanned leather card holder with four slots.", weight: 40, options: [{ title: "Color", values: ["Tan", "Black"] }], price: 45, skuPrefix: "CRD" },
  { title: "Stoneware Mug", handle: "stoneware-mug", category: "Home & Kitchen", description: "Hand-glazed 350 ml stoneware mug, dishwasher safe.", weight: 380, options: [{ title: "Glaze", values: ["Speckled", "Midnight", "Sand"] }], price: 18, skuPrefix: "MUG" },
  { title: "Pour-Over Coffee Set", handle: "pour-over-coffee-set", category: "Home & Kitchen", description: "Ceramic dripper, glass carafe and 100 filters.", weight: 900, options: [{ title: "Color", values: ["White", "Black"] }], price: 59, skuPrefix: "POS" },
  { title: "Linen Tea Towels (Set of 2)", handle: "linen-tea-towels", category: "Home & Kitchen", description: "Stonewashed linen tea towels that get softer with every wash.", weight: 250, options: [{ title: "Pattern", values: ["Stripe", "Check"] }], price: 22, skuPrefix: "TTW" },
  { title: "Dot Grid Notebook A5", handle: "dot-grid-notebook-a5", category: "Stationery", description: "Lay-flat A5 notebook, 160 numbered pages of 100 gsm paper.", weight: 300, options: [{ title: "Cover", values: ["Ocean", "Terracotta", "Ink"] }], price: 16, skuPrefix: "NTB" },
  { title: "Brass Fountain Pen", handle: "brass-fountain-pen", category: "Stationery", description: "Solid brass pocket fountain pen with a medium steel nib.", weight: 60, options: [{ title: "Finish", values: ["Raw", "Polished"] }], price: 75, skuPrefix: "PEN" },
]

/** EUR price → prices in store currencies (amounts in major units, as Medusa 2 stores them). */
function pricesFor(eur: number) {
  return [
    { currency_code: "eur", amount: eur },
    { currency_code: "usd", amount: Math.ceil(eur * 1.1) },
    { currency_code: "gbp", amount: Math.ceil(eur * 0.86) },
  ]
}

function variantsFor(p: SeedProduct) {
  const combos: Record<string, string>[] = [{}]
  for (const opt of p.options) {
    const next: Record<string, string>[] = []
    for (const c of combos) for (const v of opt.values) next.push({ ...c, [opt.title]: v })
    combos.splice(0, combos.length, ...next)
  }
  return combos.map((options) => {
    const parts = Object.values(options)
    const sizeUp = options.Size === "XL" ? 5 : 0
    return {
      title: parts.join(" / "),
      sku: `${p.skuPrefix}-${parts.map((v) => asciiSlug(v).slice(0, 3).toUpperCase()).join("-")}`,
      options,
      manage_inventory: true,
      prices: pricesFor(p.price + sizeUp),
    }
  })
}

// ---------------------------------------------------------------------------
// Seeding
// ---------------------------------------------------------------------------

const REGIONS = [
  { name: "Europe", currency_code: "eur", countries: ["de", "fr", "es", "it", "nl"] },
  { name: "United Kingdom", currency_code: "gbp", countries: ["gb"] },
  { name: "United States", currency_code: "usd", countries: ["us"] },
]

const VAT: Record<string, { rate: number; name: string } | undefined> = {
  de: { rate: 19, name: "MwSt." },
  fr: { rate: 20, name: "TVA" },
  es: { rate: 21, name: "IVA" },
  it: { rate: 22, name: "IVA" },
  nl: { rate: 21, name: "BTW" },
  gb: { rate: 20, name: "VAT" },
  us: undefined,
}

const SALES_CHANNELS = [
  { name: "Web Store", description: "Online shop at lumenandoak.example" },
  { name: "Downtown Store", description: "Flagship store, 12 Market Square" },
  { name: "Airport Store", description: "Concession in Terminal 2, airside" },
]

const SHIPPING = [
  { zone: "Europe", countries: ["de", "fr", "es", "it", "nl"], region: "Europe", currency: "eur", standard: 4.95, express: 12.95 },
  { zone: "United Kingdom", countries: ["gb"], region: "United Kingdom", currency: "gbp", standard: 3.95, express: 9.95 },
  { zone: "United States", countries: ["us"], region: "United States", currency: "usd", standard: 5.95, express: 19.95 },
]

const GROUPS = ["VIP", "Wholesale", "Newsletter", "Staff"] as const

function chunk<T>(list: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
  return out
}

export default async function seedDemo({ container }: ExecArgs) {
  const started = Date.now()
  // Progress lines go straight to stdout: `npm run demo` shows them and keeps the rest of the log in a file.
  const step = (msg: string) =>
    process.stdout.write(`[demo seed +${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}\n`)

  const storeModule = container.resolve(Modules.STORE)
  const [store] = await storeModule.listStores({}, { select: ["id", "name", "metadata"] })
  if (!store) {
    throw new Error("No store found: did `medusa db:migrate` run and the app boot once?")
  }
  if (Number(store.metadata?.[SEED_MARKER]) >= SEED_VERSION) {
    step(`store already seeded (version ${store.metadata?.[SEED_MARKER]}): nothing to do`)
    return
  }

  // A fixed "now" per database would make dates stable across re-runs, but a
  // demo wants recent activity: dates are relative to the first seeding run,
  // which we remember in the store metadata.
  const nowIso =
    (store.metadata?.cbo_demo_seed_started_at as string | undefined) ?? new Date().toISOString()
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: { metadata: { ...(store.metadata ?? {}), cbo_demo_seed_started_at: nowIso } },
    },
  })
  const now = new Date(nowIso)

  const channels = await seedSalesChannels(container, store.id)
  step(`sales channels: ${Object.keys(channels).join(", ")}`)
  const regions = await seedRegions(container, store.id, channels["Web Store"])
  step(`regions: ${Object.keys(regions).join(", ")}`)
  await seedTaxRegions(container)
  step("tax regions")
  const { locationId, shippingProfileId, shippingOptions } = await seedFulfillment(
    container,
    store.id,
    Object.values(channels),
    regions
  )
  step("stock location, fulfillment set, shipping options")
  const variants = await seedProducts(container, Object.values(channels), shippingProfileId, locationId)
  step(`products: ${new Set(variants.map((v) => v.product_id)).size} with ${variants.length} variants`)
  await seedApiKey(container, Object.values(channels))
  step("publishable API key")

  const generated = generateCustomers(now)
  const customerIds = await seedCustomers(container, generated)
  step(`customers: ${customerIds.size} seeded customers present`)
  const groupCounts = await seedGroups(container, generated, customerIds)
  step(`customer groups: ${Object.entries(groupCounts).map(([g, n]) => `${g}=${n}`).join(", ")}`)

  const orders = await seedOrders(container, {
    now,
    generated,
    customerIds,
    regions,
    channels,
    variants,
    shippingOptions,
    step,
  })
  step(`orders: ${orders.created} created, ${orders.existing} already present, ${orders.paid} marked paid`)

  const fulfillments = await seedFulfillments(container, locationId, now)
  step(
    `fulfilment: ${fulfillments.fulfilled} orders fulfilled, ${fulfillments.shipped} shipped, ${fulfillments.delivered} delivered` +
      (fulfillments.failed ? ` (${fulfillments.failed} not fulfilled: ${fulfillments.error})` : "")
  )

  const registeredIds = generated.filter((c) => c.has_account).map((c) => customerIds.get(c.email)!).filter(Boolean)
  const houseAccounts = await seedHouseAccounts(container, registeredIds, now)
  step(`house accounts: ${houseAccounts.map((a) => `${a.account_number} (${a.entries} entries, ${a.statements} statement)`).join(", ") || "already present"}`)
  // a year of orders for three customers (the first one also holds a house account)
  const showcases = [0, 4, 5].map((i) => registeredIds[i]).filter(Boolean)
  for (const [variant, id] of showcases.entries()) {
    const email = generated.find((c) => customerIds.get(c.email) === id)!.email
    const { created } = await seedMetricsShowcase(container, id, email, now, variant)
    step(`customer metrics showcase: ${email} (${created} orders added)`)
  }
  const invited = await seedInvitation(container)
  step(`invitation to register: ${invited ?? "already sent (or no in-store customer with orders)"}`)

  // The back office's own features on the same customers
  const demoCustomers: DemoCustomer[] = generated
    .filter((c) => customerIds.has(c.email))
    .map((c) => ({ ...c, id: customerIds.get(c.email)! }))
  // the house-account holders and the metrics showcase keep their own story
  const reserved = new Set(registeredIds.slice(0, 6))
  const featured = demoCustomers.filter((c) => !reserved.has(c.id))
  step(`category descriptions: ${await seedCategoryDescriptions(container)} written`)
  const profiles = await seedProfiles(container, featured, now)
  step(`profiles: ${profiles.updated} filled in (birthdays, customer ID numbers, "How did you find us?" from ${profiles.sources} choices)`)
  const bounces = await seedBounces(container, featured, now)
  step(`bounced e-mails: ${bounces.marked} marked (${bounces.total} wanted)`)
  const photos = await seedPhotos(container, featured)
  step(`photos: ${photos.stored} stored (${photos.total} wanted)`)
  const notes = await seedNotes(container, featured, now)
  step(`notes: ${notes.created} added, ${notes.pinned} pinned`)
  const loyalty = await seedLoyalty(container, featured, now)
  step(
    `loyalty: ${loyalty.enrolled} enrolled, ${loyalty.earned} orders earned points, ${loyalty.redeemed} redemptions, ` +
      `${loyalty.bonuses} welcome bonuses, ${loyalty.expired} points expired`
  )
  const trade = await seedTradeApplications(container, featured, reserved, now)
  step(
    `trade applications: ${trade.pending} pending, ${trade.approved} approved` +
      (trade.failed ? ` (${trade.failed} failed: ${trade.error})` : "")
  )
  // GDPR through the real jobs: one customer forgotten, one data export ready (before the scan is queued)
  const gdpr = await seedGdpr(container, featured.map((c) => c.id))
  const outcome = (r: GdprSeed["forgotten"], what: string) =>
    typeof r === "string" ? r : r.status === "completed" ? `${what} ${r.customer_id}` : `${r.customer_id} ${r.status}${r.error ? ` (${r.error})` : ""}`
  step(`GDPR: ${outcome(gdpr.forgotten, "forgotten:")}; data export ${outcome(gdpr.exported, "ready for")}`)
  // Duplicate pairs: the generated look-alikes are found by the duplicate scan, run by the server's workers.
  await enqueueJob(container, "customer_duplicates.scan", { trigger: "admin", mode: "full" }, step, "duplicate scan")
  // The customer list's Orders / Total spent / Last order columns: seeded orders announce no event, so one
  // reconcile job fills them (run by the server's workers; Background jobs shows it).
  await enqueueJob(container, "customer_list.sales_reconcile", { trigger: "admin" }, step, "customer list order columns")

  const [fresh] = await storeModule.listStores({ id: store.id }, { select: ["id", "metadata"] })
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: {
        metadata: {
          ...(fresh.metadata ?? {}),
          [SEED_MARKER]: SEED_VERSION,
          cbo_demo_seeded_at: new Date().toISOString(),
        },
      },
    },
  })
  step("done")
}

/**
 * Waits (up to two minutes) until no other connection to this database is
 * running a query: the subscribers of the events just emitted have done their
 * work. It asks on a connection of its own, outside the pool they share.
 */
async function waitForQuietDatabase(container: MedusaContainer, timeoutMs = 120_000) {
  const { projectConfig } = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const client = new Client({ connectionString: projectConfig.databaseUrl })
  await client.connect()
  try {
    const deadline = Date.now() + timeoutMs
    let quiet = 0
    while (Date.now() < deadline && quiet < 2) {
      const { rows } = await client.query(
        `select count(*)::int as n from pg_stat_activity
          where datname = current_database() and state <> 'idle' and pid <> pg_backend_pid()`
      )
      quiet = rows[0].n === 0 ? quiet + 1 : 0
      await new Promise((r) => setTimeout(r, 200))
    }
  } finally {
    await client.end().catch(() => undefined)
  }
}

/**
 * Queues a back-office job once per seeding run (the server's workers run it;
 * Background jobs shows it). Without Redis the step says so and goes on.
 */
async function enqueueJob(
  container: MedusaContainer,
  type: string,
  payload: Record<string, unknown>,
  step: (msg: string) => void,
  label: string
) {
  try {
    await container.resolve(Modules.WORKFLOW_ENGINE).run("cbo-enqueue-backoffice-job", {
      input: { type, key: `${type}:demo-seed:${Date.now()}`, payload },
    })
    step(`${label}: job queued (the server runs it when it starts)`)
  } catch (e) {
    step(`${label}: job not queued (${(e as Error).message}); start it from Background jobs`)
  }
}

async function seedSalesChannels(container: MedusaContainer, storeId: string) {
  const scModule = container.resolve(Modules.SALES_CHANNEL)
  const existing = await scModule.listSalesChannels({}, { select: ["id", "name"] })
  const byName = new Map(existing.map((s) => [s.name, s.id]))

  // The app creates "Default Sales Channel" on first boot: it becomes the web store.
  if (!byName.has("Web Store") && byName.has("Default Sales Channel")) {
    await updateSalesChannelsWorkflow(container).run({
      input: {
        selector: { id: byName.get("Default Sales Channel")! },
        update: { name: "Web Store", description: SALES_CHANNELS[0].description },
      },
    })
    byName.set("Web Store", byName.get("Default Sales Channel")!)
    byName.delete("Default Sales Channel")
  }
  const missing = SALES_CHANNELS.filter((s) => !byName.has(s.name))
  if (missing.length) {
    const { result } = await createSalesChannelsWorkflow(container).run({
      input: { salesChannelsData: missing },
    })
    for (const s of result) byName.set(s.name, s.id)
  }
  const channels: Record<string, string> = {}
  for (const s of SALES_CHANNELS) channels[s.name] = byName.get(s.name)!

  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: storeId },
      update: {
        name: STORE_NAME,
        supported_currencies: [
          { currency_code: "eur", is_default: true },
          { currency_code: "usd" },
          { currency_code: "gbp" },
        ],
        default_sales_channel_id: channels["Web Store"],
      },
    },
  })
  return channels
}

async function seedRegions(container: MedusaContainer, storeId: string, _webStore: string) {
  const regionModule = container.resolve(Modules.REGION)
  const existing = await regionModule.listRegions({}, { select: ["id", "name"] })
  const byName = new Map(existing.map((r) => [r.name, r.id]))
  const missing = REGIONS.filter((r) => !byName.has(r.name))
  if (missing.length) {
    const { result } = await createRegionsWorkflow(container).run({
      input: {
        regions: missing.map((r) => ({
          ...r,
          automatic_taxes: true,
          payment_providers: ["pp_system_default"],
        })),
      },
    })
    for (const r of result) byName.set(r.name, r.id)
  }
  const regions: Record<string, string> = {}
  for (const r of REGIONS) regions[r.name] = byName.get(r.name)!
  await updateStoresWorkflow(container).run({
    input: { selector: { id: storeId }, update: { default_region_id: regions["Europe"] } },
  })
  return regions
}

async function seedTaxRegions(container: MedusaContainer) {
  const taxModule = container.resolve(Modules.TAX)
  const existing = await taxModule.listTaxRegions({}, { select: ["id", "country_code", "parent_id"] })
  const have = new Set(existing.filter((t) => !t.parent_id).map((t) => t.country_code))
  const missing = REGIONS.flatMap((r) => r.countries).filter((c) => !have.has(c))
  if (!missing.length) return
  await createTaxRegionsWorkflow(container).run({
    input: missing.map((country_code) => ({
      country_code,
      provider_id: "tp_system",
      ...(VAT[country_code]
        ? {
            default_tax_rate: {
              rate: VAT[country_code]!.rate,
              name: `${VAT[country_code]!.name} ${VAT[country_code]!.rate}%`,
              code: `${country_code.toUpperCase()}${VAT[country_code]!.rate}`,
            },
          }
        : {}),
    })),
  })
}

type ShippingOptionRef = { id: string; name: string; amount: number }

async function seedFulfillment(
  container: MedusaContainer,
  storeId: string,
  channelIds: string[],
  regions: Record<string, string>
) {
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const fulfillmentModule = container.resolve(Modules.FULFILLMENT)
  const stockModule = container.resolve(Modules.STOCK_LOCATION)

  const locationName = "Rotterdam Central Warehouse"
  let [location] = await stockModule.listStockLocations({ name: locationName }, { select: ["id"] })
  if (!location) {
    const { result } = await createStockLocationsWorkflow(container).run({
      input: {
        locations: [
          {
            name: locationName,
            address: {
              address_1: "Waalhaven Zuidzijde 21",
              city: "Rotterdam",
              postal_code: "3089 JH",
              country_code: "nl",
              phone: "+31102345678",
            },
          },
        ],
      },
    })
    location = result[0]
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
      [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
    })
  }
  await updateStoresWorkflow(container).run({
    input: { selector: { id: storeId }, update: { default_location_id: location.id } },
  })

  // sales channels ↔ stock location
  const { data: locWithChannels } = await query.graph({
    entity: "stock_location",
    fields: ["id", "sales_channels.id", "fulfillment_sets.id", "fulfillment_sets.name"],
    filters: { id: location.id },
  })
  const linkedChannels = new Set(
    (locWithChannels[0]?.sales_channels ?? []).filter(Boolean).map((s: any) => s.id)
  )
  const toLink = channelIds.filter((id) => !linkedChannels.has(id))
  if (toLink.length) {
    await linkSalesChannelsToStockLocationWorkflow(container).run({
      input: { id: location.id, add: toLink },
    })
  }

  // shipping profile
  let [profile] = await fulfillmentModule.listShippingProfiles({ type: "default" }, { select: ["id"] })
  if (!profile) {
    const { result } = await createShippingProfilesWorkflow(container).run({
      input: { data: [{ name: "Default Shipping Profile", type: "default" }] },
    })
    profile = result[0]
  }

  // fulfillment set with one service zone per region
  const setName = "Rotterdam Central Warehouse delivery"
  let [fset] = await fulfillmentModule.listFulfillmentSets(
    { name: setName },
    { relations: ["service_zones"] }
  )
  if (!fset) {
    fset = await fulfillmentModule.createFulfillmentSets({
      name: setName,
      type: "shipping",
      service_zones: SHIPPING.map((s) => ({
        name: s.zone,
        geo_zones: s.countries.map((country_code) => ({ country_code, type: "country" as const })),
      })),
    })
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
      [Modules.FULFILLMENT]: { fulfillment_set_id: fset.id },
    })
    ;[fset] = await fulfillmentModule.listFulfillmentSets({ id: fset.id }, { relations: ["service_zones"] })
  }
  const zoneByName = new Map(fset.service_zones.map((z) => [z.name, z.id]))

  const existingOptions = await fulfillmentModule.listShippingOptions({}, { select: ["id", "name"] })
  const optionByName = new Map(existingOptions.map((o) => [o.name, o.id]))
  const wanted = SHIPPING.flatMap((s) => [
    { zone: s, name: `Standard Shipping (${s.zone})`, code: "standard", label: "Standard", description: "Delivered in 2–5 business days.", amount: s.standard },
    { zone: s, name: `Express Shipping (${s.zone})`, code: "express", label: "Express", description: "Delivered in 1–2 business days.", amount: s.express },
  ])
  const missing = wanted.filter((w) => !optionByName.has(w.name))
  if (missing.length) {
    const { result } = await createShippingOptionsWorkflow(container).run({
      input: missing.map((w) => ({
        name: w.name,
        price_type: "flat" as const,
        provider_id: "manual_manual",
        service_zone_id: zoneByName.get(w.zone.zone)!,
        shipping_profile_id: profile.id,
        type: { label: w.label, description: w.description, code: w.code },
        prices: [
          { currency_code: w.zone.currency, amount: w.amount },
          { region_id: regions[w.zone.region], amount: w.amount },
        ],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" as const },
          { attribute: "is_return", value: "false", operator: "eq" as const },
        ],
      })),
    })
    for (const o of result) optionByName.set(o.name, o.id)
  }
  const shippingOptions: Record<string, { standard: ShippingOptionRef; express: ShippingOptionRef }> = {}
  for (const s of SHIPPING) {
    const std = `Standard Shipping (${s.zone})`
    const exp = `Express Shipping (${s.zone})`
    shippingOptions[s.region] = {
      standard: { id: optionByName.get(std)!, name: std, amount: s.standard },
      express: { id: optionByName.get(exp)!, name: exp, amount: s.express },
    }
  }
  return { locationId: location.id, shippingProfileId: profile.id, shippingOptions }
}

type VariantRef = {
  id: string
  product_id: string
  title: string
  product_title: string
  prices: Record<string, number>
}

async function seedProducts(
  container: MedusaContainer,
  channelIds: string[],
  shippingProfileId: string,
  locationId: string
): Promise<VariantRef[]> {
  const productModule = container.resolve(Modules.PRODUCT)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)

  const existingCats = await productModule.listProductCategories({ name: CATEGORIES }, { select: ["id", "name"] })
  const catByName = new Map(existingCats.map((c) => [c.name, c.id]))
  const missingCats = CATEGORIES.filter((c) => !catByName.has(c))
  if (missingCats.length) {
    const { result } = await createProductCategoriesWorkflow(container).run({
      input: { product_categories: missingCats.map((name) => ({ name, is_active: true })) },
    })
    for (const c of result) catByName.set(c.name, c.id)
  }

  const existing = await productModule.listProducts(
    { handle: PRODUCTS.map((p) => p.handle) },
    { select: ["id", "handle"] }
  )
  const have = new Set(existing.map((p) => p.handle))
  const missing = PRODUCTS.filter((p) => !have.has(p.handle))
  if (missing.length) {
    await createProductsWorkflow(container).run({
      input: {
        products: missing.map((p) => ({
          title: p.title,
          handle: p.handle,
          description: p.description,
          status: ProductStatus.PUBLISHED,
          weight: p.weight,
          category_ids: [catByName.get(p.category)!],
          shipping_profile_id: shippingProfileId,
          options: p.options,
          variants: variantsFor(p),
          sales_channels: channelIds.map((id) => ({ id })),
        })),
      },
    })
  }

  // stock for every inventory item at the warehouse
  const { data: items } = await query.graph({
    entity: "inventory_item",
    fields: ["id", "location_levels.location_id"],
  })
  const missingLevels = items.filter(
    (i: any) => !(i.location_levels ?? []).some((l: any) => l?.location_id === locationId)
  )
  if (missingLevels.length) {
    const r = new Rng(77)
    await createInventoryLevelsWorkflow(container).run({
      input: {
        inventory_levels: missingLevels.map((i: any) => ({
          location_id: locationId,
          inventory_item_id: i.id,
          stocked_quantity: r.int(400, 2500),
        })),
      },
    })
  }

  const { data: products } = await query.graph({
    entity: "product",
    fields: ["id", "title", "handle", "variants.id", "variants.title", "variants.prices.amount", "variants.prices.currency_code"],
    filters: { handle: PRODUCTS.map((p) => p.handle) },
  })
  const variants: VariantRef[] = []
  for (const handle of PRODUCTS.map((p) => p.handle)) {
    const p = products.find((x: any) => x.handle === handle)
    if (!p) continue
    for (const v of (p.variants ?? []).slice().sort((a: any, b: any) => a.title.localeCompare(b.title))) {
      const prices: Record<string, number> = {}
      for (const pr of v.prices ?? []) prices[pr.currency_code] = Number(pr.amount)
      variants.push({ id: v.id, product_id: p.id, title: v.title, product_title: p.title, prices })
    }
  }
  return variants
}

async function seedApiKey(container: MedusaContainer, channelIds: string[]) {
  const apiKeyModule = container.resolve(Modules.API_KEY)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  let [key] = await apiKeyModule.listApiKeys({ title: "Web Store", type: "publishable" }, { select: ["id"] })
  if (!key) {
    // The app creates "Default Publishable API Key" on first boot: reuse it.
    const [fallback] = (
      await apiKeyModule.listApiKeys(
        { title: "Default Publishable API Key", type: "publishable" },
        { select: ["id", "revoked_at"] }
      )
    ).filter((k) => !k.revoked_at)
    if (fallback) {
      await updateApiKeysWorkflow(container).run({
        input: { selector: { id: fallback.id }, update: { title: "Web Store" } },
      })
      key = fallback
    }
  }
  if (!key) {
    const { result } = await createApiKeysWorkflow(container).run({
      input: { api_keys: [{ title: "Web Store", type: "publishable", created_by: "" }] },
    })
    key = result[0]
  }
  const { data } = await query.graph({
    entity: "api_key",
    fields: ["id", "sales_channels.id"],
    filters: { id: key.id },
  })
  const linked = new Set((data[0]?.sales_channels ?? []).filter(Boolean).map((s: any) => s.id))
  const toLink = channelIds.filter((id) => !linked.has(id))
  if (toLink.length) {
    await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: key.id, add: toLink } })
  }
}

/** Returns email → customer id for every generated customer. */
async function seedCustomers(container: MedusaContainer, generated: SeedCustomer[]) {
  const customerModule = container.resolve(Modules.CUSTOMER)
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const ids = new Map<string, string>()

  for (const batch of chunk(generated, CUSTOMER_BATCH)) {
    const existing = await customerModule.listCustomers(
      { email: batch.map((c) => c.email) },
      { select: ["id", "email"], take: batch.length * 2 }
    )
    for (const c of existing) if (c.email) ids.set(c.email, c.id)
    const missing = batch.filter((c) => !ids.has(c.email))
    if (!missing.length) continue

    const { result } = await createCustomersWorkflow(container).run({
      input: {
        customersData: missing.map((c) => ({
          email: c.email,
          first_name: c.first_name,
          last_name: c.last_name,
          phone: c.phone,
          company_name: c.company_name,
          has_account: c.has_account,
          created_by: null,
          addresses: c.addresses.map((a) => ({ ...a })),
        })),
      },
    })
    for (const c of result) if (c.email) ids.set(c.email, c.id)
    // Each new customer's event runs the plugin's subscribers (stores, duplicate check, timeline) in this
    // process: let them finish before the next batch, so they never queue up for the connection pool.
    await waitForQuietDatabase(container)

    // Spread sign-up dates over the last two years (the workflow stamps "now").
    const rows = JSON.stringify(
      missing.map((c) => ({ id: ids.get(c.email)!, ts: c.createdAt.toISOString() }))
    )
    await pg.raw(
      `update customer set created_at = v.ts, updated_at = v.ts
         from jsonb_to_recordset(?::jsonb) as v(id text, ts timestamptz)
        where customer.id = v.id`,
      [rows]
    )
    await pg.raw(
      `update customer_address set created_at = v.ts, updated_at = v.ts
         from jsonb_to_recordset(?::jsonb) as v(id text, ts timestamptz)
        where customer_address.customer_id = v.id`,
      [rows]
    )
  }
  return ids
}

async function seedGroups(
  container: MedusaContainer,
  generated: SeedCustomer[],
  ids: Map<string, string>
) {
  const customerModule = container.resolve(Modules.CUSTOMER)
  const existing = await customerModule.listCustomerGroups({}, { select: ["id", "name"], take: 1000 })
  const groupByName = new Map(
    existing.filter((g) => (GROUPS as readonly string[]).includes(g.name)).map((g) => [g.name, g.id])
  )
  const missing = GROUPS.filter((g) => !groupByName.has(g))
  if (missing.length) {
    const { result } = await createCustomerGroupsWorkflow(container).run({
      input: {
        customersData: missing.map((name) => ({
          name,
        })),
      },
    })
    for (const g of result) groupByName.set(g.name, g.id)
  }

  // deterministic membership
  const r = new Rng(4242)
  const registered = generated.filter((c) => c.has_account)
  const wanted: Record<string, string[]> = {
    VIP: r.sample(registered, 140).map((c) => c.email),
    Wholesale: generated.filter((c) => c.company_name && c.has_account).map((c) => c.email),
    Newsletter: r.sample(registered, 520).map((c) => c.email),
    Staff: r.sample(registered.filter((c) => !c.company_name && ["de", "nl", "gb"].includes(c.country)), 14).map((c) => c.email),
  }

  const counts: Record<string, number> = {}
  for (const name of GROUPS) {
    const groupId = groupByName.get(name)!
    const members = await customerModule.listCustomerGroupCustomers(
      { customer_group_id: groupId },
      { select: ["customer_id"], take: 100000 }
    )
    const have = new Set(members.map((m) => m.customer_id))
    const add = wanted[name].map((e) => ids.get(e)!).filter((id) => id && !have.has(id))
    for (const part of chunk(add, 500)) {
      await linkCustomersToCustomerGroupWorkflow(container).run({ input: { id: groupId, add: part } })
    }
    counts[name] = have.size + add.length
  }
  return counts
}

async function seedOrders(
  container: MedusaContainer,
  ctx: {
    now: Date
    generated: SeedCustomer[]
    customerIds: Map<string, string>
    regions: Record<string, string>
    channels: Record<string, string>
    variants: VariantRef[]
    shippingOptions: Record<string, { standard: ShippingOptionRef; express: ShippingOptionRef }>
    step: (msg: string) => void
  }
) {
  const orderModule = container.resolve(Modules.ORDER)
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const r = new Rng(9001)
  const { now, generated, customerIds, regions, channels, variants, shippingOptions } = ctx

  const regionOf = (country: string) =>
    REGIONS.find((x) => x.countries.includes(country))!

  // Buyers: registered customers, repeat buyers weighted towards businesses.
  const registered = generated.filter((c) => c.has_account)
  const plans: {
    no: number
    customer: SeedCustomer
    at: Date
    channel: string
    items: { variant: VariantRef; quantity: number }[]
    express: boolean
  }[] = []
  const buyers = r.sample(registered, Math.round(ORDER_COUNT * 0.65))
  for (let i = 0; i < ORDER_COUNT; i++) {
    const customer = i < buyers.length ? buyers[i] : r.pick(buyers.filter((b) => b.company_name || r.chance(0.3)))
    const from = customer.createdAt.getTime()
    const at = new Date(from + Math.floor(r.float() * (now.getTime() - from)))
    const lines = r.weighted([[1, 45], [2, 30], [3, 17], [4, 8]] as const)
    const picked = r.sample(variants, lines)
    plans.push({
      no: 0,
      customer,
      at,
      channel: r.weighted([["Web Store", 70], ["Downtown Store", 18], ["Airport Store", 12]] as const),
      items: picked.map((variant) => ({
        variant,
        quantity: customer.company_name ? r.int(2, 12) : r.weighted([[1, 75], [2, 20], [3, 5]] as const),
      })),
      express: r.chance(0.2),
    })
  }
  plans.sort((a, b) => a.at.getTime() - b.at.getTime())
  plans.forEach((p, i) => (p.no = i + 1))

  const existing = await orderModule.listOrders({}, { select: ["id", "metadata"], take: 100000 })
  const haveNos = new Set(
    existing.map((o) => Number((o.metadata as any)?.demo_order_no)).filter((n) => n > 0)
  )
  const todo = plans.filter((p) => !haveNos.has(p.no))

  let created = 0
  let paid = 0
  // One at a time, in date order: display ids follow the order dates, and
  // parallel workflows do not help on a 2-core machine (measured: slower).
  for (const plan of todo) {
    const c = plan.customer
    const addr = c.addresses[0]
    const region = regionOf(addr.country_code)
    const opt = shippingOptions[region.name][plan.express ? "express" : "standard"]
    const address = {
      first_name: addr.first_name,
      last_name: addr.last_name,
      company: addr.company ?? undefined,
      address_1: addr.address_1,
      address_2: addr.address_2 ?? undefined,
      city: addr.city,
      country_code: addr.country_code,
      province: addr.province ?? undefined,
      postal_code: addr.postal_code,
      phone: addr.phone ?? undefined,
    }
    const inStore = plan.channel !== "Web Store"
    const { result: order } = await createOrderWorkflow(container).run({
      input: {
        region_id: regions[region.name],
        customer_id: customerIds.get(c.email),
        email: c.email,
        sales_channel_id: channels[plan.channel],
        currency_code: region.currency_code,
        shipping_address: address,
        billing_address: address,
        items: plan.items.map((i) => ({
          variant_id: i.variant.id,
          quantity: i.quantity,
        })) as any,
        shipping_methods: inStore
          ? []
          : [{ name: opt.name, amount: opt.amount, shipping_option_id: opt.id }],
        metadata: { demo_order_no: plan.no },
      },
    })
    created++

    // Everything older than two weeks is paid (system provider: "manual" payment).
    const ageDays = (now.getTime() - plan.at.getTime()) / 86400000
    if (ageDays > 14 || inStore) {
      const { data } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
        entity: "order",
        fields: ["id", "total"],
        filters: { id: order.id },
      })
      const total = Number(data[0]?.total ?? 0)
      if (total > 0) {
        const { result: pcs } = await createOrderPaymentCollectionWorkflow(container).run({
          input: { order_id: order.id, amount: total },
        })
        await markPaymentCollectionAsPaid(container).run({
          input: { order_id: order.id, payment_collection_id: pcs[0].id },
        })
        paid++
      }
    }

    await pg.raw(`update "order" set created_at = ?, updated_at = ? where id = ?`, [
      plan.at.toISOString(),
      plan.at.toISOString(),
      order.id,
    ])
    if (created % 25 === 0) ctx.step(`orders: ${created}/${todo.length}`)
  }
  return { created, existing: plans.length - todo.length, paid }
}
