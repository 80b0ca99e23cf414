/**
 * @module
 * The search page: the form with its filters (counts from the facets, applied at once with JavaScript, removable
 * chips), what the search did with the words (notices), and the results. /assets/app.js updates the results in place
 * as the user types; without it the form submits.
 */
import { foldText } from '../text'
import { type QuoteItem, QuoteListItem, type Ref } from './components'
import { Layout } from './layout'

export interface SearchForm {
  q: string
  speaker: string
  source: string
  kind: string
  from: string
  to: string
}

export interface HomeProps {
  form: SearchForm
  errors: string[]
  /** Null before any search or filter: the page then shows the newest quotes. */
  total: number
  /** False when the backend stopped counting at a cap: more than `total` quotes match. */
  totalIsExact?: boolean
  page: number
  pages: number
  items: QuoteItem[]
  speakers: (Ref & { count: number })[]
  sources: { id: string; title: string; count: number }[]
  /** Quotes of each kind the current query finds (the kind filter left out). */
  kinds?: { value: string; count: number }[]
  /** Quotes of each year the current query finds (the date filters left out), newest first: links that set them. */
  years?: { value: string; count: number }[]
  /** Builds the URL of another results page with the same query. */
  pageHref: (page: number) => string
  searched: boolean
  /** How the query was read (src/search/search.ts Reading), for the notices above the results. */
  reading?: { match: 'all' | 'any'; corrected: { typed: string; searched: string }[]; common: string[] }
}

