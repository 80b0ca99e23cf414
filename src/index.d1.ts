/**
 * verbatim served from Cloudflare D1 (wrangler.d1.toml: SEARCH_BACKEND = "d1", binding DB): the same app,
 * with nothing of the corpus bundled; every route reads D1 through src/search/d1.ts.
 */
import { createVerbatim } from './app'

// Every route asks backendOf(c), which reads D1 when SEARCH_BACKEND is "d1": a bundled corpus is only asked for
// when the configuration says otherwise.
export default createVerbatim(() => {
  throw new Error('This Worker bundles no corpus: serve it with wrangler.d1.toml (SEARCH_BACKEND = "d1" and a DB binding).')
})
