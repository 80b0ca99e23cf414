/**
 * @module
 * /verify: paste a quote (and who said it), get a verdict, a word diff against each printed quote, the sources that
 * print it and whether it is printed as someone else's. A GET form, so every result has a shareable URL.
 */

import type { Ref } from './components'
import { Layout } from './layout'

export interface VerifyMatchView {
  id: string
  text: string
  speaker: Ref | null
  verdict: string
  similarity: number
  excerpt: boolean
  attribution: 'same' | 'other' | 'unknown' | null
  diff: { op: 'equal' | 'insert' | 'delete'; text: string }[]
  sources: { id: string; title: string }[]
}

export interface VerifyPageProps {
  text: string
  speaker: string
  errors: string[]
  result: { verdict: string; misattributed: boolean; attributedTo: Ref[]; matches: VerifyMatchView[] } | null
}

const VERDICT: Record<string, string> = {
  verbatim: 'Printed word for word',
  close: 'Printed with small changes',
  paraphrase: 'A paraphrase of a printed quote',
  not_found: 'Not found in the sources',
}

const ATTRIBUTION: Record<string, string> = {
  same: 'printed as said by the speaker you named',
  other: 'printed as someone else’s words',
  unknown: 'printed without a speaker',
}

function Diff({ ops }: { ops: VerifyMatchView['diff'] }) {
  return (
    <p class="diff">
      {ops.map((o) =>
        o.op === 'equal' ? (
          <span>{o.text} </span>
        ) : o.op === 'delete' ? (
          <>
            <del>{o.text}</del>{' '}
          </>
        ) : (
          <>
            <ins>{o.text}</ins>{' '}
          </>
        ),
      )}
    </p>
  )
}

export function VerifyPage(p: VerifyPageProps) {
  const r = p.result
  return (
    <Layout
      title={r ? `Check: ${VERDICT[r.verdict] ?? r.verdict}` : 'Check a quote'}
      description="Check a quote against the printed record."
    >
      <h1>Check a quote</h1>
      <p class="lede">Paste the words as you read or heard them. We compare them with every quotation printed in the sources.</p>
      <form class="search verify" method="get" action="/verify">
        <label for="verify-text">The quote</label>
        <textarea id="verify-text" name="text" rows={4} maxlength={2000} required>
          {p.text}
        </textarea>
        <label for="verify-speaker">Said by (optional)</label>
        <input
          type="text"
          id="verify-speaker"
          name="speaker"
          value={p.speaker}
          maxlength={128}
          autocomplete="off"
          placeholder="e.g. Khamenei"
        />
        <button type="submit">Check</button>
      </form>
      {p.errors.length > 0 ? (
        <div class="formerror" role="alert">
          <p>The check could not run:</p>
          <ul>
            {p.errors.map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {r ? (
        <section aria-labelledby="verdict-heading">
          <h2 id="verdict-heading" class={`verdict verdict-${r.verdict}`}>
            {VERDICT[r.verdict] ?? r.verdict}
          </h2>
          {r.misattributed ? (
            <p class="notices" role="status">
              Misattributed: these words are printed as said by {r.attributedTo.map((s) => s.name).join(', ') || 'someone else'}, not by{' '}
              {p.speaker}.
            </p>
          ) : null}
          {r.matches.length === 0 ? <p class="summary">No printed quotation comes close to these words.</p> : null}
          <ol class="results">
            {r.matches.map((m) => (
              <li class="quote">
                <blockquote>
                  <p>
                    <a class="qlink" href={`/quotes/${encodeURIComponent(m.id)}`}>
                      {m.text}
                    </a>
                  </p>
                </blockquote>
                <p class="meta">
                  {m.speaker ? (
                    <a class="speaker" href={`/speakers/${encodeURIComponent(m.speaker.id)}`}>
                      {m.speaker.name}
                    </a>
                  ) : (
                    <span class="speaker">Unattributed</span>
                  )}
                  <span>
                    {VERDICT[m.verdict] ?? m.verdict}
                    {m.excerpt ? ' (an excerpt of it)' : ''}, similarity {Math.round(m.similarity * 100)}%
                  </span>
                  {m.attribution ? <span>{ATTRIBUTION[m.attribution]}</span> : null}
                </p>
                <p class="summary">
                  Differences: <del>struck through</del> is printed but not in your words, <ins>underlined</ins> is yours but not printed.
                </p>
                <Diff ops={m.diff} />
                <ul class="chips" aria-label="Sources printing this quote">
                  {m.sources.map((s) => (
                    <li>
                      <a href={`/sources/${encodeURIComponent(s.id)}#q-${encodeURIComponent(m.id)}`} title={s.title}>
                        {s.title}
                      </a>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </Layout>
  )
}
