import { env, exports } from 'cloudflare:workers'
import { foldText } from '../../src/text'

/** True in the worker-d1 project (wrangler.d1.toml): the relevance suite lists each backend's known failures by it. */
export const onD1 = (env as { SEARCH_BACKEND?: string }).SEARCH_BACKEND === 'd1'

/** Calls the real Worker in workerd. */
export async function call(path: string, init?: RequestInit) {
  const res = await exports.default.fetch(new Request(`http://verbatim.test${path}`, init))
  const type = res.headers.get('content-type') ?? ''
  const body = type.includes('json') ? ((await res.json()) as any) : await res.text()
  return { res, body, type }
}

/** Folded words of a text, joined by single spaces (case, diacritics, apostrophes, punctuation): what "contains" compares. */
export const fold = (s: string) =>
  foldText(s)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
