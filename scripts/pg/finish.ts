/**
 * @module
 * What a streamed build (scripts/pg/build.ts) leaves to the server, once every batch is loaded into the staging
 * tables (unlogged, dropped before the build commits): the quotes numbered in date order (`n`: newest first,
 * undated last, then by id, as src/data.ts compareByDate), each quote id once, each source once at its first place
 * in the corpus with its counts, and which quotes each source prints. The server sorts on disk what the loader
 * would otherwise hold in memory.
 */
import { FACET_LIMIT } from '../../src/search/options'
import { COLUMNS } from './schema'

/** The staging tables, created in the build's transaction. */
export const LOAD_COLUMNS = {
  load_quotes: COLUMNS.quotes.slice(1),
  load_sources: ['seq', ...COLUMNS.sources.slice(1, -2)],
  load_occurrences: ['source', 'quote'],
} as const

export type LoadTable = keyof typeof LOAD_COLUMNS

export const CREATE_LOAD_TABLES = [
  `CREATE UNLOGGED TABLE load_quotes (
    year smallint, id text COLLATE "C" NOT NULL, text text NOT NULL, kind text COLLATE "C" NOT NULL,
    speaker text COLLATE "C", date text COLLATE "C", date_source text NOT NULL, occurrences text NOT NULL,
    variants text NOT NULL, folded text NOT NULL, context text NOT NULL, sources text[] COLLATE "C" NOT NULL,
    own tsvector COMPRESSION lz4 NOT NULL, tsv tsvector COMPRESSION lz4 NOT NULL)`,
  `CREATE UNLOGGED TABLE load_sources (
    seq bigint NOT NULL, id text COLLATE "C" NOT NULL, title text NOT NULL, outlet text, url text,
    published text COLLATE "C", license text, language text NOT NULL, body text NOT NULL, removed text NOT NULL, headings text)`,
  'CREATE UNLOGGED TABLE load_occurrences (source text COLLATE "C" NOT NULL, quote text COLLATE "C" NOT NULL)',
]

/** A quote id loaded twice fails here (a Quotebank quoteID twice, or one that is also an extracted quote's id). */
export const UNIQUE_IDS = 'CREATE UNIQUE INDEX load_quotes_id ON load_quotes (id)'

const quoteColumns = COLUMNS.quotes.slice(1).join(', ')

/** The staged rows into the tables of scripts/pg/schema.ts, in order. */
export const FILL_TABLES = [
  // Inserted in `n` order, as the rows of a partition are read newest first.
  `INSERT INTO quotes (n, ${quoteColumns})
    SELECT row_number() OVER (ORDER BY date DESC NULLS LAST, id)::int, ${quoteColumns} FROM load_quotes`,
  `INSERT INTO sources (${COLUMNS.sources.join(', ')})
    SELECT row_number() OVER (ORDER BY s.seq)::int, ${COLUMNS.sources
      .slice(1, -2)
      .map((c) => `s.${c}`)
      .join(', ')},
      coalesce(c.occurrences, 0), coalesce(c.quotes, 0)
    FROM (SELECT DISTINCT ON (id) * FROM load_sources ORDER BY id, seq) s
    LEFT JOIN (SELECT source, count(*)::int AS occurrences, count(DISTINCT quote)::int AS quotes FROM load_occurrences GROUP BY source) c
      ON c.source = s.id`,
  `INSERT INTO occurrences (source, n)
    SELECT DISTINCT o.source, q.n FROM load_occurrences o JOIN quotes q ON q.id = o.quote`,
  'DROP TABLE load_quotes, load_sources, load_occurrences',
]

/** How many sources the corpus has, and its source facet (as src/search/facets.ts facetCounts: most quotes first, then id). */
export const SOURCE_TOTALS = `SELECT (SELECT count(*)::int FROM sources) AS sources,
  (SELECT coalesce(json_agg(json_build_object('value', id, 'label', title, 'count', quote_count) ORDER BY quote_count DESC, id), '[]')
    FROM (SELECT id, title, quote_count FROM sources WHERE quote_count > 0 ORDER BY quote_count DESC, id LIMIT ${FACET_LIMIT}) s)::text AS facet`
