import { useMemo, useState } from "react"
import type { AccountTypeFilter, CustomerStatus, ListCustomersParams } from "../lib/customers"
import { useDebounced } from "./timing"
import { currencyDigits } from "../lib/format"

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
  /** "Spent more than", as typed, in major units of the store's default currency. */
  const [spentMoreThan, setSpentMoreThan] = useState("")
  const spentDebounced = useDebounced(spentMoreThan.trim(), 400)
  const [noOrderSince, setNoOrderSince] = useState("")
  const [salesCurrency, setSalesCurrency] = useState<string | null>(null)
  const spentAmount = Number(spentDebounced)
  const spentInvalid = spentDebounced !== "" && (!Number.isFinite(spentAmount) || spentAmount < 0)
  const spentMinor =
    spentDebounced === "" || spentInvalid ? undefined : Math.round(spentAmount * 10 ** currencyDigits(salesCurrency))

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
    createdTo ||
    spentMinor !== undefined ||
    noOrderSince
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
      spent_more_than: spentMinor,
      no_order_since: noOrderSince || undefined,
    }),
    [q, status, category, store, accountType, invalidEmail, birthdayThisMonth, outstandingBalance, overCreditLimit, hasDuplicates, createdFrom, createdTo, rangeInvalid, spentMinor, noOrderSince]
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
    setSpentMoreThan("")
    setNoOrderSince("")
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
    spentMoreThan,
    setSpentMoreThan,
    spentInvalid,
    noOrderSince,
    setNoOrderSince,
    /** The store's default currency, as the list reported it. */
    salesCurrency,
    setSalesCurrency,
    filtered,
    params,
    clear,
  }
}

export type CustomerFilters = ReturnType<typeof useCustomerFilters>
