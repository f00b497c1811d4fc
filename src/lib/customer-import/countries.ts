export { parseCountry } from "../validation/country"
