/**
 * Property-based fuzzing of the real Worker in workerd with fast-check. Every API operation comes from the
 * live OpenAPI document (so routes added later are fuzzed too); pages, embeds and oEmbed are listed here.
 * Inputs: any strings (ASCII, graphemes, any code point, control characters), numbers, very long values,
 * repeated and unknown parameters, odd methods, content types and bodies.
 * Promise: never a 5xx, never a stack trace, every API 4xx is problem+json, every answer within a time bound.
 */

import { exports } from 'cloudflare:workers'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { call } from './helpers'

/** Wall-clock bound per request: generous for a busy CI machine, far below a pathological blow-up. */
const MAX_MS = 3_000
const RUNS = 30

interface Operation {
  method: string
  path: string
  query: string[]
  pathParams: string[]
  body: boolean
}

let operations: Operation[] = []
let known: { quote: string; source: string; speaker: string }

beforeAll(async () => {
  const { body: doc } = await call('/api/openapi.json')
  operations = Object.entries(
    doc.paths as Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: unknown }>>,
  ).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      pathParams: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      body: op.requestBody !== undefined,
    })),
  )
  const { body } = await call('/api/search?q=revenge')
  const hit = body.results[0]
  known = { quote: hit.id, source: hit.sources[0].id, speaker: hit.speaker.id }
})

/** Lone surrogates cannot be percent-encoded; they go out as U+FFFD, as a browser would send them. */
function enc(s: string): string {
  try {
    return encodeURIComponent(s)
  } catch {
    return encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd'))
  }
}

const CONTROL = fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 20 })
const MANY_TERMS = fc
  .array(fc.constantFrom('a', 'the', 'revenge', 'murder', 'iran', 'x', 'qz', 'united', 'states', 'aaaaaaaa', '1'), { maxLength: 120 })
  .map((w) => w.join(' '))

/** Any value a client could send for a parameter. */
const value = (extra: string[] = []) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string() },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: CONTROL },
    { weight: 1, arbitrary: fc.string({ minLength: 300, maxLength: 5_000 }) },
    { weight: 1, arbitrary: MANY_TERMS },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.bigInt()).map(String) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '',
        ' ',
        '0',
        '-1',
        '1e309',
        'NaN',
        'Infinity',
        '1.5',
        '9'.repeat(400),
        'true',
        'null',
        '[]',
        '{}',
        '__proto__',
        'constructor',
        '%',
        '%00',
        '..',
        '../../etc/passwd',
        '<script>alert(1)</script>',
        "' OR 1=1 --",
        'a'.repeat(201),
        '*',
        '~',
        'revenge',
        'quotation',
        'fragment',
        '2020-01-01',
        '2020-02-30',
        'json',
        'xml',
        'dark',
        '\u202e\u200b',
        ...extra,
      ),
    },
  )

