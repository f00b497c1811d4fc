import { Modules } from "@medusajs/framework/utils"
import type { IFileModuleService } from "@medusajs/framework/types"
import crypto from "crypto"
import fs from "fs"
import fsp from "fs/promises"
import path from "path"
import type { Readable, Writable } from "stream"

/**
 * Where the files holding customer data live: import uploads, import
 * backups, exports and customer photos. They are only ever served through
 * the plugin's admin routes.
 *
 * - "directory": a directory the plugin owns (`privateFilesDir`), outside
 *   anything Medusa serves.
 * - "file-module": Medusa's File module with `access: "private"`, used only
 *   when its provider keeps private files private (e.g. S3 on a bucket
 *   without public access).
 *
 * "auto" (the default) picks the File module unless its provider would
 * publish private files: Medusa's local provider puts them in `static/`,
 * which Medusa serves at `/static` to anyone.
 */
export type CustomerFilesStorage = "auto" | "directory" | "file-module"

export type StorageOptions = {
  customerFilesStorage: CustomerFilesStorage
  privateFilesDir?: string
}

/** Keys of files in the plugin's directory start with this (the File module's keys never do). */
export const DIRECTORY_KEY_PREFIX = "cbo-private:"

const LOG = "[customer-backoffice]"

export type StoragePlan = {
  kind: "directory" | "file-module"
  /** the plugin's directory (also when the File module is used: legacy keys are still read from it) */
  directory: string
  /** what the File module's provider does with private files, when it publishes them */
  exposure: string | null
  /** set when the configuration is refused: files are not written anywhere */
  refused: string | null
}

/** The directory Medusa serves publicly at /static. */
export function publicStaticDir(baseDir = appBaseDir()): string {
  return path.resolve(baseDir, "static")
}

function appBaseDir(): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { configManager } = require("@medusajs/framework/config")
    return configManager.baseDir || process.cwd()
  } catch {
    return process.cwd()
  }
}

export function privateFilesDirectory(options: Pick<StorageOptions, "privateFilesDir">, baseDir = appBaseDir()) {
  return path.resolve(baseDir, options.privateFilesDir || path.join("private", "customer-backoffice"))
}

function isInside(child: string, parent: string) {
  const rel = path.relative(parent, child)
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel))
}

function realish(p: string) {
  try {
    return fs.realpathSync(p)
  } catch {
    return path.resolve(p)
  }
}

/**
 * Whether the File module's provider would publish files stored as
 * "private": a description of how, or null. Medusa's local provider keeps
 * them in `private_upload_dir`, which defaults to the served `static/`.
 */
export function fileModuleExposure(files: IFileModuleService, baseDir = appBaseDir()): string | null {
  const provider = (files as unknown as { getProvider?: () => { fileProvider_?: unknown } }).getProvider?.()
    ?.fileProvider_ as
    | { constructor?: { identifier?: string }; privateUploadDir_?: unknown; uploadDir_?: unknown }
    | undefined
  if (provider?.constructor?.identifier !== "localfs") return null
  const dir = typeof provider.privateUploadDir_ === "string" ? path.resolve(provider.privateUploadDir_) : null
  const served = publicStaticDir(baseDir)
  if (!dir) {
    return `Medusa's local file provider is used (its private directory could not be read, so it is assumed to be ${served}, which Medusa serves to anyone at /static)`
  }
  // its public directory is what it links to (backend_url, /static by default)
  const published = [served, path.resolve(process.cwd(), "static")]
  if (typeof provider.uploadDir_ === "string") published.push(path.resolve(provider.uploadDir_))
  if (published.some((p) => isInside(realish(dir), realish(p)))) {
    return `Medusa's local file provider keeps "private" files in ${dir}, which is served to anyone at /static`
  }
  return null
}

export function storagePlan(files: IFileModuleService, options: StorageOptions, baseDir = appBaseDir()): StoragePlan {
  const directory = privateFilesDirectory(options, baseDir)
  const exposure = fileModuleExposure(files, baseDir)
  if (isInside(realish(directory), realish(publicStaticDir(baseDir)))) {
    return {
      kind: "directory",
      directory,
      exposure,
      refused: `privateFilesDir (${directory}) is inside ${publicStaticDir(baseDir)}, which Medusa serves to anyone at /static: choose a directory outside it`,
    }
  }
  if (options.customerFilesStorage === "file-module" && exposure) {
    return {
      kind: "file-module",
      directory,
      exposure,
      refused:
        `customerFilesStorage is "file-module" but ${exposure}. ` +
        `Configure a file provider that keeps private files private (e.g. @medusajs/medusa/file-s3 on a bucket without public access, ` +
        `or the local provider's private_upload_dir outside static/), or remove customerFilesStorage to keep customer files in privateFilesDir`,
    }
  }
  const kind = options.customerFilesStorage === "directory" || exposure ? "directory" : "file-module"
  return { kind, directory, exposure, refused: null }
}

/** The boot message: what is used, and what to configure when the File module would publish customer files. */
export function describePlan(plan: StoragePlan): { level: "info" | "warn" | "error"; message: string } {
  if (plan.refused) {
    return { level: "error", message: `${LOG} customer files refused: ${plan.refused}.` }
  }
  if (plan.kind === "file-module") {
    return {
      level: "info",
      message: `${LOG} customer files (imports, backups, exports, photos) are stored through Medusa's File module as private files and served only through the admin routes.`,
    }
  }
  if (plan.exposure) {
    return {
      level: "warn",
      message:
        `${LOG} ${plan.exposure}. Customer files (imports, backups, exports, photos) are therefore NOT stored through the File module: ` +
        `they are kept in ${plan.directory} (plugin option privateFilesDir) and served only through the admin routes. ` +
        `With several servers or workers, put privateFilesDir on storage they share, or configure a file provider that keeps private files private ` +
        `(e.g. @medusajs/medusa/file-s3 on a bucket without public access): the plugin then uses the File module.`,
    }
  }
  return {
    level: "info",
    message: `${LOG} customer files (imports, backups, exports, photos) are kept in ${plan.directory} (customerFilesStorage: "directory") and served only through the admin routes.`,
  }
}