/** The query with each corrected word replaced by the word searched instead. */
export function correctedQuery(q: string, corrected: { typed: string; searched: string }[]): string {
  const by = new Map(corrected.map((c) => [c.typed, c.searched]))
  return q.replace(/[\p{L}\p{N}]+(?:['‘’][\p{L}\p{N}]+)*/gu, (w) => by.get(foldText(w)) ?? w)
}

/** What the search did with the words, said plainly: corrections, an any-word fallback, words that did not count. */
function Notices({ q, reading }: { q: string; reading: NonNullable<HomeProps['reading']> }) {
  const notes = []
  if (reading.corrected.length > 0)
    notes.push(
      <li>
        Showing results for <strong>{correctedQuery(q, reading.corrected)}</strong> (no quote has{' '}
        {reading.corrected.map((c) => `“${c.typed}”`).join(', ')}).
      </li>,
    )
  if (reading.match === 'any') notes.push(<li>No quote has all the words; showing quotes with any of them.</li>)
  if (reading.common.length > 0) notes.push(<li>Very common words ({reading.common.join(', ')}) did not decide which quotes match.</li>)
  return notes.length > 0 ? <ul class="notices">{notes}</ul> : null
}

function Option({ value, label, selected }: { value: string; label: string; selected: boolean }) {
  return (
    <option value={value} selected={selected}>
      {label}
    </option>
  )
}

/** The search URL with these form values, empty ones left out. */
function searchHref(form: SearchForm): string {
  const u = new URLSearchParams(Object.entries(form).filter(([, v]) => v !== ''))
  const s = u.toString()
  return s ? `/?${s}` : '/'
}

/** The filters in force as chips, each a link to the same search without it, and "Clear all filters". */
function ActiveFilters({ p }: { p: HomeProps }) {
  const f = p.form
  const chips: { label: string; href: string }[] = []
  const without = (key: keyof SearchForm) => searchHref({ ...f, [key]: '' })
  if (f.speaker)
    chips.push({ label: `Speaker: ${p.speakers.find((s) => s.id === f.speaker)?.name ?? f.speaker}`, href: without('speaker') })
  if (f.source) chips.push({ label: `Source: ${p.sources.find((s) => s.id === f.source)?.title ?? f.source}`, href: without('source') })
  if (f.kind) chips.push({ label: `Kind: ${f.kind === 'quotation' ? 'quotations' : 'fragments'}`, href: without('kind') })
  if (f.from) chips.push({ label: `From ${f.from}`, href: without('from') })
  if (f.to) chips.push({ label: `To ${f.to}`, href: without('to') })
  if (chips.length === 0) return null
  return (
    <ul class="chips active-filters" aria-label="Filters in force">
      {chips.map((c) => (
        <li>
          <a href={c.href} aria-label={`Remove filter ${c.label}`}>
            {c.label} <span aria-hidden="true">×</span>
          </a>
        </li>
      ))}
      {chips.length > 1 ? (
        <li>
          <a class="clear" href={searchHref({ ...f, speaker: '', source: '', kind: '', from: '', to: '' })}>
            Clear all filters
          </a>
        </li>
      ) : null}
    </ul>
  )
}

export function HomePage(p: HomeProps) {
  const f = p.form
  const active = [f.speaker, f.source, f.kind, f.from, f.to].filter((v) => v !== '').length
  const kindCount = (k: string) => {
    const n = p.kinds?.find((x) => x.value === k)?.count
    return n === undefined ? '' : ` (${n})`
  }
  const heading = p.searched ? (f.q ? `Quotes matching “${f.q}”` : 'Filtered quotes') : 'Latest quotes'
  return (
    <Layout title={p.searched && f.q ? `“${f.q}”` : 'verbatim'} description="Search quotations traced to the exact words in their sources.">
      <h1>Find who said it, word for word</h1>
      <p class="lede">Search quotations extracted from news articles, each linked to the exact words in its source.</p>
      <search aria-label="Quotes">
        <form class="search" method="get" action="/">
          <label for="q">Words to find</label>
          <div class="searchrow">
            <input
              type="search"
              id="q"
              name="q"
              value={f.q}
              maxlength={200}
              autocomplete="off"
              list="q-suggestions"
              placeholder="e.g. revenge, withdrawal"
            />
            <button type="submit">Search</button>
          </div>
          <datalist id="q-suggestions"></datalist>
          <details class="filters" open={active > 0}>
            <summary id="filters-summary">Filters{active > 0 ? ` (${active} on)` : ''}</summary>
            <div class="filtergrid">
              <div>
                <label for="speaker">Speaker</label>
                <select id="speaker" name="speaker">
                  <Option value="" label="Any speaker" selected={f.speaker === ''} />
                  {p.speakers.map((s) => (
                    <Option value={s.id} label={`${s.name} (${s.count})`} selected={f.speaker === s.id} />
                  ))}
                </select>
              </div>
              <div>
                <label for="source">Source</label>
                <select id="source" name="source">
                  <Option value="" label="Any source" selected={f.source === ''} />
                  {p.sources.map((s) => (
                    <Option
                      value={s.id}
                      label={`${s.title.length > 60 ? `${s.title.slice(0, 59)}…` : s.title} (${s.count})`}
                      selected={f.source === s.id}
                    />
                  ))}
                </select>
              </div>
              <div>
                <label for="kind">Kind</label>
                <select id="kind" name="kind">
                  <Option value="" label="Any kind" selected={f.kind === ''} />
                  <Option value="quotation" label={`Quotations${kindCount('quotation')}`} selected={f.kind === 'quotation'} />
                  <Option value="fragment" label={`Fragments${kindCount('fragment')}`} selected={f.kind === 'fragment'} />
                </select>
              </div>
              <div>
                <label for="from">From date</label>
                <input type="date" id="from" name="from" value={f.from} />
              </div>
              <div>
                <label for="to">To date</label>
                <input type="date" id="to" name="to" value={f.to} />
              </div>
            </div>
            {p.years && p.years.length > 0 ? (
              <div class="years" id="years">
                <p class="label" id="years-label">
                  Quotes by year
                </p>
                <ul class="chips" aria-labelledby="years-label">
                  {p.years.map((y) => (
                    <li>
                      <a href={searchHref({ ...f, from: `${y.value}-01-01`, to: `${y.value}-12-31` })}>
                        {y.value} ({y.count})
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </details>
        </form>
      </search>
      <div id="results">
        <ActiveFilters p={p} />
        {p.errors.length > 0 ? (
          <div class="formerror" role="alert">
            <p>The search could not run:</p>
            <ul>
              {p.errors.map((e) => (
                <li>{e}</li>
              ))}
            </ul>
          </div>
        ) : (
          <section aria-labelledby="results-heading">
            <h2 id="results-heading">{heading}</h2>
            {p.reading ? <Notices q={f.q} reading={p.reading} /> : null}
            <p class="summary" role="status">
              {p.total === 0
                ? 'No quotes found. Try fewer words or remove a filter.'
                : `${p.totalIsExact === false ? 'More than ' : ''}${p.total.toLocaleString('en-US')} ${p.total === 1 ? 'quote' : 'quotes'}${p.pages > 1 ? `, page ${p.page} of ${p.pages.toLocaleString('en-US')}` : ''}`}
            </p>
            <ol class="results">
              {p.items.map((item) => (
                <QuoteListItem item={item} />
              ))}
            </ol>
            {p.items.length === 0 && p.total > 0 ? (
              <p>
                This page is past the last one. <a href={p.pageHref(1)}>Back to the first page</a>.
              </p>
            ) : null}
            {p.pages > 1 ? (
              <nav class="pages" aria-label="Result pages">
                {p.page > 1 ? (
                  <a href={p.pageHref(p.page - 1)} rel="prev">
                    ← Previous
                  </a>
                ) : null}
                <span>
                  Page {p.page} of {p.pages}
                </span>
                {p.page < p.pages ? (
                  <a href={p.pageHref(p.page + 1)} rel="next">
                    Next →
                  </a>
                ) : null}
              </nav>
            ) : null}
          </section>
        )}
      </div>
    </Layout>
  )
}
