/**
 * @module
 * Page furniture that scrapers leave in article text: comment forms, subscribe links, tag lists,
 * license footers. Each rule is a pure test on one line; what matches is removed from the
 * searchable body and recorded with its line number, never dropped silently.
 */

/** Whole lines that are page chrome, not article text. */
const CHROME_LINES: RegExp[] = [
  /^[›»>]\s*\S.{0,40}$/, // "› Subscribe", "» Read more"
  /^please enter your (comment|name|email)/i,
  /^(the )?reCAPTCHA verification/i,
  /^(more|related|recommended|popular|latest) (articles|stories|news|posts)\s*:?$/i,
  /^(share|tweet|print|email|comments?)( this( (article|story|page))?)?\s*:?$/i,
  /^(leave a (reply|comment)|post a comment|add a comment)\b/i,
  /^your email address will not be published/i,
  /^(sign up|subscribe) (for|to) (our|the) (newsletter|daily|weekly)/i,
  /^advertisement$/i,
  /^(follow us|share on) (on )?(twitter|facebook|x|telegram|instagram)/i,
]

/** A bullet item short enough to be a tag or a related link ("  • Iran"). */
const TAG_ITEM = /^\s*[•·▪◦*–-]\s+\S.{0,60}$/

/** "All Content by Mehr News Agency is licensed under a Creative Commons Attribution 4.0 International License." */
export const LICENSE =
  /(?:(?:All )?(?:Content|Contents|Text|This (?:article|work))(?: by| of)? (?<holder>[^.]{2,80}?) (?:is|are) licensed under (?<license>(?:a |the )?(?:[^.]|\.(?=\d)){3,120}?License)\.?|(?<cc>Licensed under (?:a |the )?Creative Commons(?:[^.]|\.(?=\d)){0,100}\.?))\s*$/

/** A desk signature wire services append: "MS/PA", "PA/PA". */
const SIGNATURE = /(?:^|\s)([A-Z]{2,4}\/[A-Z]{2,4})\s*$/

export function isChromeLine(line: string): boolean {
  const t = line.trim()
  return t.length > 0 && CHROME_LINES.some((re) => re.test(t))
}

export function isTagItem(line: string): boolean {
  const t = line.trim()
  return TAG_ITEM.test(line) && t.split(/\s+/).length <= 7 && !/[!?:;]["”’]?$/.test(t)
}

export interface Footer {
  /** The line with the footer removed (trailing spaces trimmed). */
  kept: string
  removed: { reason: 'license' | 'signature'; text: string }[]
  license: string | null
  holder: string | null
}

/** Splits a license footer and a desk signature off the end of a line. */
export function splitFooter(line: string): Footer {
  const out: Footer = { kept: line, removed: [], license: null, holder: null }
  const lic = LICENSE.exec(line)
  if (lic && lic.index !== undefined) {
    out.kept = line.slice(0, lic.index).trimEnd()
    out.removed.push({ reason: 'license', text: lic[0].trim() })
    out.license = (lic.groups?.license ?? lic.groups?.cc ?? '').replace(/^(a|the) /i, '').trim() || null
    out.holder = lic.groups?.holder?.trim() ?? null
  }
  const sig = SIGNATURE.exec(out.kept)
  if (sig && out.removed.length > 0) {
    out.kept = out.kept.slice(0, sig.index).trimEnd()
    out.removed.unshift({ reason: 'signature', text: sig[1] ?? '' })
  }
  return out
}
