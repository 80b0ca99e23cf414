/**
 * @module
 * Every error answer has one shape: RFC 9457 problem details, served as application/problem+json.
 */

import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { BACKEND_RETRY_AFTER_S } from './search/options'

export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  instance?: string
  /** Per-parameter messages for validation errors. */
  errors?: { parameter: string; message: string }[]
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
}

/** The backend failed or did not answer in time. */
export class BackendUnavailable extends Error {
  constructor(
    /** Which backend ("d1", "postgres"). */
    readonly backend: string,
    /** What went wrong, for the log (never shown to clients). */
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`${backend} backend unavailable: ${reason}`, options)
    this.name = 'BackendUnavailable'
  }
}

/** Thrown by handlers; turned into problem+json by `onError`. */
export class ProblemError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly detail: string,
    readonly errors?: Problem['errors'],
  ) {
    super(status, { message: detail })
  }
}

export function problemResponse(status: number, detail: string, instance?: string, errors?: Problem['errors']): Response {
  const title = TITLES[status] ?? 'Error'
  const body: Problem = {
    type: `https://verbatim.dev/problems/${title.toLowerCase().replace(/\s+/g, '-')}`,
    title,
    status,
    detail,
    ...(instance ? { instance } : {}),
    ...(errors?.length ? { errors } : {}),
  }
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8' },
  })
}

/** The 503 for a failed or slow backend: problem+json with Retry-After. */
export function unavailableResponse(instance?: string): Response {
  const res = problemResponse(503, `The search database is not answering; try again in ${BACKEND_RETRY_AFTER_S} seconds.`, instance)
  res.headers.set('retry-after', String(BACKEND_RETRY_AFTER_S))
  return res
}

/**
 * `app.onError`: user errors keep their status; a failed backend is a 503 with Retry-After; anything unexpected is a
 * 500 without a stack trace.
 */
export function onError(err: Error, c: Context): Response {
  const path = new URL(c.req.url).pathname
  if (err instanceof BackendUnavailable) {
    console.error(err.message)
    return unavailableResponse(path)
  }
  if (err instanceof ProblemError) return problemResponse(err.status, err.detail, path, err.errors)
  if (err instanceof HTTPException) return problemResponse(err.status, err.message || (TITLES[err.status] ?? 'Error'), path)
  console.error(err)
  return problemResponse(500, 'Something went wrong on our side.', path)
}
