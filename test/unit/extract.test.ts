import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseSource } from '../../scripts/corpus/parse'
import { cueAfter, cueBefore } from '../../scripts/extract/cues'
import { type ExtractOptions, extractQuotations } from '../../scripts/extract/extract'
import { classifyKind } from '../../scripts/extract/kind'
import { trimName } from '../../scripts/extract/name-runs'
import { findPeople } from '../../scripts/extract/people'
import { buildRegistry } from '../../scripts/extract/registry'
import type { Source } from '../../src/types'
import { extract, RULES, texts } from './extract-helpers'

describe('findQuotations: marks', () => {
  it('pairs curly, straight and British single marks, keeping punctuation inside the marks', () => {
    expect(texts('“We will win,” she said. "Now," he said.')).toEqual(['We will win,', 'Now,'])
    expect(texts("'We are not going anywhere,' the manager said.")).toEqual(['We are not going anywhere,'])
  })

  it('keeps stray spaces inside the marks as printed (“ Dawson’s Creek ”), not line breaks', () => {
    expect(texts('The former “ Dawson’s Creek ” star was voted off “ Dancing with the Stars.”')).toEqual([
      ' Dawson’s Creek ',
      ' Dancing with the Stars.',
    ])
    expect(texts('“ I love what I’m doing.” he said.')).toEqual([' I love what I’m doing.'])
  })

  it('does not take apostrophes for marks: enemy’s, Es’haq, the players’ union, the ’90s, rock ’n’ roll', () => {
    expect(texts('The enemy’s plan, Es’haq said, and the players’ union in the ’90s played rock ’n’ roll.')).toEqual([])
    expect(texts('‘The players’ union will decide,’ he said.')).toEqual(['The players’ union will decide,'])
  })

  it('keeps a nested quote inside the outer one', () => {
    expect(texts('“He told me ‘no’ twice,” she said.')).toEqual(['He told me ‘no’ twice,'])
    expect(texts('\'He called it "a disgrace" on air,\' she said.')).toEqual(['He called it "a disgrace" on air,'])
  })

  it('joins a quotation that runs over paragraphs reopened without a closing mark', () => {
    const body = '“The first part goes on.\n\n“And the second part ends here,” she said.'
    expect(texts(body)).toEqual(['The first part goes on.\n\n“And the second part ends here,'])
  })

  it('reads ’’ as a closing double mark', () => {
    expect(texts('“It was an attempt to mislead voters,’’ Will Moy told the BBC.')).toEqual(['It was an attempt to mislead voters,'])
  })

  it('never lets an unclosed mark swallow the following paragraphs', () => {
    expect(texts('He said “this is open.\n\nAnother paragraph.\n\nAnd “a real quote” here.')).toEqual(['a real quote'])
  })

  it('recovers a quote whose opening mark is missing when “he said” follows the closing one', () => {
    expect(texts('Then he spoke. The revenge will be their expulsion from the region,” he said.')).toEqual([
      'The revenge will be their expulsion from the region,',
    ])
  })
})

