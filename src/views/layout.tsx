/**
 * @module
 * The page shell: landmarks, skip link, header search link, footer. Styles and script are same-origin files.
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

export function Layout({ title, description, head, children }: LayoutProps) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="light dark" />
          <title>{title === 'verbatim' ? title : `${title} · verbatim`}</title>
          {description ? <meta name="description" content={description} /> : null}
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          <link rel="stylesheet" href="/assets/app.css" />
          {head}
          <script src="/assets/app.js" defer></script>
        </head>
        <body>
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
              <p>
                Every quote is traced to the exact words in its source. Quotes belong to their speakers; articles keep their own licenses.
              </p>
            </div>
          </footer>
        </body>
      </html>
    </>
  )
}
