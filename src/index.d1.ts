/**
 * verbatim served from Cloudflare D1 (wrangler.d1.toml: SEARCH_BACKEND = "d1", binding DB): the same app,
 * with nothing of the corpus bundled; every route reads D1 through src/search/d1.ts.
 */
import { createVerbatim } from './app'

export default createVerbatim(() => {
  throw new Error('This Worker bundles no corpus: it serves D1 (SEARCH_BACKEND = "d1" and a DB binding, as in wrangler.d1.toml).')
})