describe('cues', () => {
  it('reads the speaker after the quote, named, inverted, with an appositive or a role before the name', () => {
    expect(cueAfter(' said Jane Roe, the mayor.')).toEqual({ type: 'name', text: 'Jane Roe' })
    expect(cueAfter(' Roe, the mayor of Springfield, told reporters.')).toEqual({ type: 'name', text: 'Roe' })
    expect(cueAfter(' Oklahoma City coach Billy Donovan said.')).toEqual({ type: 'name', text: 'Billy Donovan' })
    expect(cueAfter(' said planetary geologist Rosaly Lopes of NASA.')).toEqual({ type: 'name', text: 'Rosaly Lopes' })
    expect(cueAfter(' said the Leader of the Islamic Revolution, Ayatollah Seyed Ali Khamenei, in a meeting')).toEqual({
      type: 'name',
      text: 'Ayatollah Seyed Ali Khamenei',
    })
    expect(cueAfter(' he added.')).toEqual({ type: 'pronoun', text: 'he' })
    expect(cueAfter(' Alireza Beigi quoted the general as saying.')).toEqual({ type: 'nominal', text: 'the general' })
    expect(cueAfter(' the statement said.')).toEqual({ type: 'nominal', text: 'the statement' })
  })

  it('reads the speaker before the quote', () => {
    expect(cueBefore('Roe said: ')).toEqual({ type: 'name', text: 'Roe' })
    expect(cueBefore('In a statement, Mahmoud Vaezi, the chief of staff, told reporters, ')).toEqual({
      type: 'name',
      text: 'Mahmoud Vaezi',
    })
    expect(cueBefore('After the hearing, Hawk Sawyer issued a statement about the charges, saying, ')).toEqual({
      type: 'name',
      text: 'Hawk Sawyer',
    })
    expect(cueBefore('The weather was fine. ')).toBeNull()
  })
})

describe('people', () => {
  it('finds names with their titles, roles and gender, and drops words that are not the name', () => {
    const people = findPeople(
      'Deputy Commander Brigadier General Yadollah Javani spoke. Ms Jane Roe, the mayor, said it. CEO Craig Menear agreed.',
    )
    expect(people.map((p) => [p.name, p.gender])).toEqual([
      ['Yadollah Javani', null],
      ['Jane Roe', 'f'],
      ['Craig Menear', 'm'],
    ])
    expect(people[1]?.roles).toContain('mayor')
    expect(trimName('Ukraine Kurt Volker')).toBe('Kurt Volker')
  })
})

describe('classifyKind', () => {
  it('tells a statement from a phrase woven into the reporter’s sentence', () => {
    expect(classifyKind('We will rebuild the stadium next year.', { cued: true, standalone: true })).toBe('quotation')
    expect(classifyKind('a disgrace', { cued: false, standalone: false })).toBe('fragment')
    expect(classifyKind('profound indictment of the system.', { cued: false, standalone: false })).toBe('fragment')
    expect(classifyKind('Please.', { cued: false, standalone: true })).toBe('quotation')
  })
})

describe('extractQuotations: attribution', () => {
  it('resolves a surname to the full name and carries the speaker into a second quote of the paragraph', () => {
    const out = extract('Marcelo Claure, the executive chair, wrote to staff.\n\n“We are going to cut costs,” Claure said. “It will hurt.”')
    expect(out.map((o) => o.speaker)).toEqual(['Marcelo Claure', 'Marcelo Claure'])
  })

  it('cue rules: gives “he said” to the person the text reported as speaking just before, not to the previous speaker', () => {
    const out = extract(
      '“The army is ready,” said General Yadollah Javani.\n\nLater, Vice President Eshaq Jahangiri said the answer would be expulsion. “The real revenge will be their expulsion,” he said.',
      undefined,
      RULES,
    )
    expect(out.map((o) => o.speaker)).toEqual(['Yadollah Javani', 'Eshaq Jahangiri'])
  })

  it('uses gender to pick between two people', () => {
    const out = extract('Ms Anna Berg met Mr Tom Vance on Monday.\n\n“We disagree on everything,” she said.')
    expect(out[0]?.speaker).toBe('Anna Berg')
  })

  it('resolves a title to the registered holder, and leaves an unnamed speaker null', () => {
    const registry = buildRegistry([{ name: 'Ali Khamenei', roles: ['Leader of the Islamic Revolution', 'Leader'] }])
    const out = extract(
      '“Revenge will be taken on the murderers,” the Leader said.\n\n“Step out of the car now,” an officer said.',
      registry,
    )
    expect(out.map((o) => o.speaker)).toEqual(['Ali Khamenei', null])
  })

  it('cue rules: continues the speaker into the next paragraph that opens with a quote', () => {
    const out = extract(
      '“The first point is simple,” said Jane Roe.\n\n“The second point is harder to explain to voters.”',
      undefined,
      RULES,
    )
    expect(out.map((o) => o.speaker)).toEqual(['Jane Roe', 'Jane Roe'])
  })

  it('dates a quote from a bracketed date after it, else from the publication date', () => {
    const out = extract('He said, “The region will be free of them soon.” [Jan. 8, 2020]\n\n“Another statement for the record,” he added.')
    expect(out.map((o) => o.date)).toEqual(['2020-01-08', '2020-01-02'])
  })
})

