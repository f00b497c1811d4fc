import { useState } from "react"
import type { CustomerStatus } from "../lib/customers"
import { useDebounced } from "./timing"

/** The customer list's search and filters, as the filter bar edits them. */
export function useCustomerFilters() {
  const [search, setSearch] = useState("")
  const q = useDebounced(search.trim(), 300)
  const [status, setStatus] = useState<CustomerStatus[]>([])
  const [category, setCategory] = useState<string[]>([])
  const [store, setStore] = useState<string[]>([])
  const [invalidEmail, setInvalidEmail] = useState(false)
  const [birthdayThisMonth, setBirthdayThisMonth] = useState(false)
  const [createdFrom, setCreatedFrom] = useState("")
  const [createdTo, setCreatedTo] = useState("")

  const rangeInvalid = !!createdFrom && !!createdTo && createdTo < createdFrom
  const filtered = !!(
    q ||
    status.length ||
    category.length ||
    store.length ||
    invalidEmail ||
    birthdayThisMonth ||
    createdFrom ||
    createdTo
  )

  const clear = () => {
    setSearch("")
    setStatus([])
    setCategory([])
    setStore([])
    setInvalidEmail(false)
    setBirthdayThisMonth(false)
    setCreatedFrom("")
    setCreatedTo("")
  }

  return {
    search,
    setSearch,
    /** The search as the list is queried with (trimmed, debounced). */
    q,
    status,
    setStatus,
    category,
    setCategory,
    store,
    setStore,
    invalidEmail,
    setInvalidEmail,
    birthdayThisMonth,
    setBirthdayThisMonth,
    createdFrom,
    setCreatedFrom,
    createdTo,
    setCreatedTo,
    rangeInvalid,
    filtered,
    clear,
  }
}

export type CustomerFilters = ReturnType<typeof useCustomerFilters>
