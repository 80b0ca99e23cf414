/**
 * verbatim served from Cloudflare D1 (wrangler.d1.toml: SEARCH_BACKEND = "d1", binding DB): the same app,
 * with nothing of the corpus bundled; every route reads D1 through src/search/d1.ts.
 */
import { createVerbatim } from './app'
import { ProblemError } from './problem'

// Routes not yet ported to the SearchBackend interface (suggest, random, verify) read the bundled corpus: here
// they answer 501 problem+json instead.
export default createVerbatim(() => {
  throw new ProblemError(501, 'This endpoint is not available on the D1 backend yet; search and the lookups are.')
})
