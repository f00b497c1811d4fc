import { Alert, Badge, Button, Select, Table, Text } from "@medusajs/ui"
import { toast } from "../../lib/toast"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { FILE_ENCODINGS, encodingLabel } from "../../../lib/customer-io/encodings"
import { type ImportRun, customerIoApi, customerIoKeys } from "../../lib/customer-io"
import { errorMessage } from "../../lib/sdk"

const DELIMITERS: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab" }

/**
 * "How the file was read": the encoding (detected or chosen), rows with
 * characters the encoding could not read, the first rows as read, and the
 * choice of another encoding — which reads the file again.
 */
export const FileEncodingSection = ({ run }: { run: ImportRun }) => {
  const queryClient = useQueryClient()
  const current = run.encoding ?? "utf-8"
  const [choice, setChoice] = useState(current)
  useEffect(() => setChoice(current), [current])

  const reparse = useMutation({
    mutationFn: () => customerIoApi.reparse(run.id, choice),
    onSuccess: ({ import_run }) => {
      queryClient.setQueryData(customerIoKeys.importRun(run.id), { import_run })
      queryClient.invalidateQueries({ queryKey: customerIoKeys.importRun(run.id) })
      toast.success("Reading the file again", { description: `As ${encodingLabel(choice)}` })
    },
    onError: (error) => toast.error("Could not read the file again", { description: errorMessage(error) }),
  })

  const headers = run.headers ?? []
  const preview = run.preview ?? []
  const invalid = run.warnings.find((w) => w.code === "invalid_bytes")
  const failed = run.status === "failed"

  return (
    <div className="flex flex-col gap-y-3 px-6 py-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="flex flex-col gap-y-1">
          <Text size="small" weight="plus">
            How the file was read
          </Text>
          {run.encoding ? (
            <Text size="xsmall" className="text-ui-fg-subtle">
              Encoding: {encodingLabel(run.encoding)}{" "}
              <Badge size="2xsmall" color={run.encoding_chosen ? "blue" : "grey"}>
                {run.encoding_chosen ? "chosen by you" : "detected"}
              </Badge>
              {run.encoding_chosen && run.encoding_detected && run.encoding_detected !== run.encoding
                ? ` · detected: ${encodingLabel(run.encoding_detected)}`
                : ""}
              {run.delimiter ? ` · values separated by ${DELIMITERS[run.delimiter] ?? run.delimiter}` : ""}
            </Text>
          ) : (
            <Text size="xsmall" className="text-ui-fg-subtle">
              If the file was saved in another encoding, choose it to read the file again.
            </Text>
          )}
        </div>
        <div className="flex items-center gap-x-2">
          <Select size="small" value={choice} onValueChange={setChoice}>
            <Select.Trigger aria-label="Encoding of the file" className="w-[300px]">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              {FILE_ENCODINGS.map((e) => (
                <Select.Item key={e.key} value={e.key}>
                  {e.label}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
          <Button
            size="small"
            variant="secondary"
            onClick={() => reparse.mutate()}
            disabled={!failed && choice === current}
            isLoading={reparse.isPending}
          >
            Read again
          </Button>
        </div>
      </div>
      {!failed && (
        <Text size="xsmall" className="text-ui-fg-muted">
          Names show wrong letters (Ã¼, Ÿ, �)? Choose the encoding the file was saved in. Reading the file again checks
          every row again; changes made to rows here are replaced.
        </Text>
      )}
      {invalid && <Alert variant="warning">{invalid.message}</Alert>}
      {preview.length > 0 && !failed && (
        <div className="overflow-x-auto">
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell className="w-[60px]">Row</Table.HeaderCell>
                {headers.map((h, i) => (
                  <Table.HeaderCell key={i} className="whitespace-nowrap">
                    {h || "–"}
                  </Table.HeaderCell>
                ))}
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {preview.map((r) => (
                <Table.Row key={r.row_number}>
                  <Table.Cell className="text-ui-fg-subtle tabular-nums">{r.row_number}</Table.Cell>
                  {headers.map((_, i) => (
                    <Table.Cell key={i} className="max-w-[220px] truncate">
                      {r.cells[i] ?? ""}
                    </Table.Cell>
                  ))}
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </div>
  )
}
