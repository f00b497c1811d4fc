import fs from "fs"
import os from "os"
import path from "path"
import { LocalFileService } from "@medusajs/file-local/dist/services/local-file"
import type { IFileModuleService } from "@medusajs/framework/types"
import { createCustomerFileStore, describePlan, fileModuleExposure, storagePlan } from "../store"

/** The File module as the plugin sees it: a service whose provider is `provider`. */
const fileModule = (provider: unknown) =>
  ({
    getProvider: () => ({ fileProvider_: provider }),
    deleteFiles: async () => undefined,
  }) as unknown as IFileModuleService

class OtherProvider {
  static identifier = "s3"
}

describe("customer files: where they are stored", () => {
  let app: string
  beforeEach(() => {
    app = fs.mkdtempSync(path.join(os.tmpdir(), "cbo-files-"))
  })
  afterEach(() => fs.rmSync(app, { recursive: true, force: true }))

  it("Medusa's local provider with its defaults publishes private files: auto keeps them in the private directory", () => {
    const local = fileModule(new LocalFileService({}, { upload_dir: path.join(app, "static") }))
    // default private_upload_dir: <cwd>/static
    expect(fileModuleExposure(local, app)).toMatch(/local file provider keeps "private" files in .*static/)
    const plan = storagePlan(local, { customerFilesStorage: "auto" }, app)
    expect(plan).toEqual({
      kind: "directory",
      directory: path.join(app, "private", "customer-backoffice"),
      exposure: expect.any(String),
      refused: null,
    })
    const told = describePlan(plan)
    expect(told.level).toBe("warn")
    expect(told.message).toMatch(/NOT stored through the File module/)
    expect(told.message).toMatch(/privateFilesDir/)
    expect(told.message).toMatch(/file-s3/)
  })

  it("private files in the served static/ of the app count as published, wherever the provider's public directory is", () => {
    const local = fileModule(
      new LocalFileService({}, { upload_dir: path.join(app, "public"), private_upload_dir: path.join(app, "static", "x") })
    )
    expect(fileModuleExposure(local, app)).toMatch(/served to anyone/)
  })

  it("the local provider with private_upload_dir outside static/, or another provider: the File module is used", () => {
    const privateLocal = fileModule(
      new LocalFileService(
        {},
        { upload_dir: path.join(app, "static"), private_upload_dir: path.join(app, "private-uploads") }
      )
    )
    expect(fileModuleExposure(privateLocal, app)).toBeNull()
    expect(storagePlan(privateLocal, { customerFilesStorage: "auto" }, app).kind).toBe("file-module")
    const s3 = fileModule(new OtherProvider())
    const plan = storagePlan(s3, { customerFilesStorage: "auto" }, app)
    expect(plan).toEqual(expect.objectContaining({ kind: "file-module", exposure: null, refused: null }))
    expect(describePlan(plan).level).toBe("info")
    // asked for: the plugin's directory even with a private provider
    expect(storagePlan(s3, { customerFilesStorage: "directory" }, app).kind).toBe("directory")
  })

  it("refuses the File module when it would publish the files, and a private directory inside static/", async () => {
    const local = fileModule(new LocalFileService({}, {}))
    const forced = storagePlan(local, { customerFilesStorage: "file-module" }, app)
    expect(forced.refused).toMatch(/file-s3.*private_upload_dir/)
    expect(describePlan(forced)).toEqual({ level: "error", message: expect.stringMatching(/refused/) })
    await expect(
      createCustomerFileStore(local, forced).upload({ kind: "x", ext: "csv", mimeType: "text/csv" })
    ).rejects.toThrow(/cannot be stored/)

    const inside = storagePlan(
      fileModule(new OtherProvider()),
      { customerFilesStorage: "directory", privateFilesDir: "static/customers" },
      app
    )
    expect(inside.refused).toMatch(/inside .*static/)
    expect(fs.existsSync(path.join(app, "static"))).toBe(false)
  })
})

describe("customer files: the private directory", () => {
  let app: string
  const store = () =>
    createCustomerFileStore(fileModule(new OtherProvider()), storagePlan(fileModule(new OtherProvider()), { customerFilesStorage: "directory" }, app))
  beforeEach(() => {
    app = fs.mkdtempSync(path.join(os.tmpdir(), "cbo-files-"))
  })
  afterEach(() => fs.rmSync(app, { recursive: true, force: true }))

  it("stores a stream under a random 128-bit name, reads it back and deletes it", async () => {
    const files = store()
    const { writeStream, done } = await files.upload({ kind: "customer-export", ext: "csv", mimeType: "text/csv" })
    writeStream.write("Email\r\n")
    writeStream.end("ada@example.com\r\n")
    const key = await done
    expect(key).toMatch(/^cbo-private:customer-export-[0-9a-f]{32}\.csv$/)
    const dir = path.join(app, "private", "customer-backoffice")
    expect(fs.readdirSync(dir)).toEqual([key.slice("cbo-private:".length)])
    expect(fs.statSync(path.join(dir, key.slice("cbo-private:".length))).mode & 0o777).toBe(0o600)
    const chunks: Buffer[] = []
    for await (const c of await files.read(key)) chunks.push(c as Buffer)
    expect(Buffer.concat(chunks).toString()).toBe("Email\r\nada@example.com\r\n")

    const other = await files.put({ kind: "customer-export", ext: "csv", mimeType: "text/csv" }, Buffer.from("x"))
    expect(other).not.toBe(key)
    await files.remove([key, other])
    expect(fs.readdirSync(dir)).toEqual([])
    await expect(files.read(key)).rejects.toThrow()
    await files.remove(key) // already gone: nothing to do
  })

  it("a destroyed upload rejects and leaves no file", async () => {
    const files = store()
    const { writeStream, done } = await files.upload({ kind: "customer-import", ext: "csv", mimeType: "text/csv" })
    writeStream.write("half a file")
    writeStream.destroy()
    await expect(done).rejects.toThrow(/not written completely/)
    expect(fs.readdirSync(path.join(app, "private", "customer-backoffice"))).toEqual([])
  })

  it("refuses keys that leave the directory", async () => {
    const files = store()
    await expect(files.read("cbo-private:../../etc/passwd")).rejects.toThrow(/Invalid customer file key/)
    await expect(files.remove("cbo-private:../x")).rejects.toThrow(/Invalid customer file key/)
  })
})
