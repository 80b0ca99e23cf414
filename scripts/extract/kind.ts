/**
 * @module
 * Full quotation or fragment. A quotation is a statement: a clause or sentence of someone's words,
 * standing on its own or introduced by a speech verb. A fragment is a short phrase woven into the
 * reporter's sentence: scare quotes, a nickname, a title, a slogan.
 */
import type { QuoteKind } from '../../src/types'

export interface KindContext {
  /** A speech cue sits right next to the quote ("…,” she said" / "She said: “…"). */
  cued: boolean
  /** The quote begins its sentence or paragraph (nothing of the reporter's before it in the sentence). */
  standalone: boolean
  /** A speech verb introduces the quote directly, as its object ("saying “time is running out.”"). */
  introduced?: boolean
  /** The quote continues a phrase of the reporter's: after "as", "and", a determiner or a preposition. */
  woven?: boolean
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length
}

export function classifyKind(text: string, ctx: KindContext = { cued: false, standalone: false }): QuoteKind {
  const words = wordCount(text)
  const capital = /^[\p{Lu}\p{N}]/u.test(text)
  const sentence = /[.!?…]$|[.!?…][’”"')\]]*$/u.test(text)
  // "include 'Back Seat Driver' and 'Rock 'n' Roll Runaway'": a title in the reporter's sentence.
  if (!ctx.cued && !ctx.standalone && !ctx.introduced && !sentence && titleCase(text)) return 'fragment'
  // "the intro to “Rollin’ Down to the Harbor.”", "signs with sayings such as, “More Books in Schools, Fewer
  // Fees for Parents.”": a short title-case line with no speaker's cue is a title or slogan, full stop or not.
  if (!ctx.cued && !ctx.introduced && words <= 10 && titleCase(text.replace(/,/g, ''))) return 'fragment'
  if (words >= 4) {
    // Woven into the reporter's sentence in lower case: a phrase, unless it runs as long as a clause.
    if (capital || ctx.standalone) return 'quotation'
    // "…, saying “time is running out for many.”": a whole sentence as the object of a speech verb.
    if (ctx.introduced && sentence) return 'quotation'
    // "introduced Doe as “someone who has redefined …”": however long, a phrase that continues the sentence.
    return words >= 12 && !ctx.woven ? 'quotation' : 'fragment'
  }
  // "No.", "Please," he said: a short utterance that stands as its own sentence.
  return capital && ctx.standalone && (ctx.cued || sentence) ? 'quotation' : 'fragment'
}

const MINOR = /^(?:a|an|the|and|or|but|of|in|on|at|to|for|by|with|from|as|vs?\.?|['’]?n['’]?|&)$/i

/** Every word capitalised but the small ones: a title of a work ("Rock 'n' Roll Runaway", "The Lord of the Rings"). */
export function titleCase(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => /\p{L}/u.test(w))
  return words.length >= 2 && words.every((w, i) => /^\P{L}*\p{Lu}/u.test(w) || (i > 0 && MINOR.test(w)))
}
