import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * Written by hand: the PostgreSQL extensions the duplicate scan uses —
 * pg_trgm (trigram similarity of names), unaccent (José = Jose) and
 * fuzzystrmatch (dmetaphone, levenshtein). All three ship with PostgreSQL
 * (contrib); creating them needs a role allowed to (a superuser, or the
 * database owner on PostgreSQL 13+ where they are trusted extensions).
 * Not dropped on down: other code may use them.
 */
export class Migration20261207151900 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists pg_trgm;`)
    this.addSql(`create extension if not exists unaccent;`)
    this.addSql(`create extension if not exists fuzzystrmatch;`)
  }

  override async down(): Promise<void> {}
}
