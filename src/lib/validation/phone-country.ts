import { Modules } from "@medusajs/framework/utils"
import type { PhoneCountries } from "./phone"

type Resolver = { resolve<T = unknown>(key: string): T }
type StoreService = { listStores(f: object, c: object): Promise<{ default_region_id?: string | null }[]> }
type RegionService = {
  listRegions(f: object, c: object): Promise<{ countries?: { iso_2: string }[] | null }[]>
}

/**
 * The country a phone number typed without "+" is read in: the plugin's
 * `defaultCountry` option when set; otherwise the countries of the store's
 * default region (one country: that one; several: each is tried, in
 * alphabetical order); "US" when the store has no default region.
 */
export async function phoneCountries(container: Resolver, option: string | undefined): Promise<PhoneCountries> {
  if (option) return option
  return (await defaultRegionCountries(container)) ?? "US"
}

/** ISO codes (upper case) of the store's default region, or null. */
export async function defaultRegionCountries(container: Resolver): Promise<string[] | null> {
  const [store] = await container
    .resolve<StoreService>(Modules.STORE)
    .listStores({}, { select: ["id", "default_region_id"], take: 1 })
  if (!store?.default_region_id) return null
  const [region] = await container
    .resolve<RegionService>(Modules.REGION)
    .listRegions({ id: store.default_region_id }, { relations: ["countries"], take: 1 })
  const codes = (region?.countries ?? []).map((c) => c.iso_2.toUpperCase()).sort()
  return codes.length ? codes : null
}
