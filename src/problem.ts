/**
 * @module
 * Every error answer has one shape: RFC 9457 problem details, served as application/problem+json.
 */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

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

/** `app.onError`: user errors keep their status; anything unexpected is a 500 without a stack trace. */
export function onError(err: Error, c: Context): Response {
  const path = new URL(c.req.url).pathname
  if (err instanceof ProblemError) return problemResponse(err.status, err.detail, path, err.errors)
  if (err instanceof HTTPException) return problemResponse(err.status, err.message || (TITLES[err.status] ?? 'Error'), path)
  console.error(err)
  return problemResponse(500, 'Something went wrong on our side.', path)
}
