import path from "path"

/** The dev/test host that loads the built plugin (see host/medusa-config.ts). */
export const HOST_DIR = path.resolve(__dirname, "../../host")
export const REPO_DIR = path.resolve(__dirname, "../..")
