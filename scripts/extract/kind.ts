import type { QuoteKind } from '../../src/types'

/**
 * A full quotation is a statement: it starts like a sentence and runs several words, or it is long.
 * Anything else (scare quotes, short phrases, titles) is a fragment.
 */
export function classifyKind(text: string): QuoteKind {
  const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length
  if (words >= 12) return 'quotation'
  if (words >= 5 && /^[\p{Lu}\p{N}]/u.test(text) && /[.!?…]$|[\p{L}\p{N}]$/u.test(text)) return 'quotation'
  return 'fragment'
}
