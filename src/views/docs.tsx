/**
 * @module
 * /api/docs: the OpenAPI document rendered on the server as one readable page (no script, no CDN):
 * every operation with its parameters, request body, answers and schemas, linked to the named schemas.
 */
import type { Child } from 'hono/jsx'
import { Layout } from './layout'

type Json = Record<string, any>

/** /assets/docs.css: the few rules the reference needs beyond the site stylesheet. */
export const docsCss = `
.op{border:1px solid var(--line);border-radius:10px;background:var(--panel);padding:.25rem 1.25rem 1rem;margin:1.25rem 0}
.op h2{margin-top:1rem;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:1.1rem}
.method{display:inline-block;min-width:4rem;font-weight:700;color:var(--accent)}
table.params{border-collapse:collapse;width:100%;font-size:.95rem}
table.params th,table.params td{border-top:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
code,.schema{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
.schema ul{list-style:none;margin:.1rem 0;padding-left:1.25rem;border-left:1px solid var(--line)}
.schema li{margin:.15rem 0}
.muted{color:var(--muted)}
.toc{columns:2 18rem}
`

const refName = (ref: string) => ref.split('/').at(-1) ?? ref

/** A short type: `string`, `integer ≥ 1`, `"a" | "b"`, `array of Quote`, `string | null`. */
function typeLabel(s: Json | undefined): Child {
  if (!s) return 'any'
  if (s.$ref) return <a href={`#schema-${refName(s.$ref)}`}>{refName(s.$ref)}</a>
  if (s.enum) return (s.enum as unknown[]).map((v) => JSON.stringify(v)).join(' | ')
  const alts = (s.anyOf ?? s.oneOf) as Json[] | undefined
  if (alts) return alts.map((a, i) => [i > 0 ? ' | ' : '', typeLabel(a)])
  const types = ([] as string[]).concat(s.type ?? [])
  if (types.includes('array')) return ['array of ', typeLabel(s.items)]
  const bounds = [
    s.minimum !== undefined ? `≥ ${s.minimum}` : '',
    s.maximum !== undefined ? `≤ ${s.maximum}` : '',
    s.maxLength !== undefined ? `≤ ${s.maxLength} chars` : '',
    s.pattern ? `/${s.pattern}/` : '',
  ].filter(Boolean)
  return `${types.join(' | ') || 'object'}${bounds.length ? ` (${bounds.join(', ')})` : ''}`
}

/** A schema as a nested list of fields (objects), or its type label. */
function Schema({ schema, depth = 0 }: { schema: Json | undefined; depth?: number }): Child {
  if (!schema || schema.$ref || !schema.properties || depth > 4) return <span class="schema">{typeLabel(schema)}</span>
  const required = new Set<string>(schema.required ?? [])
  return (
    <div class="schema">
      <ul>
        {Object.entries(schema.properties as Record<string, Json>).map(([name, prop]) => {
          const inner = prop.type === 'array' && prop.items?.properties ? prop.items : prop.properties ? prop : undefined
          return (
            <li>
              <code>{name}</code>
              {required.has(name) ? '' : <span class="muted">?</span>}:{' '}
              {inner ? (prop.type === 'array' ? 'array of' : 'object') : typeLabel(prop)}
              {prop.description ? <span class="muted"> — {prop.description}</span> : null}
              {inner ? <Schema schema={inner} depth={depth + 1} /> : null}
            </li>
          )
        })}
      </ul>
    </div>
  )
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

function opId(method: string, path: string) {
  return `op-${method}-${path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}`
}

export function DocsPage({ doc }: { doc: Json }) {
  const ops = Object.entries((doc.paths ?? {}) as Record<string, Json>).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ path, method: m, op: item[m] as Json })),
  )
  const schemas = Object.entries((doc.components?.schemas ?? {}) as Record<string, Json>)
  return (
    <Layout title="API reference" description={doc.info?.description} head={<link rel="stylesheet" href="/assets/docs.css" />}>
      <h1>API reference</h1>
      <p class="lede">
        {doc.info?.description} OpenAPI {doc.openapi}: <a href="/api/openapi.json">/api/openapi.json</a>. Errors are{' '}
        <a href="#schema-Problem">problem details</a> (<code>application/problem+json</code>). GET answers carry an <code>ETag</code> (
        <code>If-None-Match</code> gives 304) and are open to other origins (CORS).
      </p>
      <nav aria-label="Operations">
        <ul class="toc">
          {ops.map(({ path, method, op }) => (
            <li>
              <a href={`#${opId(method, path)}`}>
                <span class="method">{method.toUpperCase()}</span> <code>{path}</code>
              </a>{' '}
              {op.summary}
            </li>
          ))}
        </ul>
      </nav>
      {ops.map(({ path, method, op }) => {
        const params = (op.parameters ?? []) as Json[]
        const body = op.requestBody?.content?.['application/json']?.schema as Json | undefined
        return (
          <section class="op" id={opId(method, path)} aria-labelledby={`${opId(method, path)}-h`}>
            <h2 id={`${opId(method, path)}-h`}>
              <span class="method">{method.toUpperCase()}</span> {path}
            </h2>
            <p>
              <strong>{op.summary}</strong>
              {op.description ? ` ${op.description}` : ''}
            </p>
            {params.length > 0 ? (
              <table class="params">
                <caption class="muted">Parameters</caption>
                <thead>
                  <tr>
                    <th scope="col">name</th>
                    <th scope="col">in</th>
                    <th scope="col">type</th>
                    <th scope="col">meaning</th>
                  </tr>
                </thead>
                <tbody>
                  {params.map((p) => (
                    <tr>
                      <td>
                        <code>{p.name}</code>
                        {p.required ? ' (required)' : ''}
                      </td>
                      <td>{p.in}</td>
                      <td class="schema">
                        {typeLabel(p.schema)}
                        {p.schema?.default !== undefined ? `, default ${JSON.stringify(p.schema.default)}` : ''}
                      </td>
                      <td>
                        {p.description ?? p.schema?.description ?? ''}
                        {p.schema?.example !== undefined ? (
                          <span class="muted"> e.g. {JSON.stringify(p.schema.example)}</span>
                        ) : p.example !== undefined ? (
                          <span class="muted"> e.g. {JSON.stringify(p.example)}</span>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {body ? (
              <>
                <h3>Request body (application/json)</h3>
                <Schema schema={body} />
              </>
            ) : null}
            <h3>Answers</h3>
            <ul>
              {Object.entries((op.responses ?? {}) as Record<string, Json>).map(([status, r]) => {
                const [type, media] = Object.entries((r.content ?? {}) as Record<string, Json>)[0] ?? []
                return (
                  <li>
                    <strong>{status}</strong> {r.description}
                    {type ? (
                      <>
                        {' '}
                        <span class="muted">({type})</span>
                        <Schema schema={media?.schema} />
                      </>
                    ) : null}
                  </li>
                )
              })}
            </ul>
          </section>
        )
      })}
      <h2>Schemas</h2>
      {schemas.map(([name, schema]) => (
        <section id={`schema-${name}`} aria-label={name}>
          <h3>
            <code>{name}</code>
          </h3>
          {schema.description ? <p>{schema.description}</p> : null}
          <Schema schema={schema} />
        </section>
      ))}
    </Layout>
  )
}
