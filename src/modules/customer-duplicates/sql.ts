/**
 * The duplicate scan's SQL. It reads Medusa's core `customer` and
 * `customer_address` tables directly (not through the Customer module):
 * detection is set-based — normalise a chunk of customers in one statement,
 * join blocking keys on an index, score every candidate pair in one
 * statement — which the module API (one customer object at a time) cannot
 * do at a million customers. Nothing here writes a core table.
 *
 * Requires the pg_trgm (similarity), unaccent and fuzzystrmatch
 * (dmetaphone, levenshtein) extensions: see Migration20261207160000.
 *
 * Ids travel as one JSON array parameter (`?::jsonb`). Every read of the
 * scan's own tables says `deleted_at is null`: their indexes are partial
 * (Medusa's DML), and without it PostgreSQL reads the whole table for each
 * chunk instead of looking the chunk's rows up.
 */

/**
 * Lower case, accents stripped, apostrophes/dots dropped, spaces and other
 * punctuation → one space. Letters of other scripts are kept as they are.
 */
const norm = (col: string) =>
  `nullif(btrim(regexp_replace(regexp_replace(lower(unaccent(coalesce(${col}, ''))), '[''’.]', '', 'g'), '[[:space:][:punct:]]+', ' ', 'g')), '')`

/**
 * The ids as an array: `= any(array(…))` is looked up on the index whatever
 * the number of ids, where `in (select jsonb_array_elements_text(…))` is
 * planned for 100 rows and read the whole table in a small store.
 */
const IDS_ARRAY = `array(select jsonb_array_elements_text(?::jsonb))`

/**
 * A phone as E.164 where it can be told: "+44 7700 900123" and "0044 7700
 * 900123" → +447700900123; a national "07700 900123" → the same when the
 * customer's country is known (its calling code, the trunk "0" dropped where
 * the country has one: dial codes from libphonenumber, see phone-dial.ts).
 * Otherwise the digits as written.
 */
const E164 = `case
      when c.phone_raw like '+%' then '+' || regexp_replace(c.phone_raw, '[^0-9]', '', 'g')
      when c.phone_raw like '00%' then '+' || substr(c.phone_raw, 3)
      when dial.code is not null and dial.trunk <> '' and starts_with(c.phone_raw, dial.trunk)
        then '+' || dial.code || substr(c.phone_raw, length(dial.trunk) + 1)
      when dial.code is not null and dial.trunk = '' and length(c.phone_raw) >= 6 then '+' || dial.code || c.phone_raw
      else c.phone_raw
    end`

/**
 * Subjects (normalised values + fingerprint) of `people` (a query giving
 * id, email, phone, first_name, last_name) with the postcodes, towns and
 * countries of `addresses` (customer_id, postal_code, city, country_code,
 * is_default_shipping, created_at; it may read the people from `c`). The
 * scan reads customers; the import review reads the rows of a file (see
 * PROBE_*). Bindings: those of `people`, of `addresses`, nicknames json,
 * dial codes json, scan_id.
 */