/** A query string with each named parameter absent, once or repeated, plus unknown ones; sometimes unencoded. */
function queryOf(names: string[], extra: () => string[]) {
  const pairs = fc.tuple(
    ...names.map((n) => fc.array(value(extra()), { maxLength: 3 }).map((vs) => vs.map((v) => [n, v] as const))),
    fc.array(fc.tuple(fc.constantFrom('zzz', '', 'q[]', '__proto__', 'page', 'limit'), value()), { maxLength: 2 }),
  )
  return fc.tuple(pairs, fc.boolean()).map(([groups, raw]) => {
    const flat = (groups as (readonly (readonly [string, string])[])[]).flat()
    if (flat.length === 0) return ''
    return `?${flat.map(([k, v]) => (raw ? `${k}=${v.replace(/[#\s]/g, '')}` : `${enc(k)}=${enc(v)}`)).join('&')}`
  })
}

const pathValue = (extra: string[]) =>
  fc.oneof(
    value(extra).map(enc),
    fc.constantFrom('%E0%A4%A', '%ZZ', '%00', '%2F', '%2e%2e', '..', '.', 'a%20b', ';x=1', '%F0%9F%98%80', 'x'.repeat(5000)),
  )

const METHODS = fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', 'get')
const ACCEPT = fc.constantFrom(
  undefined,
  'application/json',
  'text/html',
  '*/*',
  'application/problem+json',
  'image/png',
  ';;;,,',
  'text/html;q=0, application/json',
)
const CONTENT_TYPE = fc.constantFrom(
  undefined,
  'application/json',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  '',
  'garbage',
)
const BODY = fc.oneof(
  fc.constant(undefined),
  fc.string(),
  fc.json(),
  fc.jsonValue().map((v) => JSON.stringify({ text: v, quote: v, q: v })),
  fc.constantFrom('{', '[]', 'null', `{"text":"${'a'.repeat(100_000)}"}`, '\u0000\u0001'),
  fc.uint8Array({ maxLength: 200 }),
)

const request = (op: Pick<Operation, 'method' | 'path' | 'query' | 'pathParams' | 'body'>, extra: () => string[]) =>
  fc.record({
    method: op.method === 'GET' ? METHODS : fc.oneof(fc.constant(op.method), METHODS),
    params: fc.tuple(...op.pathParams.map(() => pathValue(extra()))),
    query: queryOf(op.query, extra),
    accept: ACCEPT,
    contentType: CONTENT_TYPE,
    body: BODY,
  })

/** What an answer may never be. */
async function check(method: string, path: string, init: RequestInit, api: boolean) {
  const started = Date.now()
  const res = await exports.default.fetch(new Request(`http://verbatim.test${path}`, init)).catch((e: unknown) => {
    throw new Error(`${method} ${path} threw ${e}`)
  })
  const text = await res.text()
  const ms = Date.now() - started
  const type = res.headers.get('content-type') ?? ''
  const where = `${method} ${path.slice(0, 300)} → ${res.status}`
  expect(res.status, where).toBeGreaterThanOrEqual(200)
  // The one 5xx oEmbed 1.0 prescribes: 501 for the xml format, which this provider does not offer.
  const xml =
    res.status === 501 && new URL(path, 'http://x').pathname === '/oembed' && new URL(path, 'http://x').searchParams.get('format') === 'xml'
  if (!xml) expect(res.status, where).toBeLessThan(500)
  expect(ms, `${where} took ${ms} ms`).toBeLessThan(MAX_MS)
  expect(text, where).not.toMatch(/\n\s+at \S+ \(|\.[jt]s:\d+:\d+|node_modules|Internal Server Error/)
  if (res.status >= 400 && (api || type.includes('json'))) {
    expect(type, where).toBe('application/problem+json; charset=utf-8')
    if (method.toUpperCase() !== 'HEAD') {
      const body = JSON.parse(text)
      expect(body.status, where).toBe(res.status)
      expect(typeof body.title, where).toBe('string')
      expect(typeof body.detail, where).toBe('string')
    }
  }
  if (res.status >= 400 && !api) expect(type, where).toMatch(/^(text\/html|application\/problem\+json)/)
}

function init(
  method: string,
  accept: string | undefined,
  contentType: string | undefined,
  body: string | Uint8Array | undefined,
): RequestInit {
  const headers: Record<string, string> = {}
  if (accept !== undefined) headers.accept = accept
  if (contentType !== undefined) headers['content-type'] = contentType
  const m = method.toUpperCase()
  return { method, headers, ...(m === 'GET' || m === 'HEAD' || body === undefined ? {} : { body }) }
}

async function fuzz(op: Operation, api: boolean, numRuns = RUNS) {
  const extra = () => [known.quote, known.source, known.speaker, `http://verbatim.test/quotes/${known.quote}`]
  await fc.assert(
    fc.asyncProperty(request(op, extra), async (r) => {
      let path = op.path
      op.pathParams.forEach((name, i) => {
        path = path.replace(`{${name}}`, r.params[i] as string)
      })
      await check(r.method, `${path}${r.query}`, init(r.method, r.accept, r.contentType, r.body), api)
    }),
    { numRuns },
  )
}

describe('fuzzing every API operation in the OpenAPI document', () => {
  it('finds the operations', () => {
    expect(operations.length).toBeGreaterThanOrEqual(5)
    expect(operations.map((o) => o.path)).toContain('/api/search')
  })

  it('every operation, with any parameters, methods, types and bodies', async () => {
    for (const op of operations) await fuzz(op, true)
  }, 120_000)
})

/** The HTML routes and oEmbed, which are not in the API document. */
const PAGES: Operation[] = [
  { method: 'GET', path: '/', query: ['q', 'speaker', 'source', 'kind', 'from', 'to', 'page', 'limit'], pathParams: [], body: false },
  { method: 'GET', path: '/quotes/{id}', query: [], pathParams: ['id'], body: false },
  { method: 'GET', path: '/sources/{id}', query: [], pathParams: ['id'], body: false },
  { method: 'GET', path: '/speakers/{id}', query: [], pathParams: ['id'], body: false },
  { method: 'GET', path: '/embed/quotes/{id}', query: ['theme'], pathParams: ['id'], body: false },
  { method: 'GET', path: '/embed.js', query: ['v'], pathParams: [], body: false },
  { method: 'GET', path: '/assets/{file}', query: [], pathParams: ['file'], body: false },
  { method: 'GET', path: '/{a}/{b}', query: ['q'], pathParams: ['a', 'b'], body: false },
]

describe('fuzzing pages, embeds and oEmbed', () => {
  it('every page route', async () => {
    for (const op of PAGES) await fuzz(op, false, 15)
  }, 120_000)

  it('oEmbed, with any url, format and sizes', async () => {
    await fuzz({ method: 'GET', path: '/oembed', query: ['url', 'format', 'maxwidth', 'maxheight'], pathParams: [], body: false }, true)
  }, 60_000)
})

describe('bounded work per query', () => {
  it('searches the first 12 words of a query and ignores the 13th on, counting them in ignored_words', async () => {
    // 12 is the documented cap (README, OpenAPI `ignored_words`); a Worker capping at 11 or 13 fails here.
    // The filler words match nothing, so "revenge" finds its quotes exactly when it is among the words searched.
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `qx${i}zv`).join(' ')
    const twelfth = await call(`/api/search?q=${enc(`${filler(11)} revenge`)}`)
    expect(twelfth.body.total).toBeGreaterThan(0)
    expect(twelfth.body.ignored_words).toBe(0)
    const thirteenth = await call(`/api/search?q=${enc(`${filler(12)} revenge`)}`)
    expect(thirteenth.res.status).toBe(200)
    expect(thirteenth.body.total).toBe(0)
    expect(thirteenth.body.ignored_words).toBe(1)
  })

  it('oEmbed answers 501 only for the xml format it knows of; other formats are a 400', async () => {
    const url = enc(`http://verbatim.test/quotes/${known.quote}`)
    expect((await call(`/oembed?url=${url}&format=xml`)).res.status).toBe(501)
    for (const format of ['', 'yaml', 'JSON ', 'json5']) {
      const { res, body } = await call(`/oembed?url=${url}&format=${enc(format)}`)
      expect(res.status, format).toBe(400)
      expect(body.errors).toEqual([{ parameter: 'format', message: 'must be json' }])
    }
  })

  it('200 characters of short words, long words and typos answer within the bound', async () => {
    for (const q of [
      'a '.repeat(100),
      'revenge '.repeat(25),
      'abcdefghij'.repeat(20),
      'qwertyuiop asdfghjkl zxcvbnm '.repeat(6),
      Array.from({ length: 66 }, (_, i) => `w${i}`).join(' '),
    ]) {
      await check('GET', `/api/search?q=${enc(q.slice(0, 200))}&limit=100`, {}, true)
      await check('GET', `/?q=${enc(q.slice(0, 200))}`, {}, false)
    }
  })
})