/** A random 128-bit token: file names cannot be guessed. */
export function fileToken() {
  return crypto.randomBytes(16).toString("hex")
}

export type Upload = {
  writeStream: Writable
  /** resolves with the stored file's key once the stream finished; rejects when it failed or was destroyed */
  done: Promise<string>
}

export type FileSpec = {
  /** what the file is, e.g. "customer-export": the stored name is `<kind>-<random token>.<ext>` */
  kind: string
  ext: string
  mimeType: string
}

export interface CustomerFileStore {
  readonly plan: StoragePlan
  upload(spec: FileSpec): Promise<Upload>
  /** stores a buffer in one go */
  put(spec: FileSpec, content: Buffer): Promise<string>
  read(key: string): Promise<Readable>
  remove(keys: string | string[]): Promise<void>
}

const safePart = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, "-").slice(0, 60) || "file"

function directoryPath(dir: string, key: string) {
  const base = key.slice(DIRECTORY_KEY_PREFIX.length)
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(base) || base.includes("..")) {
    throw new Error(`Invalid customer file key: ${key}`)
  }
  return path.join(dir, base)
}

function settle(stream: Writable, onFinish: () => Promise<string>): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let finished = false
    stream.once("finish", () => {
      finished = true
      onFinish().then(resolve, reject)
    })
    stream.once("error", reject)
    stream.once("close", () => {
      if (!finished) reject(new Error("The file was not written completely"))
    })
  })
}

export function createCustomerFileStore(files: IFileModuleService, plan: StoragePlan): CustomerFileStore {
  const dir = plan.directory
  const refuse = () => {
    if (plan.refused) throw new Error(`Customer files cannot be stored: ${plan.refused}`)
  }
  const store: CustomerFileStore = {
    plan,
    async upload(spec) {
      refuse()
      const name = `${safePart(spec.kind)}-${fileToken()}.${safePart(spec.ext)}`
      if (plan.kind === "directory") {
        await fsp.mkdir(dir, { recursive: true, mode: 0o700 })
        const key = `${DIRECTORY_KEY_PREFIX}${name}`
        const final = directoryPath(dir, key)
        const part = `${final}.part`
        const writeStream = fs.createWriteStream(part, { mode: 0o600 })
        const done = settle(writeStream, async () => {
          await fsp.rename(part, final)
          return key
        }).catch(async (e) => {
          await fsp.unlink(part).catch(() => undefined)
          throw e
        })
        done.catch(() => undefined) // awaited by the caller; never an unhandled rejection meanwhile
        return { writeStream, done }
      }
      const up = await files.getUploadStream({ filename: name, mimeType: spec.mimeType, access: "private" })
      const providerDone = up.promise as Promise<{ key?: string }>
      const done = new Promise<string>((resolve, reject) => {
        let finished = false
        providerDone.then(
          (r) => {
            finished = true
            resolve(r?.key ?? up.fileKey)
          },
          reject
        )
        up.writeStream.once("error", reject)
        up.writeStream.once("close", () => {
          // a provider may settle after the stream closed: give it the tick
          setImmediate(() => {
            if (!finished && up.writeStream.destroyed && !up.writeStream.writableFinished) {
              reject(new Error("The file was not written completely"))
            }
          })
        })
      }).catch(async (e) => {
        await files.deleteFiles(up.fileKey).catch(() => undefined)
        throw e
      })
      done.catch(() => undefined) // awaited by the caller; never an unhandled rejection meanwhile
      return { writeStream: up.writeStream, done }
    },
    async put(spec, content) {
      const { writeStream, done } = await store.upload(spec)
      writeStream.end(content)
      return done
    },
    async read(key) {
      if (key.startsWith(DIRECTORY_KEY_PREFIX)) {
        const file = directoryPath(dir, key)
        await fsp.access(file)
        return fs.createReadStream(file)
      }
      return (await files.getDownloadStream(key)) as unknown as Readable
    },
    async remove(keys) {
      const list = (Array.isArray(keys) ? keys : [keys]).filter(Boolean)
      const own = list.filter((k) => k.startsWith(DIRECTORY_KEY_PREFIX))
      const other = list.filter((k) => !k.startsWith(DIRECTORY_KEY_PREFIX))
      await Promise.all(
        own.map((k) =>
          fsp.unlink(directoryPath(dir, k)).catch((e: NodeJS.ErrnoException) => {
            if (e.code !== "ENOENT") throw e
          })
        )
      )
      if (other.length) await files.deleteFiles(other)
    },
  }
  return store
}

const stores = new WeakMap<object, CustomerFileStore>()

/**
 * The customer-file store of an application: `container` is any Medusa
 * container that resolves the File module; `options` the plugin options.
 */
export function customerFileStore(
  container: { resolve: <T = unknown>(key: string) => T },
  options: StorageOptions
): CustomerFileStore {
  const files = container.resolve<IFileModuleService>(Modules.FILE)
  let store = stores.get(files as object)
  if (!store) {
    store = createCustomerFileStore(files, storagePlan(files, options))
    stores.set(files as object, store)
  }
  return store
}