const subjectsSql = (people: string, addresses: string) => `
with c as (
  select cu.id,
         nullif(lower(btrim(cu.email)), '') as email_key,
         nullif(regexp_replace(coalesce(cu.phone, ''), '[^0-9+]', '', 'g'), '') as phone_raw,
         ${norm("cu.first_name")} as first_key,
         ${norm("cu.last_name")} as last_key
    from (${people}) cu
),
ca_src as materialized (${addresses}),
a as (
  select ca.customer_id,
         string_agg(distinct upper(regexp_replace(ca.postal_code, '[^A-Za-z0-9]', '', 'g')), ',') as pcs,
         string_agg(distinct ${norm("ca.city")}, ',') as cities
    from ca_src ca
   group by ca.customer_id
),
nick as (select key as name, value as canon from jsonb_each_text(?::jsonb)),
-- the country a number written without its international prefix is read in: the customer's
-- default shipping address, else any address
country as (
  select distinct on (ca.customer_id) ca.customer_id, lower(ca.country_code) as cc
    from ca_src ca
   where ca.country_code is not null
   order by ca.customer_id, ca.is_default_shipping desc, ca.created_at
),
dial as (select key as cc, value ->> 0 as code, value ->> 1 as trunk from jsonb_each(?::jsonb)),
ph as (
  select c.id, ${E164} as phone_key
    from c
    left join country on country.customer_id = c.id
    left join dial on dial.cc = country.cc
)
insert into customer_duplicate_subject
  (id, customer_id, email_key, phone_key, first_key, last_key, first_canon, fingerprint, scan_id, created_at, updated_at)
select 'cdupx_' || replace(gen_random_uuid()::text, '-', ''), c.id, c.email_key, ph.phone_key, c.first_key, c.last_key,
       coalesce(nick.canon, c.first_key),
       md5(concat_ws('|', c.email_key, ph.phone_key, c.first_key, c.last_key, a.pcs, a.cities)),
       ?, now(), now()
  from c
  join ph on ph.id = c.id
  left join a on a.customer_id = c.id
  left join nick on nick.name = c.first_key
on conflict (customer_id) where deleted_at is null do update
   set email_key = excluded.email_key, phone_key = excluded.phone_key, first_key = excluded.first_key,
       last_key = excluded.last_key, first_canon = excluded.first_canon, fingerprint = excluded.fingerprint,
       scan_id = excluded.scan_id, updated_at = now()
`

const CUSTOMERS = `select id, email, phone, first_name, last_name from customer where id = any(${IDS_ARRAY}) and deleted_at is null`

/** Rebuilds the subjects of the given customers. Bindings: ids, nicknames json, dial codes json, scan_id. */
export const REFRESH_SUBJECTS = subjectsSql(
  CUSTOMERS,
  `select customer_id, postal_code, city, country_code, is_default_shipping, created_at
     from customer_address where customer_id = any(array(select id from c)) and deleted_at is null`
)

/**
 * Blocking keys of the given customers (their subjects must be fresh).
 * city_last: city + how the surname sounds; city_pair: city + how both
 * names sound, in either order (first and last name swapped).
 */
const blockKeysSql = (addresses: string) => `
with s as (select * from customer_duplicate_subject where customer_id = any(${IDS_ARRAY}) and deleted_at is null),
addr as (
  select distinct ca.customer_id,
         nullif(upper(regexp_replace(ca.postal_code, '[^A-Za-z0-9]', '', 'g')), '') as pc,
         ${norm("ca.city")} as city
    from (${addresses}) ca
),
k as (
  select customer_id, 'email' as kind, email_key as value from s where email_key is not null
  union
  select customer_id, 'phone', phone_key from s where length(phone_key) >= 7
  union
  select customer_id, 'email_local', regexp_replace(split_part(split_part(email_key, '@', 1), '+', 1), '[._-]', '', 'g')
    from s where length(regexp_replace(split_part(split_part(email_key, '@', 1), '+', 1), '[._-]', '', 'g')) >= 4
  union
  select customer_id, 'postcode', pc from addr where length(pc) >= 3
  union
  select s.customer_id, 'city_last', addr.city || '|' || dmetaphone(s.last_key)
    from s join addr using (customer_id) where addr.city is not null and s.last_key is not null
  union
  select s.customer_id, 'city_pair', addr.city || '|' ||
         least(dmetaphone(s.first_key), dmetaphone(s.last_key)) || '|' || greatest(dmetaphone(s.first_key), dmetaphone(s.last_key))
    from s join addr using (customer_id)
   where addr.city is not null and s.first_key is not null and s.last_key is not null
)
insert into customer_duplicate_block_key (id, customer_id, kind, value, created_at, updated_at)
select 'cdupk_' || replace(gen_random_uuid()::text, '-', ''), customer_id, kind, value, now(), now() from k
`

/** Blocking keys of the given customers. Bindings: ids. */
export const INSERT_BLOCK_KEYS = blockKeysSql(
  `select customer_id, postal_code, city from customer_address
    where customer_id = any(array(select customer_id from s)) and deleted_at is null`
)

