import fs from "fs"
import path from "path"

/**
 * Medusa records the migrations it ran by name in one table shared by every
 * module, so two modules with a migration of the same name would run only
 * the first: the second module's change would silently never reach the
 * database. Every migration of every module must have a name of its own.
 */
describe("module migrations", () => {
  const modulesDir = path.resolve(__dirname, "..")
  const all = fs
    .readdirSync(modulesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(modulesDir, d.name, "migrations")))
    .flatMap((d) =>
      fs
        .readdirSync(path.join(modulesDir, d.name, "migrations"))
        .filter((f) => /^Migration\d+\.ts$/.test(f))
        .map((f) => ({ module: d.name, name: f.replace(/\.ts$/, "") }))
    )

  it("are found", () => {
    expect(all.length).toBeGreaterThan(10)
  })

  it("have names no other module's migration has", () => {
    const byName = new Map<string, string[]>()
    for (const m of all) byName.set(m.name, [...(byName.get(m.name) ?? []), m.module])
    const shared = [...byName].filter(([, modules]) => modules.length > 1)
    expect(shared).toEqual([])
  })

  it("declare the class their file is named after", () => {
    for (const m of all) {
      const text = fs.readFileSync(path.join(modulesDir, m.module, "migrations", `${m.name}.ts`), "utf8")
      expect([m.module, m.name, text.includes(`class ${m.name} `)]).toEqual([m.module, m.name, true])
    }
  })
})
