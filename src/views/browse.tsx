/**
 * @module
 * The list pages: /speakers (filter by name, sort, paged) and /sources (outlet, date, title, quote count, paged).
 * Plain GET forms: they work without JavaScript and every state is a shareable URL.
 */
import type { Child } from 'hono/jsx'
import { DateText, Pager } from './components'
import { Layout } from './layout'

/** What every list page shows besides its items: how many there are, the page shown, the number of pages, a page's URL. */
export interface ListPageProps {
  total: number
  page: number
  pages: number
  href: (page: number) => string
}

/**
 * The frame of a list page (/speakers, /sources): heading, a plain GET form with the page's own fields and an order,
 * a status line, the list, and its pager. Its path, ids and labels are all made from `noun`.
 */
function ListPage<Sort extends string>(p: {
  noun: 'speaker' | 'source'
  description: string
  /** Form fields before the order. */
  fields?: Child
  sort: Sort
  /** The orders offered: value and label. */
  orders: [Sort, string][]
  summary: Child
  list: ListPageProps
  children: Child
}) {
  const title = p.noun === 'speaker' ? 'Speakers' : 'Sources'
  return (
    <Layout title={title} description={p.description}>
      <h1>{title}</h1>
      <form class="search listfilter" method="get" action={`/${p.noun}s`}>
        {p.fields}
        <div>
          <label for={`${p.noun}-sort`}>Order</label>
          <select id={`${p.noun}-sort`} name="sort">
            {p.orders.map(([value, label]) => (
              <option value={value} selected={p.sort === value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Show</button>
      </form>
      <p class="summary" role="status">
        {p.summary}
      </p>
      {p.children}
      <Pager page={p.list.page} pages={p.list.pages} href={p.list.href} label={`${p.noun === 'speaker' ? 'Speaker' : 'Source'} pages`} />
    </Layout>
  )
}

export interface SpeakersPageProps extends ListPageProps {
  q: string
  sort: 'name' | 'quotes'
  speakers: { id: string; name: string; roles: string[]; quote_count: number }[]
}

export function SpeakersPage(p: SpeakersPageProps) {
  return (
    <ListPage
      noun="speaker"
      description="Everyone quoted in the corpus, with the number of their quotes."
      fields={
        <div>
          <label for="speaker-q">Name</label>
          <input type="search" id="speaker-q" name="q" value={p.q} maxlength={100} autocomplete="off" placeholder="e.g. khamenei" />
        </div>
      }
      sort={p.sort}
      orders={[
        ['name', 'Name, A–Z'],
        ['quotes', 'Most quotes first'],
      ]}
      summary={
        p.total === 0
          ? `No speaker’s name matches “${p.q}”.`
          : `${p.total} ${p.total === 1 ? 'speaker' : 'speakers'}${p.q ? ` matching “${p.q}”` : ''}${p.pages > 1 ? `, page ${p.page} of ${p.pages}` : ''}`
      }
      list={p}
    >
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
    </ListPage>
  )
}

export interface SourcesPageProps extends ListPageProps {
  sort: 'id' | '-date' | 'date' | 'quotes'
  sources: { id: string; title: string; outlet: string | null; published: string | null; quote_count: number }[]
}

export function SourcesPage(p: SourcesPageProps) {
  return (
    <ListPage
      noun="source"
      description="The articles the quotes come from."
      sort={p.sort}
      orders={[
        ['-date', 'Newest first'],
        ['date', 'Oldest first'],
        ['quotes', 'Most quotes first'],
      ]}
      summary={
        <>
          {p.total} {p.total === 1 ? 'source' : 'sources'}
          {p.pages > 1 ? `, page ${p.page} of ${p.pages}` : ''}
        </>
      }
      list={p}
    >
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
    </ListPage>
  )
}
