/**
 * verbatim served from PostgreSQL through Cloudflare Hyperdrive (wrangler.pg.toml: SEARCH_BACKEND = "postgres",
 * binding HYPERDRIVE): the same app, with nothing of the corpus bundled; every route reads PostgreSQL through
 * src/search/pg.ts.
 */
import { createVerbatim } from './app'

// Every route asks backendOf(c), which reads PostgreSQL when SEARCH_BACKEND is "postgres": a bundled corpus is only
// asked for when the configuration says otherwise.
export default createVerbatim(() => {
  throw new Error('This Worker bundles no corpus: serve it with wrangler.pg.toml (SEARCH_BACKEND = "postgres" and a HYPERDRIVE binding).')
})
