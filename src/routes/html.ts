/**
 * @module
 * How HTML answers go out: the page headers (CSP from src/security.ts, no framing except /embed/*), static assets,
 * and the HTML 404 and error pages (the API and clients asking for JSON get problem+json instead, src/problem.ts).
 */

import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { JSXNode } from 'hono/jsx'
import { BackendUnavailable, ProblemError } from '../problem'
import { BACKEND_RETRY_AFTER_S } from '../search/options'
import { pageCsp } from '../security'
import { ErrorPage } from '../views/pages'

export function htmlHeaders(frameable: boolean): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': pageCsp(frameable),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    ...(frameable ? {} : { 'x-frame-options': 'DENY' }),
  }
}

export function renderHtml(node: JSXNode | Promise<string> | string, status = 200, frameable = false): Response {
  return new Response(String(node), { status, headers: htmlHeaders(frameable) })
}

export function asset(body: string, type: string): Response {
  return new Response(body, {
    headers: { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'public, max-age=3600', 'x-content-type-options': 'nosniff' },
  })
}

/** Errors go out as problem+json for the API, oEmbed and clients asking for JSON; as HTML pages otherwise. */
export function wantsProblemJson(c: Context): boolean {
  const path = new URL(c.req.url).pathname
  if (path === '/api' || path.startsWith('/api/') || path === '/oembed') return true
  const accept = c.req.header('accept') ?? ''
  return /json/i.test(accept) && !/text\/html/i.test(accept)
}

export function htmlNotFound(c: Context): Response {
  const path = new URL(c.req.url).pathname
  return renderHtml(ErrorPage({ status: 404, title: 'Page not found', detail: `Nothing is at ${path}.` }), 404)
}

export function htmlError(err: Error, c: Context): Response {
  if (err instanceof ProblemError && err.status === 404) {
    return renderHtml(ErrorPage({ status: 404, title: 'Not found', detail: err.detail }), 404)
  }
  if (err instanceof HTTPException && err.status < 500) {
    return renderHtml(ErrorPage({ status: err.status, title: 'That did not work', detail: err.message }), err.status)
  }
  if (err instanceof BackendUnavailable) {
    console.error(err.message)
    const res = renderHtml(
      ErrorPage({
        status: 503,
        title: 'Busy right now',
        detail: `The search database is not answering. Please try again in ${BACKEND_RETRY_AFTER_S} seconds.`,
      }),
      503,
    )
    res.headers.set('retry-after', String(BACKEND_RETRY_AFTER_S))
    return res
  }
  console.error(err)
  const path = new URL(c.req.url).pathname
  return renderHtml(
    ErrorPage({ status: 500, title: 'Something went wrong', detail: `The page ${path} failed on our side. Please try again later.` }),
    500,
  )
}
