/**
 * @module
 * The list pages: /speakers (filter by name, sort, paged) and /sources (outlet, date, title, quote count, paged).
 * Plain GET forms: they work without JavaScript and every state is a shareable URL.
 */
import { DateText, Pager } from './components'
import { Layout } from './layout'

export interface SpeakersPageProps {
  q: string
  sort: 'name' | 'quotes'
  total: number
  page: number
  pages: number
  speakers: { id: string; name: string; roles: string[]; quote_count: number }[]
  href: (page: number) => string
}

export function SpeakersPage(p: SpeakersPageProps) {
  return (
    <Layout title="Speakers" description="Everyone quoted in the corpus, with the number of their quotes.">
      <h1>Speakers</h1>
      <form class="search listfilter" method="get" action="/speakers">
        <div>
          <label for="speaker-q">Name</label>
          <input type="search" id="speaker-q" name="q" value={p.q} maxlength={100} autocomplete="off" placeholder="e.g. khamenei" />
        </div>
        <div>
          <label for="speaker-sort">Order</label>
          <select id="speaker-sort" name="sort">
            <option value="name" selected={p.sort === 'name'}>
              Name, A–Z
            </option>
            <option value="quotes" selected={p.sort === 'quotes'}>
              Most quotes first
            </option>
          </select>
        </div>
        <button type="submit">Show</button>
      </form>
      <p class="summary" role="status">
        {p.total === 0
          ? `No speaker’s name matches “${p.q}”.`
          : `${p.total} ${p.total === 1 ? 'speaker' : 'speakers'}${p.q ? ` matching “${p.q}”` : ''}${p.pages > 1 ? `, page ${p.page} of ${p.pages}` : ''}`}
      </p>
      <ul class="listing">
        {p.speakers.map((s) => (
          <li>
            <a href={`/speakers/${encodeURIComponent(s.id)}`}>{s.name}</a>
            <span class="count">
              {s.quote_count} {s.quote_count === 1 ? 'quote' : 'quotes'}
            </span>
            {s.roles.length > 0 ? <span class="roles">{s.roles.join('; ')}</span> : null}
          </li>
        ))}
      </ul>
      <Pager page={p.page} pages={p.pages} href={p.href} label="Speaker pages" />
    </Layout>
  )
}

export interface SourcesPageProps {
  sort: 'id' | '-date' | 'date' | 'quotes'
  total: number
  page: number
  pages: number
  sources: { id: string; title: string; outlet: string | null; published: string | null; quote_count: number }[]
  href: (page: number) => string
}

export function SourcesPage(p: SourcesPageProps) {
  return (
    <Layout title="Sources" description="The articles the quotes come from.">
      <h1>Sources</h1>
      <form class="search listfilter" method="get" action="/sources">
        <div>
          <label for="source-sort">Order</label>
          <select id="source-sort" name="sort">
            <option value="-date" selected={p.sort === '-date'}>
              Newest first
            </option>
            <option value="date" selected={p.sort === 'date'}>
              Oldest first
            </option>
            <option value="quotes" selected={p.sort === 'quotes'}>
              Most quotes first
            </option>
          </select>
        </div>
        <button type="submit">Show</button>
      </form>
      <p class="summary" role="status">
        {p.total} {p.total === 1 ? 'source' : 'sources'}
        {p.pages > 1 ? `, page ${p.page} of ${p.pages}` : ''}
      </p>
      <table class="sources">
        <caption class="visually-hidden">Sources with their outlet, date and number of quotes</caption>
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Outlet</th>
            <th scope="col">Published</th>
            <th scope="col" class="num">
              Quotes
            </th>
          </tr>
        </thead>
        <tbody>
          {p.sources.map((s) => (
            <tr>
              <td>
                <a href={`/sources/${encodeURIComponent(s.id)}`}>{s.title}</a>
              </td>
              <td data-label="Outlet">{s.outlet ?? '—'}</td>
              <td data-label="Published">
                <DateText date={s.published} />
              </td>
              <td class="num" data-label="Quotes">
                {s.quote_count}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={p.page} pages={p.pages} href={p.href} label="Source pages" />
    </Layout>
  )
}