describe('extractQuotations: dates stated in the attribution (publication 2020-01-02, a Thursday)', () => {
  it('dates a quote from its cue clause, and the rest of that speaker turn with it', () => {
    const out = extract(
      '“We are taking in billions of dollars,” Jane Roe said on Dec. 8. “I like our situation very much.”\n\n“Another point entirely,” she added.',
    )
    expect(out.map((o) => o.date)).toEqual(['2019-12-08', '2019-12-08', '2020-01-02'])
  })

  it('cue rules: reads a weekday as the latest such day on or before publication, and a cue after the turn dates its start', () => {
    const out = extract('“We will not stop.” Then she paused. “Not now, not ever,” Jane Roe told reporters Tuesday.', undefined, RULES)
    expect(out.map((o) => [o.speaker, o.date])).toEqual([
      ['Jane Roe', '2019-12-31'],
      ['Jane Roe', '2019-12-31'],
    ])
  })

  it('does not carry a date over another one, nor take a date that describes another event', () => {
    const out = extract(
      '“The first part of the speech,” Jane Roe said on Dec. 8. On Dec. 9 she went further. “The second part of it.”\n\n“We signed it,” said John Doe, who will testify Friday.',
    )
    expect(out.map((o) => o.date)).toEqual(['2019-12-08', '2020-01-02', '2020-01-02'])
  })

  it('dates a phrase from the dated occasion its speaker owns, with date_source "text"', () => {
    const registry = buildRegistry([])
    const source: Source = {
      id: 't',
      title: 't',
      outlet: null,
      url: null,
      published: '2020-01-02',
      license: null,
      language: 'en',
      body: 'Despite Jane Roe’s Dec. 11 announcement of a “historic” deal, nothing has been signed.',
      removed: [],
    }
    const [q] = extractQuotations(source, registry)
    expect([registry.speakers.find((s) => s.id === q?.speaker)?.name, q?.date, q?.date_source]).toEqual(['Jane Roe', '2019-12-11', 'text'])
  })
})

describe('extractQuotations: names that look like other words', () => {
  it('cue rules: reads "He Jianxiong" and "Mr. He" as a name (the family name He), "He Monday said" and "He told" as the pronoun', () => {
    const out = extract(
      'Jane Roe spoke first. “The deal is fragile,” she said.\n\n“What is the incentive for the Chinese side?” He Jianxiong, the former executive director for China at the fund, said.\n\n“We will see,” Mr. He said.\n\nJohn Doe disagreed. “It will hold,” he said. He Monday said: “It is signed.”',
      undefined,
      RULES,
    )
    expect(out.map((o) => o.speaker)).toEqual(['Jane Roe', 'He Jianxiong', 'He Jianxiong', 'John Doe', 'John Doe'])
  })
})

describe('extractQuotations: participle cues ("…, saying “…”")', () => {
  it('gives the quote to the subject of the clause, not to the person it names as object', () => {
    const out = extract(
      'In a letter in May, John Roe, the president of the farm bureau, said farmers faced hardship. He urged Mr. Doe to make a deal soon, saying “time is running out for many in agriculture.”\n\nMary Poe urged John Doe to act, adding “we cannot wait any longer for this.”',
    )
    expect(out.map((o) => [o.speaker, o.kind])).toEqual([
      ['John Roe', 'quotation'],
      ['Mary Poe', 'quotation'],
    ])
  })

  it('reads a whole sentence right after a speech verb as a quotation, a phrase woven in after "that" or "was" as a fragment', () => {
    const out = extract(
      'Jane Roe said the plan was “just trying to spark some energy.” She said that it was “a rushed and badly made plan.”',
    )
    expect(out.map((o) => o.kind)).toEqual(['fragment', 'fragment'])
  })
})

