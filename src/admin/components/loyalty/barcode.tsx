import JsBarcode from "jsbarcode"
import { useEffect, useRef, useState } from "react"

/** The account code as a scannable Code 128 barcode (SVG). */
export const Barcode = ({ value }: { value: string }) => {
  const ref = useRef<SVGSVGElement>(null)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    if (!ref.current) return
    try {
      JsBarcode(ref.current, value, {
        format: "CODE128",
        height: 48,
        width: 1.6,
        margin: 0,
        fontSize: 13,
        displayValue: true,
        background: "transparent",
      })
      setFailed(false)
    } catch {
      setFailed(true)
    }
  }, [value])
  if (failed) return null
  return <svg ref={ref} role="img" aria-label={`Barcode ${value}`} data-testid="loyalty-barcode" />
}
