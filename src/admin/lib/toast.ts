import { toast as uiToast } from "@medusajs/ui"

/**
 * The back office's toasts: Medusa's toast, shown at the top centre. The admin's stack sits at the top right,
 * over the page header's actions (Import, Export, a card's menu) while toasts stack there; the centre of a page
 * header holds no buttons.
 */
type Props = Parameters<typeof uiToast.success>[1]
const at = (props?: Props): Props => ({ position: "top-center", ...props })

export const toast = Object.assign((title: string, props?: Parameters<typeof uiToast>[1]) => uiToast(title, { position: "top-center", ...props }), {
  success: (title: string, props?: Props) => uiToast.success(title, at(props)),
  error: (title: string, props?: Props) => uiToast.error(title, at(props)),
  info: (title: string, props?: Props) => uiToast.info(title, at(props)),
  warning: (title: string, props?: Props) => uiToast.warning(title, at(props)),
  loading: (title: string, props?: Props) => uiToast.loading(title, at(props)),
  dismiss: uiToast.dismiss,
})
