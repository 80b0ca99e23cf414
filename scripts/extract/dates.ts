/**
 * @module
 * Dates as news text writes them, turned into ISO `YYYY-MM-DD`.
 */

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
}

const MONTH =
  '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?'
const WEEKDAY = '(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\\.?,?\\s+)?'

/** "Saturday, December 2, 2023", "Jan. 8, 2020", "Sept 7 2018". */
const MONTH_FIRST = new RegExp(`^${WEEKDAY}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})$`, 'i')
/** "2 December 2023", "Saturday 2 Dec. 2023". */
const DAY_FIRST = new RegExp(`^${WEEKDAY}(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH},?\\s+(\\d{4})$`, 'i')
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/

function iso(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

function monthNumber(name: string): number {
  return MONTHS[name.toLowerCase().slice(0, name.toLowerCase().startsWith('sept') ? 4 : 3)] ?? 0
}

/** Parses one whole date string; null when it is not a (valid) date. */
export function parseDate(text: string): string | null {
  const s = text.trim()
  let m = ISO.exec(s)
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]))
  m = MONTH_FIRST.exec(s)
  if (m) return iso(Number(m[3]), monthNumber(m[1] ?? ''), Number(m[2]))
  m = DAY_FIRST.exec(s)
  if (m) return iso(Number(m[3]), monthNumber(m[2] ?? ''), Number(m[1]))
  return null
}

/** A bracketed date that news and transcripts put after a passage: "[Jan. 8, 2020]". */
export const BRACKET_DATE = /\[\s*([A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4}|\d{4}-\d{2}-\d{2})\s*\]/g
