/** D1 widens to contexts as the bundle does (test/worker/widening.ts), without the build's hot answers (computed with the constant). */
import { env } from 'cloudflare:test'
import { d1Backend } from '../../src/search/d1'
import { NARROW, wideningSuite } from '../worker/widening'

const DB = (env as unknown as { DB: D1Database }).DB

wideningSuite('D1', d1Backend(DB, { hot: false, widenBelow: NARROW }), d1Backend(DB, { hot: false }))
