/**
 * @module
 * Small text helpers shared by the prebuild and the Worker.
 */

const folded = new Map<string, string>()

/** Folds a name for comparison: case, diacritics, apostrophes, hyphens. Memoised: names repeat. */
export function foldName(name: string): string {
  const hit = folded.get(name)
  if (hit !== undefined) return hit
  if (folded.size > 50_000) folded.clear()
  const result = fold(name)
  folded.set(name, result)
  return result
}

/** Lower case without diacritics or apostrophes: "Es’haq" and "ESHAQ" meet. The base of every fold below. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['‘’ʼ`´]/g, '')
}

function fold(name: string): string {
  return foldText(name)
    .replace(/\./g, '')
    .replace(/[-\s]+/g, ' ')
    .trim()
}

/** A URL-safe id from a name: "Es’haq Jahangiri" → "eshaq-jahangiri". */
export function speakerId(name: string): string {
  return (
    foldName(name)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'unknown'
  )
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string)
}