/**
 * Blocks larger than this are skipped (a shop's own phone number or email
 * on hundreds of guest orders, a town + very common surname): comparing
 * every pair inside them would cost n² for no useful result.
 */
export const MAX_BLOCK = 500

/** One name matches another despite a typo, transposed letters, or a missing last letter. */
const close = (x: string, y: string, minLen: number) => `(
  ${x} = ${y}
  or (length(${x}) = length(${y}) and levenshtein(${x}, ${y}) = 2
      and array(select unnest(string_to_array(${x}, null)) order by 1) = array(select unnest(string_to_array(${y}, null)) order by 1))
  or (least(length(${x}), length(${y})) >= ${minLen} and levenshtein(${x}, ${y}) <= 1)
  or (least(length(${x}), length(${y})) >= 4 and abs(length(${x}) - length(${y})) = 1
      and (starts_with(${x}, ${y}) or starts_with(${y}, ${x})))
  or (least(length(${x}), length(${y})) >= 7 and levenshtein(${x}, ${y}) <= 2)
)`

/**
 * A one-letter slip in a short name (Emma → Enma, Hahn → Haahn): a
 * Levenshtein distance of 1 is too loose on its own under six letters
 * (Marie / Mario, Jan / Jana live at one address), so it counts only when
 * one spelling is rare in the store and the other common — at least five
 * times as many customers carry it (how a typo looks: a real name is
 * shared, a slip is not). Counted on the subjects' name indexes, only for
 * pairs already one letter apart.
 */
const rareSlip = (x: string, y: string, col: "first_key" | "last_key") => `(
  case when least(length(${x}), length(${y})) >= 3 and levenshtein(${x}, ${y}) = 1 then (
    with n as (
      select (select count(*) from customer_duplicate_subject where ${col} = ${x} and deleted_at is null) as nx,
             (select count(*) from customer_duplicate_subject where ${col} = ${y} and deleted_at is null) as ny
    )
    select nx >= 5 * ny or ny >= 5 * nx from n
  ) else false end
)`

/**
 * An email local part that is only the name (jane.smith, janesmith,
 * jsmith, smith.jane, jane_smith): shared by namesakes at other providers,
 * so it is no evidence that two customers are one. `local` is the local
 * part without dots, dashes, underscores and +tags.
 */
const nameOnlyLocal = (local: string, s: string) => `(
  ${local} in (replace(${s}.first_key, ' ', '') || replace(${s}.last_key, ' ', ''),
               replace(${s}.last_key, ' ', '') || replace(${s}.first_key, ' ', ''),
               left(${s}.first_key, 1) || replace(${s}.last_key, ' ', ''),
               replace(${s}.first_key, ' ', ''), replace(${s}.last_key, ' ', ''))
)`

const LOCAL = (s: string) =>
  `regexp_replace(split_part(split_part(${s}.email_key, '@', 1), '+', 1), '[._-]', '', 'g')`

/**
 * Finds and scores the candidate pairs of a chunk of customers: CTEs ending
 * in `r` (a, b, score, confidence, reasons, fa, fb). Bindings: ids, full
 * (bool: only partners with a greater id).
 */
