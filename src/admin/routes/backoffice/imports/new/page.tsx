import { ArrowDownTray, ArrowLeft } from "@medusajs/icons"
import { Button, Container, Heading, Text } from "@medusajs/ui"
import { Link, useSearchParams } from "react-router-dom"
import { ImportSteps, downloadSample, useImportMaxBytes } from "../../../../components/customer-io/import-common"
import { UploadZone } from "../../../../components/customer-io/upload-zone"
import { IMPORT_COLUMNS } from "../../../../../lib/customer-io/columns"

/** New import: the sample file, what the file may hold, and the upload. */
const NewCustomerImportPage = () => {
  const [search] = useSearchParams()
  const parentRunId = search.get("parent") ?? undefined
  const maxBytes = useImportMaxBytes()

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="flex flex-wrap items-center justify-between gap-4 px-6 py-4">
          <div className="flex flex-col gap-y-2">
            <Heading level="h1">{parentRunId ? "Re-import a fixed file" : "New customer import"}</Heading>
            <ImportSteps current="upload" />
          </div>
          <Button size="small" variant="secondary" asChild>
            <Link to="/backoffice/imports">
              <ArrowLeft />
              All imports
            </Link>
          </Button>
        </div>
        <div className="flex flex-col gap-y-4 px-6 py-4">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <Text size="small" className="text-ui-fg-subtle">
              {parentRunId
                ? "Upload the rows you fixed (for example the failed rows file, corrected). They are checked again before anything changes."
                : "Upload a CSV file of customers. Its columns are matched automatically — a Shopify customer export works as is — and you review every row before anything changes."}
            </Text>
            <Button size="small" variant="secondary" onClick={downloadSample}>
              <ArrowDownTray />
              Download sample Customers.csv
            </Button>
          </div>
          <UploadZone maxBytes={maxBytes} parentRunId={parentRunId} />
        </div>
      </Container>
      <Container className="p-0">
        <div className="px-6 py-4">
          <Heading level="h2">Columns the import understands</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Headers are matched by name, ignoring case and punctuation. Other columns can be mapped by hand or ignored.
          </Text>
        </div>
        <div className="grid grid-cols-1 gap-x-4 gap-y-2 px-6 pb-4 md:grid-cols-2">
          {IMPORT_COLUMNS.map((c) => (
            <div key={c.key} className="flex flex-col">
              <Text size="small" weight="plus">
                {c.label}
              </Text>
              <Text size="xsmall" className="text-ui-fg-subtle">
                {c.description}
              </Text>
            </div>
          ))}
        </div>
      </Container>
    </div>
  )
}

export default NewCustomerImportPage
