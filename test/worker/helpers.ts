import { exports } from 'cloudflare:workers'

/** Calls the real Worker in workerd. */
export async function call(path: string, init?: RequestInit) {
  const res = await exports.default.fetch(new Request(`http://verbatim.test${path}`, init))
  const type = res.headers.get('content-type') ?? ''
  const body = type.includes('json') ? ((await res.json()) as any) : await res.text()
  return { res, body, type }
}
