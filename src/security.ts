/**
 * @module
 * Headers every answer carries, whatever route or error handler produced it. HTML pages set their own
 * policy (src/routes/html.ts `htmlHeaders`); this middleware is the net under it: nosniff and a referrer
 * policy on everything, a locked-down CSP on anything that is not a page (JSON, problem+json, assets),
 * and the strict page policy on any HTML answer that lacks one. Only /embed/* may be framed.
 */
import type { MiddlewareHandler } from 'hono'

/** A strict policy: only same-origin scripts and styles; these pages may not be framed (only /embed/* may). */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

/** The page policy, letting any site frame the page when `frameable` (the embeds). */
export function pageCsp(frameable: boolean): string {
  return frameable ? PAGE_CSP.replace("frame-ancestors 'none'", 'frame-ancestors *') : PAGE_CSP
}

/** For answers that are data, not documents: nothing may load, nothing may frame them. */
export const DATA_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"

export function isFrameablePath(path: string): boolean {
  return path.startsWith('/embed/')
}

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next()
  const h = c.res.headers
  h.set('x-content-type-options', 'nosniff')
  if (!h.has('referrer-policy')) h.set('referrer-policy', 'strict-origin-when-cross-origin')
  const type = h.get('content-type') ?? ''
  if (/^text\/html/i.test(type)) {
    if (!h.has('content-security-policy')) {
      const frameable = isFrameablePath(new URL(c.req.url).pathname)
      h.set('content-security-policy', pageCsp(frameable))
      if (!frameable) h.set('x-frame-options', 'DENY')
    }
  } else if (!/javascript|css/i.test(type) && !h.has('content-security-policy')) {
    h.set('content-security-policy', DATA_CSP)
  }
}
