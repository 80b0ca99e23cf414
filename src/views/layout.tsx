/**
 * @module
 * The page shell: the HTML document (shared with the embed card, src/views/embed.tsx), landmarks, skip link, header
 * search link, footer. Styles and script are same-origin files.
 */
import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'

export interface LayoutProps {
  title: string
  description?: string
  /** Extra <head> content, e.g. the oEmbed discovery link. */
  head?: Child
  children?: Child
}

/** What the HTML document around a page says: its title, its same-origin assets, and what it adds to <head>. */
export interface DocumentProps {
  /** The whole <title>. */
  title: string
  /** The page's stylesheet and script: `/assets/<assets>.css` and `/assets/<assets>.js` (deferred). */
  assets: 'app' | 'card'
  /** The color-scheme meta (default `light dark`). */
  colorScheme?: string
  /** Attributes of <html> besides `lang`. */
  html?: { class?: string; 'data-quote-id'?: string }
  /** <head> content after the title, before the stylesheet. */
  head?: Child
  children?: Child
}

/** The HTML document every page and embed card is served in: doctype, <head> with its assets, and <body>. */
export function Document({ title, assets, colorScheme = 'light dark', html, head, children }: DocumentProps) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en" {...html}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content={colorScheme} />
          <title>{title}</title>
          {head}
          <link rel="stylesheet" href={`/assets/${assets}.css`} />
          <script src={`/assets/${assets}.js`} defer></script>
        </head>
        <body>{children}</body>
      </html>
    </>
  )
}

export function Layout({ title, description, head, children }: LayoutProps) {
  return (
    <Document
      title={title === 'verbatim' ? title : `${title} · verbatim`}
      assets="app"
      head={
        <>
          {description ? <meta name="description" content={description} /> : null}
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          {head}
        </>
      }
    >
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="site">
        <div class="wrap">
          <a class="brand" href="/">
            verba<span>tim</span>
          </a>
          <nav aria-label="Site">
            <ul>
              <li>
                <a href="/">Search</a>
              </li>
              <li>
                <a href="/speakers">Speakers</a>
              </li>
              <li>
                <a href="/sources">Sources</a>
              </li>
              <li>
                <a href="/verify">Check a quote</a>
              </li>
              <li>
                <a href="/api/docs">API</a>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" tabindex={-1}>
        <div class="wrap">{children}</div>
      </main>
      <footer class="site">
        <div class="wrap">
          <p>Every quote is traced to the exact words in its source. Quotes belong to their speakers; articles keep their own licenses.</p>
        </div>
      </footer>
    </Document>
  )
}
