/**
 * @module
 * The factory every resource app uses: validation failures become one 400 problem+json.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../data'
import { ProblemError } from '../problem'

export function createApp() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (result.success) return
      const errors = result.error.issues.map((i) => ({ parameter: i.path.join('.') || '(request)', message: i.message }))
      throw new ProblemError(400, errors.map((e) => `${e.parameter} ${e.message}`).join('; '), errors)
    },
  })
}
