/**
 * @module
 * The PostgreSQL schema of a built corpus (src/search/pg.ts reads it). Every text column that is compared or sorted
 * is `COLLATE "C"` (code-point order, ASCII-only lower()), as SQLite's on D1, whatever the server's locale.
 *
 * Tables:
 * - `quotes`, partitioned by `year` (one partition a year, undated quotes in the default one), so old years can be
 *   detached and live elsewhere: `n` is the quote's rank in date order (newest first, undated last, then id), so an
 *   empty query is `ORDER BY n`; occurrences (packed as in src/pack.ts) and variants are JSON text; `sources` the
 *   ids of the sources printing it (the source filter and facet, without a join over `occurrences`). `own` is the
 *   tsvector of the quote's own words (text A, speaker's names and aliases B), `tsv` the same and its context (D):
 *   searches match `tsv` (GIN index) and rank the quotes matching `own` first. Lexemes come from src/search/pg-text.ts.
 *   The tsvectors are compressed with lz4: a common word ranks every match, and pglz's decompression was most of it.
 * - `occurrences`: which quotes a source prints (source pages).
 * - `speakers`, `sources`: the records with the counts the lists show.
 * - `terms`: the vocabulary as the bundled index folds it (no stemming, context included) with a trigram index
 *   (pg_trgm): typo candidates are the nearest terms; with each term's stem and document count, for the rarity (idf)
 *   a search ranks by.
 * - `speaker_names`: names, surnames and name words of speakers with quotes (src/search/speakers.ts lookupKeysOf).
 * - `meta`: build id, stats, the whole corpus's facets, the quote count.
 */
import { QUOTE_ROW_COLUMNS, SOURCE_COLUMNS } from '../corpus/counts'

/** Tables dropped and created by a build, in dependency order. */
export const TABLES = ['meta', 'speakers', 'sources', 'quotes', 'occurrences', 'terms', 'speaker_names']

/** The year partition of the quotes of `year`. */
export const partitionName = (year: number | null) => (year === null ? 'quotes_undated' : `quotes_y${year}`)

/** DDL before the data: the tables (quotes partitioned by the given years), no secondary index yet (loads faster). */
export function createTables(years: number[]): string[] {
  return [
    `DROP TABLE IF EXISTS ${TABLES.join(', ')} CASCADE`,
    'CREATE TABLE meta (key text COLLATE "C" PRIMARY KEY, value text NOT NULL)',
    `CREATE TABLE speakers (
      id text COLLATE "C" PRIMARY KEY, name text COLLATE "C" NOT NULL, aliases text COLLATE "C" NOT NULL, roles text NOT NULL,
      qid text, quote_count integer NOT NULL)`,
    `CREATE TABLE sources (
      ord integer NOT NULL, id text COLLATE "C" PRIMARY KEY, title text NOT NULL, outlet text, url text,
      published text COLLATE "C", license text, language text NOT NULL, body text NOT NULL, removed text NOT NULL, headings text,
      occurrence_count integer NOT NULL, quote_count integer NOT NULL)`,
    `CREATE TABLE quotes (
      n integer NOT NULL, year smallint, id text COLLATE "C" NOT NULL, text text NOT NULL, kind text COLLATE "C" NOT NULL,
      speaker text COLLATE "C", date text COLLATE "C", date_source text NOT NULL, occurrences text NOT NULL,
      variants text NOT NULL, folded text NOT NULL, context text NOT NULL, sources text[] COLLATE "C" NOT NULL,
      own tsvector COMPRESSION lz4 NOT NULL, tsv tsvector COMPRESSION lz4 NOT NULL
    ) PARTITION BY RANGE (year)`,
    ...years.map((y) => `CREATE TABLE ${partitionName(y)} PARTITION OF quotes FOR VALUES FROM (${y}) TO (${y + 1})`),
    `CREATE TABLE ${partitionName(null)} PARTITION OF quotes DEFAULT`,
    'CREATE TABLE occurrences (source text COLLATE "C" NOT NULL, n integer NOT NULL)',
    'CREATE TABLE terms (term text COLLATE "C" NOT NULL, stem text COLLATE "C" NOT NULL, docs integer NOT NULL)',
    'CREATE TABLE speaker_names (kind text COLLATE "C" NOT NULL, name text COLLATE "C" NOT NULL, id text COLLATE "C" NOT NULL)',
  ]
}

/** DDL after the data: keys and indexes (an index on the partitioned table is created on every partition). */
export const CREATE_INDEXES = [
  'CREATE INDEX quotes_n ON quotes (n)',
  'CREATE INDEX quotes_id ON quotes (id)',
  'CREATE INDEX quotes_speaker ON quotes (speaker, n)',
  'CREATE INDEX quotes_date ON quotes (date)',
  'CREATE INDEX quotes_tsv ON quotes USING gin (tsv)',
  'ALTER TABLE occurrences ADD PRIMARY KEY (source, n)',
  'CREATE INDEX occurrences_n ON occurrences (n)',
  'ALTER TABLE terms ADD PRIMARY KEY (term)',
  'CREATE INDEX terms_trgm ON terms USING gist (term gist_trgm_ops)',
  'CREATE INDEX terms_stem ON terms (stem)',
  'ALTER TABLE speaker_names ADD PRIMARY KEY (kind, name, id)',
  'CREATE INDEX speaker_names_name ON speaker_names (name)',
]

/** Columns of each table as the build copies them, in order. */
export const COLUMNS = {
  meta: ['key', 'value'],
  speakers: ['id', 'name', 'aliases', 'roles', 'qid', 'quote_count'],
  sources: ['ord', ...SOURCE_COLUMNS],
  quotes: ['n', 'year', ...QUOTE_ROW_COLUMNS, 'context', 'sources', 'own', 'tsv'],
  occurrences: ['source', 'n'],
  terms: ['term', 'stem', 'docs'],
  speaker_names: ['kind', 'name', 'id'],
} as const satisfies Record<string, readonly string[]>

export type Table = keyof typeof COLUMNS
export type Cell = string | number | null

/**
 * One row in COPY's text format: tab-separated, \N for null, backslash, tab, newline and carriage return escaped. A NUL,
 * which PostgreSQL text cannot hold, is written as U+FFFD.
 */
export function copyLine(row: readonly Cell[]): string {
  return `${row
    .map((v) =>
      v === null
        ? '\\N'
        : String(v).replace(/[\\\t\n\r\0]/g, (c) =>
            c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\uFFFD',
          ),
    )
    .join('\t')}\n`
}
