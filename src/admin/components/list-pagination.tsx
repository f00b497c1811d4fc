import { Table } from "@medusajs/ui"
import type { Dispatch, SetStateAction } from "react"

/** Previous/next pagination under the plugin's admin tables. */
export const ListPagination = ({
  count,
  pageSize,
  pageIndex,
  setPageIndex,
}: {
  count: number
  pageSize: number
  pageIndex: number
  setPageIndex: Dispatch<SetStateAction<number>>
}) => {
  const pageCount = Math.max(1, Math.ceil(count / pageSize))
  return (
    <Table.Pagination
      count={count}
      pageSize={pageSize}
      pageIndex={pageIndex}
      pageCount={pageCount}
      canPreviousPage={pageIndex > 0}
      canNextPage={pageIndex < pageCount - 1}
      previousPage={() => setPageIndex((p) => Math.max(0, p - 1))}
      nextPage={() => setPageIndex((p) => Math.min(pageCount - 1, p + 1))}
    />
  )
}
