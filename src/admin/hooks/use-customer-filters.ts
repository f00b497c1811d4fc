import { useMemo, useState } from "react"
import type { AccountTypeFilter, CustomerStatus, ListCustomersParams } from "../lib/customers"
import { useDebounced } from "./timing"

/** The customer list's search and filters, as the filter bar edits them. */
export function useCustomerFilters() {
  const [search, setSearch] = useState("")
  const q = useDebounced(search.trim(), 300)
  const [status, setStatus] = useState<CustomerStatus[]>([])
  const [category, setCategory] = useState<string[]>([])
  const [store, setStore] = useState<string[]>([])
  const [accountType, setAccountType] = useState<AccountTypeFilter[]>([])
  const [invalidEmail, setInvalidEmail] = useState(false)
  const [birthdayThisMonth, setBirthdayThisMonth] = useState(false)
  const [outstandingBalance, setOutstandingBalance] = useState(false)
  const [overCreditLimit, setOverCreditLimit] = useState(false)
  const [hasDuplicates, setHasDuplicates] = useState(false)
  const [createdFrom, setCreatedFrom] = useState("")
  const [createdTo, setCreatedTo] = useState("")

  const rangeInvalid = !!createdFrom && !!createdTo && createdTo < createdFrom
  const filtered = !!(
    q ||
    status.length ||
    category.length ||
    store.length ||
    accountType.length ||
    invalidEmail ||
    birthdayThisMonth ||
    outstandingBalance ||
    overCreditLimit ||
    hasDuplicates ||
    createdFrom ||
    createdTo
  )

  /** The list query's filter parameters (what the list, its export and its page reset follow). */
  const params: Omit<ListCustomersParams, "limit" | "offset" | "order"> = useMemo(
    () => ({
      q: q || undefined,
      status: status.length ? status : undefined,
      category: category.length ? category : undefined,
      store: store.length ? store : undefined,
      account_type: accountType.length ? accountType : undefined,
      invalid_email: invalidEmail || undefined,
      birthday_this_month: birthdayThisMonth || undefined,
      outstanding_balance: outstandingBalance || undefined,
      over_credit_limit: overCreditLimit || undefined,
      has_duplicates: hasDuplicates || undefined,
      created_from: createdFrom || undefined,
      created_to: rangeInvalid ? undefined : createdTo || undefined,
    }),
    [q, status, category, store, accountType, invalidEmail, birthdayThisMonth, outstandingBalance, overCreditLimit, hasDuplicates, createdFrom, createdTo, rangeInvalid]
  )

  const clear = () => {
    setSearch("")
    setStatus([])
    setCategory([])
    setStore([])
    setAccountType([])
    setInvalidEmail(false)
    setBirthdayThisMonth(false)
    setOutstandingBalance(false)
    setOverCreditLimit(false)
    setHasDuplicates(false)
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
    accountType,
    setAccountType,
    invalidEmail,
    setInvalidEmail,
    birthdayThisMonth,
    setBirthdayThisMonth,
    outstandingBalance,
    setOutstandingBalance,
    overCreditLimit,
    setOverCreditLimit,
    hasDuplicates,
    setHasDuplicates,
    createdFrom,
    setCreatedFrom,
    createdTo,
    setCreatedTo,
    rangeInvalid,
    filtered,
    params,
    clear,
  }
}

export type CustomerFilters = ReturnType<typeof useCustomerFilters>