const PAIR_SCORES = `
with mine as (
  select customer_id, kind, value from customer_duplicate_block_key where customer_id = any(${IDS_ARRAY}) and deleted_at is null
),
big as materialized (
  select k.kind, k.value
    from (select distinct kind, value from mine) m
    join customer_duplicate_block_key k on k.kind = m.kind and k.value = m.value and k.deleted_at is null
   group by k.kind, k.value
  having count(*) > ${MAX_BLOCK}
),
cand as (
  select k1.customer_id as x, k2.customer_id as y, array_agg(distinct k1.kind) as kinds
    from mine k1
    join customer_duplicate_block_key k2
      on k2.kind = k1.kind and k2.value = k1.value and k2.customer_id <> k1.customer_id and k2.deleted_at is null
   where (not ?::boolean or k2.customer_id > k1.customer_id)
     and not exists (select 1 from big where big.kind = k1.kind and big.value = k1.value)
   group by 1, 2
),
p as materialized (
  select distinct on (least(x, y), greatest(x, y)) least(x, y) as a, greatest(x, y) as b, kinds
    from cand order by least(x, y), greatest(x, y)
),
-- how close the names are, worked out once per pair (the rules below use it several times)
nc as materialized (
  select p.a, p.b, p.kinds,
         coalesce(${close("sa.first_key", "sb.first_key", 6)}, false) as first_close,
         coalesce(${close("sa.last_key", "sb.last_key", 5)}, false) as last_close
    from p
    join customer_duplicate_subject sa on sa.customer_id = p.a and sa.deleted_at is null
    join customer_duplicate_subject sb on sb.customer_id = p.b and sb.deleted_at is null
),
f as materialized (
  select p.a, p.b, p.kinds, sa.fingerprint as fa, sb.fingerprint as fb,
         coalesce(sa.email_key = sb.email_key, false) as email_eq,
         coalesce(sa.phone_key = sb.phone_key and length(sa.phone_key) >= 7, false) as phone_eq,
         'postcode' = any(p.kinds) as postcode_eq,
         coalesce('email_local' = any(p.kinds)
                  and not ${nameOnlyLocal(LOCAL("sa"), "sa")} and not ${nameOnlyLocal(LOCAL("sa"), "sb")}, false) as local_eq,
         p.kinds && array['city_last', 'city_pair'] as city_eq,
         coalesce(sa.last_key = sb.last_key, false) as surname_eq,
         coalesce(sa.first_key = sb.first_key and sa.last_key = sb.last_key, false) as name_exact,
         coalesce(sa.first_key <> sb.first_key and sa.first_canon = sb.first_canon and p.last_close, false) as name_nickname,
         coalesce(sa.first_key = sb.last_key and sa.last_key = sb.first_key and sa.first_key <> sa.last_key, false) as name_swapped,
         coalesce(not (sa.first_key = sb.first_key and sa.last_key = sb.last_key)
                  and ((p.first_close and p.last_close)
                       or (p.last_close and ${rareSlip("sa.first_key", "sb.first_key", "first_key")})
                       or (sa.first_key = sb.first_key and ${rareSlip("sa.last_key", "sb.last_key", "last_key")})
                       or similarity(sa.first_key || ' ' || sa.last_key, sb.first_key || ' ' || sb.last_key) >= 0.8), false) as name_typo,
         coalesce(similarity(coalesce(sa.first_canon, '') || ' ' || coalesce(sa.last_key, ''),
                             coalesce(sb.first_canon, '') || ' ' || coalesce(sb.last_key, '')), 0) as sim
    from nc p
    join customer_duplicate_subject sa on sa.customer_id = p.a and sa.deleted_at is null
    join customer_duplicate_subject sb on sb.customer_id = p.b and sb.deleted_at is null
),
g as (select f.*, (name_exact or name_nickname or name_swapped or name_typo) as name_eq from f),
s as (
  select g.*,
         case
           when email_eq then 0.97
           when phone_eq and name_eq then 0.93
           when name_eq and postcode_eq then 0.90
           when name_eq and local_eq then 0.88
           when name_eq and city_eq then 0.70
           when phone_eq then 0.60
           when surname_eq and postcode_eq then 0.50
         end as base,
         case
           when email_eq or (name_eq and (phone_eq or postcode_eq or local_eq)) then 'likely'
           when (name_eq and city_eq) or phone_eq or (surname_eq and postcode_eq) then 'possible'
         end as confidence
    from g
),
r as (
  select s.*,
         least(0.99, base + 0.02 * sim
                     + 0.01 * ((email_eq::int + phone_eq::int + postcode_eq::int + local_eq::int) - 1)) as score,
         to_jsonb(array_remove(array[
           case when email_eq then 'same_email' end,
           case when phone_eq then 'same_phone' end,
           case when name_exact then 'name_exact' end,
           case when name_nickname then 'name_nickname' end,
           case when name_swapped then 'name_swapped' end,
           case when name_typo then 'name_typo' end,
           case when surname_eq and postcode_eq and not name_eq then 'same_surname_postcode'
                when postcode_eq then 'same_postcode' end,
           case when local_eq and not email_eq then 'same_email_local' end,
           case when city_eq then 'same_city' end
         ], null)) as reasons
    from s
   where confidence is not null
     and not exists (
       select 1 from customer_duplicate_dismissal d
        where d.customer_a_id = s.a and d.customer_b_id = s.b
          and d.fingerprint_a = s.fa and d.fingerprint_b = s.fb and d.deleted_at is null)
)`

