/**
 * @module
 * Word forms: the corpus's words grouped by Porter stem ("assassinated", "assassination", "assassinates"), so a
 * search for one form also finds the others. The index keeps words as printed (typo and prefix matching, exact
 * highlights and phrases need them); the build lists the groups (Records.word_forms) and a query word is
 * searched as itself, with its typos and prefix, or as any other form of its group, exactly. Porter is the
 * algorithm of the D1 backend's FTS5 `porter` tokenizer, so both backends join the same forms.
 */
import { stemmer } from 'stemmer'
import { foldedWords } from './options'

/** The stem of a folded word; null for a word that is not all Latin letters (left unstemmed). */
export function stemOf(word: string): string | null {
  return /^[a-z]{3,}$/.test(word) ? stemmer(word) : null
}

/**
 * The folded words of these texts by stem, for the stems a query word could reach another form by: stems with two
 * or more words, or with one word that is not the stem itself ("assassination" → "assassin", which a search for
 * "assassinated" must find). Each group sorted, groups in stem order.
 */
export function wordForms(texts: Iterable<string>): Record<string, string[]> {
  const groups = new Map<string, Set<string>>()
  for (const text of texts)
    for (const word of foldedWords(text)) {
      const stem = stemOf(word)
      if (stem === null) continue
      const group = groups.get(stem)
      if (group) group.add(word)
      else groups.set(stem, new Set([word]))
    }
  const out: Record<string, string[]> = {}
  for (const [stem, words] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    if (words.size > 1 || !words.has(stem)) out[stem] = [...words].sort()
  return out
}

/** The corpus's words with the stem of a folded word, but the word itself (none for a word without any). */
export function otherForms(forms: Record<string, string[]> | undefined, word: string): string[] {
  const stem = stemOf(word)
  if (stem === null || !forms || !Object.hasOwn(forms, stem)) return []
  return (forms[stem] as string[]).filter((w) => w !== word)
}
