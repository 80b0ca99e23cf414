/**
 * @module
 * The verbatim app over one corpus: composes the resource apps. `src/index.ts` serves the bundled
 * corpus with it; tests and benchmarks build other corpora and serve them with the same app.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import { cors } from 'hono/cors'
import type { AppEnv, Corpus } from './data'
import { onError, problemResponse } from './problem'
import { rateLimit } from './ratelimit'
import { browse } from './routes/browse'
import { apiCache } from './routes/cache'
import { embed } from './routes/embed'
import { asset, htmlError, htmlNotFound, renderHtml, wantsProblemJson } from './routes/html'
import { pages } from './routes/pages'
import { quotes } from './routes/quotes'
import { random } from './routes/random'
import { search } from './routes/search'
import { sources } from './routes/sources'
import { speakers } from './routes/speakers'
import { stats } from './routes/stats'
import { suggestions } from './routes/suggest'
import { verify } from './routes/verify'
import { verifyPage } from './routes/verify-page'
import { securityHeaders } from './security'
import { DocsPage, docsCss } from './views/docs'

const OPENAPI = {
  openapi: '3.1.0',
  info: { title: 'verbatim', version: '1', description: 'Quotation search: every quote traced to the exact words in its source.' },
}

/** The API's resource apps, each mounted at /api/<name>. */
const API = { search, quotes, sources, speakers, stats, suggest: suggestions, random, verify }

export function createVerbatim(corpus: () => Corpus) {
  const app = new OpenAPIHono<AppEnv>()

  app.use(securityHeaders)
  app.use(async (c, next) => {
    c.set('corpus', corpus)
    await next()
  })
  // Anyone may call the API from a browser on another origin: GET (and HEAD), and POST with a JSON body
  // (/api/verify). Before the rate limit, so a page on another origin can read a 429 and its Retry-After too.
  app.use(
    '/api/*',
    cors({
      origin: '*',
      allowMethods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
      allowHeaders: ['Content-Type'],
      exposeHeaders: ['ETag', 'Retry-After'],
      maxAge: 86400,
    }),
  )
  app.use('/api/*', rateLimit)
  app.use('/api/*', apiCache())

  for (const [name, api] of Object.entries(API)) app.route(`/api/${name}`, api)
  for (const site of [pages, browse, verifyPage, embed]) app.route('/', site)

  app.doc31('/api/openapi.json', OPENAPI)
  // The same document, readable: rendered on the server, no script.
  let docsHtml: string | undefined
  app.get('/api/docs', () => {
    docsHtml ??= String(DocsPage({ doc: app.getOpenAPI31Document(OPENAPI) as Record<string, any> }))
    return renderHtml(docsHtml)
  })
  app.get('/assets/docs.css', () => asset(docsCss, 'text/css'))

  // The API's paths and their methods, from the OpenAPI document: a known path asked with another method is a 405.
  let apiPaths: { pattern: RegExp; allow: string }[] | undefined
  const allowedMethods = (path: string): string | undefined => {
    apiPaths ??= Object.entries(app.getOpenAPI31Document(OPENAPI).paths ?? {}).map(([template, item]) => {
      const methods = Object.keys(item ?? {})
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => m.toUpperCase())
      if (methods.includes('GET')) methods.splice(methods.indexOf('GET') + 1, 0, 'HEAD')
      const source = template
        .split(/\{[^}]+\}/)
        .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
        .join('[^/]+')
      return { pattern: new RegExp(`^${source}$`), allow: methods.join(', ') }
    })
    return apiPaths.find((p) => p.pattern.test(path))?.allow
  }

  app.notFound((c) => {
    const path = new URL(c.req.url).pathname
    const allow = path.startsWith('/api/') ? allowedMethods(path) : undefined
    if (allow) {
      const res = problemResponse(405, `${path} answers ${allow}, not ${c.req.method}.`, path)
      res.headers.set('allow', allow)
      return res
    }
    return wantsProblemJson(c) ? problemResponse(404, `Nothing is at ${path}.`, path) : htmlNotFound(c)
  })
  app.onError((err, c) => (wantsProblemJson(c) ? onError(err, c) : htmlError(err, c)))

  return app
}
