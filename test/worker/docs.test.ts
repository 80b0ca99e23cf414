import { describe, expect, it } from 'vitest'
import { FACET_LIMIT } from '../../src/search/options'
import { call } from './helpers'

describe('OpenAPI document and reference page', () => {
  it('documents every API route from the validating schemas', async () => {
    const { body } = await call('/api/openapi.json')
    expect(body.openapi).toBe('3.1.0')
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/api/search', '/api/suggest', '/api/random', '/api/verify', '/api/quotes/{id}', '/api/stats']),
    )
    const search = body.paths['/api/search'].get
    expect(search.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['q', 'sort', 'page', 'limit']))
    expect(search.responses['200'].content['application/json'].schema.properties).toHaveProperty('facets')
    const verify = body.paths['/api/verify'].post
    expect(verify.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/VerifyRequest')
    expect(Object.keys(verify.responses)).toEqual(expect.arrayContaining(['200', '400', '413', '415']))
  })

  it('states the facet limit the search applies', async () => {
    const { body } = await call('/api/openapi.json')
    const description: string = body.components.schemas.Facets.description
    expect(description).toContain(`at most ${FACET_LIMIT} each`)
  })

  it('renders the document as an HTML page without scripts from elsewhere', async () => {
    const { res, body } = await call('/api/docs')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
    const spec = (await call('/api/openapi.json')).body
    for (const [path, item] of Object.entries(spec.paths as Record<string, Record<string, { summary: string }>>))
      for (const [method, op] of Object.entries(item)) {
        expect(body).toContain(`<span class="method">${method.toUpperCase()}</span> ${path}`)
        expect(body).toContain(op.summary.replace(/&/g, '&amp;'))
      }
    expect(body).toContain('id="schema-VerifyRequest"')
    expect(body).toContain('href="#schema-Problem"')
    expect(body).toContain('<code>sort</code>')
    for (const src of body.match(/\s(?:src|href)="(https?:)?\/\/[^"]+"/g) ?? []) expect(src).toMatch(/verbatim\.test/)
    const css = await call('/assets/docs.css')
    expect(css.res.headers.get('content-type')).toMatch(/^text\/css/)
  })
})