describe('extractQuotations: long phrases woven into the reporter’s sentence', () => {
  it('reads a quote after "as", "and", a determiner or a preposition as a fragment however long, but not one that opens its own clause', () => {
    const out = extract(
      'Marc Roe introduced Jane Doe to the audience as “someone who has redefined what it means to be a chief executive officer in this era.”\n\nJane Doe remembered him rehearsing there and “going way off script in a way that only he could do, making everyone laugh along.”\n\nThe UK has urged an “end to the violence and for all sides to engage in meaningful political dialogue.”\n\nJane Doe said the team was tired and “we all need a long rest before the next season begins again in the spring.”',
    )
    expect(out.map((o) => o.kind)).toEqual(['fragment', 'fragment', 'fragment', 'quotation'])
  })
})

describe('extractQuotations: house styles', () => {
  const fixture = (name: string, options: ExtractOptions = {}) => {
    const path = `test/unit/fixtures/styles/${name}.md`
    const registry = buildRegistry([])
    return extractQuotations(parseSource(path, readFileSync(path)), registry, options).map((o) => [
      o.text.slice(0, 24),
      o.kind,
      registry.speakers.find((s) => s.id === o.speaker)?.name ?? null,
    ])
  }

  it('reads British single quotes, titles, ages, organisations and a quote reopened over paragraphs', () => {
    expect(fixture('british-single-quotes')).toEqual([
      ['the hardest we have ever', 'fragment', 'Pep Guardiola'],
      ['I am delighted for the p', 'quotation', 'Pep Guardiola'],
      ['It is a great day for th', 'quotation', 'Pep Guardiola'],
      ['We will keep investing i', 'quotation', 'Ferran Soriano'],
      ['The vast majority of fan', 'quotation', 'Greater Manchester Police'],
      ["It's been a long season.", 'quotation', 'Sarah Jones'],
      ["We can't keep turning fa", 'quotation', 'Sarah Jones'],
    ])
  })

  it('cue rules: reads US wire style: Sen./Rep. with party and state, time phrases, present-tense "says", statements', () => {
    expect(fixture('us-wire', RULES)).toEqual([
      ['a historic step,', 'fragment', 'Chuck Schumer'],
      ['This is a bad deal for A', 'quotation', 'John Thune'],
      ['We will fight it every s', 'quotation', 'John Thune'],
      ['rushed.', 'fragment', null],
      ['Why now?', 'quotation', 'Alexandria Ocasio-Cortez'],
      ['The people we represent ', 'quotation', 'Alexandria Ocasio-Cortez'],
      ['looks forward to signing', 'fragment', 'White House'],
      ['The president has been c', 'quotation', 'Karine Jean-Pierre'],
      ["It's complicated,", 'quotation', 'Maria Lopez'],
      ["My patients can't afford", 'quotation', 'Maria Lopez'],
      ['I always do,', 'quotation', 'Maria Lopez'],
    ])
  })
})