/**
 * Finds, scores and stores the pairs of a chunk of customers.
 * Bindings: ids, full (bool: only partners with a greater id), scan_id.
 * Returns one row { n } with the number of pairs stored.
 */
export const PAIR_CHUNK = `${PAIR_SCORES},
ins as (
  insert into customer_duplicate_pair
    (id, customer_a_id, customer_b_id, score, confidence, reasons, fingerprint_a, fingerprint_b, scan_id, created_at, updated_at)
  select 'cdup_' || replace(gen_random_uuid()::text, '-', ''), a, b, round(score::numeric, 3), confidence, reasons, fa, fb, ?, now(), now()
    from r
  on conflict (customer_a_id, customer_b_id) where deleted_at is null do update
     set score = excluded.score, confidence = excluded.confidence, reasons = excluded.reasons,
         fingerprint_a = excluded.fingerprint_a, fingerprint_b = excluded.fingerprint_b,
         scan_id = excluded.scan_id, updated_at = now()
  returning 1
)
select count(*)::int as n from ins
`

/** Drivers of a scan, keyset-paged by id. Full: every customer (removed ones drop their data). */
export const FULL_DRIVERS = `select id from customer where id > ? order by id limit ?`

/** Incremental: customers (or their addresses) changed or removed since the last scan started. */
export const CHANGED_DRIVERS = `
select c.id from customer c
 where c.id > ?
   and (c.updated_at > ? or c.deleted_at > ? or c.created_at > ?
        or exists (select 1 from customer_address ca
                    where ca.customer_id = c.id and (ca.updated_at > ? or ca.deleted_at > ?)))
 order by c.id limit ?`

export const COUNT_FULL = `select count(*)::int as n from customer`
export const COUNT_CHANGED = `select count(*)::int as n from (${CHANGED_DRIVERS.replace(
  "order by c.id limit ?",
  ""
)}) q`

/*
 * Probes: people who are not customers yet (the rows of an import file) are
 * compared with the store's customers by the very rules above. Inside one
 * transaction they get subjects and blocking keys under temporary ids
 * (`cdupprobe_…`, never committed: the caller deletes them before the end),
 * then the pair scoring runs for them without storing anything.
 */
const PROBE_PEOPLE = `select id, email, phone, first_name, last_name
  from jsonb_to_recordset(?::jsonb) as x(id text, email text, phone text, first_name text, last_name text)`
const PROBE_ADDRESSES = `select id as customer_id, postal_code, city, country_code, true as is_default_shipping, now() as created_at
  from jsonb_to_recordset(?::jsonb) as x(id text, postal_code text, city text, country_code text)`

/** Bindings: people json, people json (their addresses), nicknames json, dial codes json, scan_id. */
export const PROBE_SUBJECTS = subjectsSql(PROBE_PEOPLE, PROBE_ADDRESSES)
/** Bindings: ids, people json (their addresses). */
export const PROBE_BLOCK_KEYS = blockKeysSql(PROBE_ADDRESSES)
/** The scored pairs of the probes (with customers and with each other). Bindings: ids, false. */
export const PROBE_MATCHES = `${PAIR_SCORES}
select a, b, round(score::numeric, 3) as score, confidence, reasons from r`
