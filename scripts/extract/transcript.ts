/**
 * @module
 * Transcripts: who "I" and "you" are in an interview laid out as labelled turns (Q:/A:/Name:) or in a
 * speech whose introduction names the speaker. The structure decides here, before the ranker.
 */

import { NAME_SOURCE } from './names'
import type { Mention } from './people'

/** "Q: …", "A: …", "Hale: …", "OKAFOR: …": a turn label at the start of a paragraph. */
const LABEL = /^(Q|A|Question|Answer|\p{Lu}[\p{L}’'.-]+(?:\s\p{Lu}[\p{L}’'.-]+){0,2})\s*:\s/u
/** "Remarks by Governor Maria Alvarez … as delivered", "Full text of Roe's speech". */
const SPEECH_BY = new RegExp(
  `\\b(?:[Rr]emarks|[Ss]peech|[Aa]ddress|[Ee]ulogy|[Ss]ermon|[Ll]ecture|[Tt]estimony|[Ss]tatement|[Kk]eynote)\\b[^.\\n]{0,60}?\\b(?:by|of|from)\\s+(${NAME_SOURCE})|(${NAME_SOURCE})[’']s\\s+(?:full\\s+|prepared\\s+)?(?:remarks|speech|address|eulogy|sermon|lecture|testimony|keynote)\\b`,
  'u',
)
const TRANSCRIPT_NOTE = /\b(?:as (?:prepared for delivery|delivered)|full text|transcript|in full|the following|below)\b/i

/**
 * Who "I" and "you" are in a transcript. An interview: paragraphs opening with turn labels (three or
 * more, two labels at least); "A:" is the person the introduction names first, "Q:" the interviewer
 * (unnamed), a name label ("Hale:") that person. A speech: the introduction says whose remarks follow.
 * Elsewhere "I" is the reporter, and no one is returned.
 */
export function transcriptVoice(body: string, people: Mention[]): ((at: number, pronoun: 'i' | 'you') => string | null) | undefined {
  const turns: { at: number; label: string }[] = []
  for (let at = 0; at < body.length; ) {
    const end = body.indexOf('\n', at)
    const head = body.slice(at, at + 60)
    const label = head.includes(':') ? LABEL.exec(head)?.[1] : undefined
    if (label && !/^(?:Update|Note|Editor|Correction|Read|Watch|Related|Source|Photo|Video)$/i.test(label)) turns.push({ at, label })
    at = end < 0 ? body.length : end + 1
  }
  if (turns.length >= 3 && new Set(turns.map((t) => t.label)).size >= 2) {
    const first = (turns[0] as { at: number }).at
    const subject = people.find((p) => p.at < first && !p.org && !p.quoted && p.subject && p.name.includes(' '))
    const interviewee = subject?.name ?? null
    return (at, pronoun) => {
      let i = turns.length - 1
      while (i >= 0 && (turns[i] as { at: number }).at > at) i--
      const turn = turns[i]
      if (!turn) return null
      const answer = /^(?:A|Answer)$/.test(turn.label)
      const question = /^(?:Q|Question)$/.test(turn.label)
      if (pronoun === 'i') return answer ? interviewee : question ? null : turn.label
      if (question) return interviewee
      if (answer) return null
      // "you" in a named turn: the one whose turn came before (or, in the first turn, after).
      const other = (j: number) => turns[j]?.label !== turn.label
      for (let j = i - 1; j >= 0; j--) if (other(j)) return (turns[j] as { label: string }).label
      for (let j = i + 1; j < turns.length; j++) if (other(j)) return (turns[j] as { label: string }).label
      return null
    }
  }
  const introEnd = body.indexOf('\n')
  const intro = body.slice(0, introEnd < 0 ? body.length : introEnd)
  const speech = SPEECH_BY.exec(intro)
  const speaker = speech?.[1] ?? speech?.[2]
  if (!speaker || !TRANSCRIPT_NOTE.test(intro)) return undefined
  return (at, pronoun) => (pronoun === 'i' && at > intro.length ? speaker : null)
}