describe('held-out gold rules (British single quotes, unclosed marks, described surnames, document owners)', () => {
  it("opens a single-quoted quote whose first word starts like an elision ('No, 'Emma) but keeps rock 'n' roll", () => {
    expect(texts("His family said: 'No words could describe it.' Then came rock 'n' roll.")).toEqual(['No words could describe it.'])
    expect(texts("She said: 'Emma is safe now.'")).toEqual(['Emma is safe now.'])
    expect(texts("Fans of the '90s and 'em all said nothing.")).toEqual([])
  })

  it('ends a colon-introduced quote at its paragraph end when the outlet left the closing mark off', () => {
    const body = "Supt Karl Baldwin said: 'This incident has caused a lot of concern in the area.\n\nMr Holland was 25."
    expect(texts(body)).toEqual(['This incident has caused a lot of concern in the area.'])
    // Not after a colon, or not a finished sentence: still unbalanced, nothing recovered.
    expect(texts("The 'so-called plan of the council\n\nNext paragraph.")).toEqual([])
    expect(texts("He said: 'and then there was\n\nNext paragraph.")).toEqual([])
  })

  it('resolves "the 14th-ranked Schwartzman said" to the person the article named', () => {
    const out = extract(
      'Diego Schwartzman beat Cristian Garin. Nicolas Mahut won the doubles.\n\n"We are really happy today," Nicolas Mahut said.\n\n"I played unreal tennis," the 14th-ranked Schwartzman said.',
    )
    expect(out.map((q) => q.speaker)).toEqual(['Nicolas Mahut', 'Diego Schwartzman'])
  })

  it('gives a report the organisation named in its cue: "said a report from Kotak Institutional Equities"', () => {
    const out = extract(
      'Markets rose.\n\n"The market is factoring in a reasonable recovery in earnings," said a report from Kotak Institutional Equities.',
    )
    expect(out[0]?.speaker).toBe('Kotak Institutional Equities')
  })
})

describe('extractQuotations: surnames that are also titles, and names completed elsewhere', () => {
  it('cue rules: read "Major said" as John Major once the article has named him, and as Major when it has not', () => {
    const out = extract(
      "John Major spoke first. 'We will not stop here,' Major said.\n\n'The country needs us,' said Major. Judge Jane Roe heard the case. 'Order,' the judge said.\n\n'Next,' he said.",
      undefined,
      RULES,
    )
    expect(out.map((o) => o.speaker)).toEqual(['John Major', 'John Major', 'Jane Roe', 'Jane Roe'])
    expect(extract("The party met.\n\n'We will not stop here,' Major said.", undefined, RULES).map((o) => o.speaker)).toEqual(['Major'])
    // A title before a name stays a title; a title alone that is not a surname is no one.
    expect(extract("'We are ready,' Major Tom Smith said. 'Go,' Captain said.", undefined, RULES).map((o) => o.speaker)).toEqual([
      'Tom Smith',
      null,
    ])
  })

  it('finds "Michael King" and "Judge Roe" in "… Michael King. Judge Roe …": a run of names is cut at the sentence end', () => {
    expect(findPeople('The show was hosted by Michael King. Judge Jane Roe watched.').map((p) => p.name)).toEqual([
      'Michael King',
      'Jane Roe',
    ])
  })

  it('completes a surname with a bracketed given name ("Coach (Frank) Vogel") or the one full name given later', () => {
    const inQuote = extract(
      '“Coach (Frank) Vogel came in here and said it,” James said.\n\n“He’s just playing terrific basketball,” Vogel said.',
    )
    expect(inQuote.map((o) => o.speaker)).toEqual(['James', 'Frank Vogel'])
    const later = extract(
      '“He’s playing terrific basketball,” Vogel said.\n\nLakers coach Frank Vogel has put the ball in his hands. “We trust him,” Vogel added.',
    )
    expect(later.map((o) => o.speaker)).toEqual(['Frank Vogel', 'Frank Vogel'])
    // Two people with the surname named later: which one is unknown, so the surname stays as written.
    const two = extract('“It is over,” Smith said.\n\nJane Smith and John Smith both ran.')
    expect(two.map((o) => o.speaker)).toEqual(['Smith'])
  })

  it('does not let a surname kept by an earlier article hide the full name the next one gives', () => {
    const registry = buildRegistry([])
    extract('“It is over,” Vogel said.', registry)
    expect(extract('Frank Vogel coached.\n\n“We trust him,” Vogel said.', registry).map((o) => o.speaker)).toEqual(['Frank Vogel'])
  })
})
