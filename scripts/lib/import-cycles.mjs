// Import cycles in src/ (madge: a static read of the import statements, no
// network). The only cycles allowed are data models of one module that
// reference each other (DML relations need both sides).
//
//   node scripts/lib/import-cycles.mjs     prints the cycles, exits 1 if any
import path from "node:path"
import { fileURLToPath } from "node:url"
import madge from "madge"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")

const MODELS = /^modules\/([^/]+)\/models\//

/** A cycle made only of one module's data models. */
function isModelCycle(cycle) {
  const owners = new Set(cycle.map((f) => MODELS.exec(f)?.[1] ?? null))
  return owners.size === 1 && !owners.has(null)
}

/** Cycles among src/ files other than DML models referencing each other. */
export async function findImportCycles() {
  const res = await madge(path.join(root, "src"), {
    fileExtensions: ["ts", "tsx"],
    tsConfig: path.join(root, "tsconfig.json"),
    // `import type` counts: a type cycle is still a dependency that runs upward.
    detectiveOptions: { ts: { skipTypeImports: false }, tsx: { skipTypeImports: false } },
  })
  return res.circular().filter((cycle) => !isModelCycle(cycle))
}

export const formatCycles = (cycles) =>
  cycles.map((c, i) => `${i + 1}) ${c.join(" > ")} > ${c[0]}`).join("\n")

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const cycles = await findImportCycles()
  if (cycles.length) {
    process.stdout.write(`${cycles.length} import cycle(s) in src/:\n${formatCycles(cycles)}\n`)
    process.exit(1)
  }
  process.stdout.write("no import cycles in src/ (DML models referencing each other aside)\n")
}
