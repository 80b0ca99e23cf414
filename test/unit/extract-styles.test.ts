import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseSource } from '../../scripts/corpus/parse'
import { cueAfter, cueBefore, cueSignature } from '../../scripts/extract/cues'
import { extractQuotations } from '../../scripts/extract/extract'
import { classifyKind } from '../../scripts/extract/kind'
import { splitTitles } from '../../scripts/extract/names'
import { findPeople } from '../../scripts/extract/people'
import { buildRegistry } from '../../scripts/extract/registry'
import { extract, RULES, texts } from './extract-helpers'

describe('extractQuotations: style fixtures with every quotation annotated (test/unit/fixtures/styles/<name>.json)', () => {
  /** Each fixture's .json lists every quotation in order as [text between the marks, kind, speaker]. */
  const cases = ['british-tabloid-nested', 'interview-qa', 'press-release', 'sports-short-quotes', 'dash-colon-headline']
  // The cue rules get every speaker; the trained ranker (trained on US political news) misses three of the
  // tabloid's, and abstains on a short sports quote carried over from the one before.
  const ranked = cases.filter((c) => c !== 'british-tabloid-nested' && c !== 'sports-short-quotes')
  it.each([...cases.map((c) => [c, 'cue rules'] as const), ...ranked.map((c) => [c, 'trained ranker'] as const)])(
    '%s: finds every span, speaker and kind (%s)',
    (name, how) => {
      const path = `test/unit/fixtures/styles/${name}.md`
      const source = parseSource(path, readFileSync(path))
      const registry = buildRegistry([])
      const found = extractQuotations(source, registry, how === 'cue rules' ? RULES : {})
      for (const o of found) expect(source.body.slice(o.start, o.end)).toBe(o.text)
      const expected = JSON.parse(readFileSync(`test/unit/fixtures/styles/${name}.json`, 'utf8')) as [string, string, string | null][]
      // Every expected text occurs between marks in the body, so the annotation itself is checked too.
      for (const [text] of expected) expect(source.body).toContain(text)
      expect(found.map((o) => [o.text, o.kind, registry.speakers.find((s) => s.id === o.speaker)?.name ?? null])).toEqual(expected)
    },
  )
})

describe('British tabloid style: nested quotes, apostrophes, nicknames, spokespeople', () => {
  it("closes a single quote right after a nested double one (,\"') and keeps rock 'n' roll whole inside a quote", () => {
    expect(texts(`'He said, "That's it,"' she said. 'I didn't believe him…'`)).toEqual([`He said, "That's it,"`, "I didn't believe him…"])
    expect(texts("'It's rock 'n' roll, it's what I do,' he said.")).toEqual(["It's rock 'n' roll, it's what I do,"])
    expect(texts("She sang 'Rock ’n’ Roll Runaway' twice.")).toEqual(['Rock ’n’ Roll Runaway'])
  })

  it('gives "the 68-year-old" the person the sentences before introduced, and "Veteran rocker" no "an rocker"', () => {
    const out = extract(
      "Veteran rocker Mick Dawson has vowed to keep playing 'until the wheels come off'.\n\nThe 68-year-old, who fronted Steel Harbour for three decades, told the Mirror: 'My doctor said to me I should stop.'",
    )
    expect(out.map((o) => o.speaker)).toEqual(['Mick Dawson', 'Mick Dawson'])
  })

  it('reads a quoted nickname inside a name as the person, and the nickname alone as a cue for them', () => {
    expect(findPeople("Drummer Phil 'Sticks' Jones stayed home.").map((p) => [p.name, p.nick])).toEqual([['Phil Jones', 'Sticks']])
    const out = extract(
      'Running back Tyrell “Tank” Morrison ran for 120 yards.\n\n“It was a grind,” Tank said. “We kept going,” Morrison said.',
    )
    expect(out.map((o) => [o.text, o.kind, o.speaker])).toEqual([
      ['Tank', 'fragment', null],
      ['It was a grind,', 'quotation', 'Tyrell Morrison'],
      ['We kept going,', 'quotation', 'Tyrell Morrison'],
    ])
  })

  it('cue rules: give the words of "a spokesman for the promoter, Harbour Live" to the organisation, before or after the quote', () => {
    const out = extract(
      "A spokesman for the promoter, Harbour Live Productions, said: 'Demand has been extraordinary.'\n\n'We are adding dates,' said a spokeswoman for Acme Events Ltd.",
      undefined,
      RULES,
    )
    expect(out.map((o) => o.speaker)).toEqual(['Harbour Live Productions', 'Acme Events Ltd'])
  })

  it('reads a title-case phrase in the reporter’s sentence as the title of a work (fragment)', () => {
    expect(classifyKind('Rock ’n’ Roll Runaway', { cued: false, standalone: false })).toBe('fragment')
    expect(classifyKind('The Lord of the Rings', { cued: false, standalone: false })).toBe('fragment')
    expect(classifyKind('We Will Not Stop Here,', { cued: true, standalone: true })).toBe('quotation')
  })
})

describe('transcripts: interviews and speeches (test/gold/README.md "Transcripts")', () => {
  it('gives "I said, “…”" to the turn’s speaker and "you said “…”" in a question to the interviewee; labels are never speakers', () => {
    const out = extract(
      'Tom Hale interviewed the striker Jane Roe after the final.\n\nHale: You once said "football is a job". Do you still think so?\n\nRoe: No. I told my coach, "I will play for free if I have to," and he laughed.\n\nHale: What did your father say?\n\nRoe: "Go and win it." That is all he ever says.\n\nHale: And you said?\n\nRoe: I said, "Yes, Dad."',
    )
    expect(out.map((o) => [o.text, o.speaker])).toEqual([
      ['football is a job', 'Jane Roe'],
      ['I will play for free if I have to,', 'Jane Roe'],
      ['Go and win it.', null],
      ['Yes, Dad.', 'Jane Roe'],
    ])
  })

  it('leaves "I" unresolved outside a transcript (the reporter), and two labelled paragraphs are no transcript', () => {
    const out = extract('Jane Roe won.\n\nUpdate: I asked her, "Was it hard?"\n\nNote: I said, "Well done."')
    expect(out.map((o) => o.speaker)).toEqual([null, null])
  })

  it('gives "I" in a speech to the person whose remarks the introduction announces', () => {
    const out = extract(
      'Remarks by Governor Maria Alvarez at the bridge opening, as delivered.\n\nMayor Tom Reyes told me, "Give us the money." I said, "Tom, you have a deal."',
    )
    expect(out.map((o) => o.speaker)).toEqual(['Tom Reyes', 'Maria Alvarez'])
  })

  it('cue rules: takes the name in an appositive for a sentence subject ("the local MP, Sarah Whitfield, … told") and not "One" for a name', () => {
    const out = extract(
      'When we opened, the local MP, Sarah Whitfield, stood on the floor and told the staff: "This is the future of the town."\n\nOne fund manager looked at it and said, "This is a science project."',
      undefined,
      RULES,
    )
    expect(out.map((o) => o.speaker)).toEqual(['Sarah Whitfield', null])
  })
})

describe('sports, press release, colon and headline styles', () => {
  it('gives "the Spaniard said" the subject just introduced in its paragraph, not the previous speaker', () => {
    const out = extract(
      'Luis Ortega scored.\n\n"We won," Kevin Doyle said.\n\nOrtega was less happy. "We switched off," the Spaniard said.',
    )
    expect(out.map((o) => o.speaker)).toEqual(['Kevin Doyle', 'Luis Ortega'])
  })

  it('gives a colon-introduced quote without a speech verb the subject of its sentence ("Her verdict was short:", "X had one word:")', () => {
    const out = extract(
      'Helen Carter visited on Monday. Her verdict on the defences was short: "They did not work."\n\nPaul Mercer, 52, had one word for the repairs: "Shameful."',
    )
    expect(out.map((o) => [o.kind, o.speaker])).toEqual([
      ['quotation', 'Helen Carter'],
      ['quotation', 'Paul Mercer'],
    ])
  })

  it('reads quoted words in a headline line as a fragment said by the person the next paragraph reports', () => {
    const out = extract("'We got it wrong': Minister admits flood plans failed\n\nMinister Helen Carter says the plans failed.")
    expect(out.map((o) => [o.text, o.kind, o.speaker])).toEqual([['We got it wrong', 'fragment', 'Helen Carter']])
  })

  it('gives "analyst Mark Patel of Grid Research Partners called it “…”" to the person, not the firm', () => {
    const out = extract('Industry analyst Mark Patel of Grid Research Partners called the launch "the most practical tool we have seen".')
    expect(out.map((o) => o.speaker)).toEqual(['Mark Patel'])
  })
})

describe('held-out conventions (entertainment, music, science, hearings)', () => {
  const speakerOf = (body: string, text: string) => extract(body).find((q) => q.text === text)?.speaker

  it('reads an -ly adverb between the speaker and the verb ("Brooke tearfully asked")', () => {
    expect(cueAfter(' Brooke tearfully asked before apologizing.')).toEqual({ type: 'name', text: 'Brooke' })
    expect(cueAfter(', Roe angrily said.')).toEqual({ type: 'name', text: 'Roe' })
  })

  it('takes "…, he warned" after a few reporter words holding an initialism ("the U.S.")', () => {
    expect(cueAfter(' mutually shared by Ukraine and the U.S., he warned.')).toEqual({ type: 'pronoun', text: 'he' })
  })

  it('cue rules: give "said the actor" and "the “Pose” actor said" the person the report is about', () => {
    const speakerOf = (body: string, text: string) => extract(body, undefined, RULES).find((q) => q.text === text)?.speaker
    const body =
      'Actor Jane Roe was voted off the show on Monday.\n\n“We lost the baby,” Roe said. “It hurts.”\n\n“You never know why these things happen,” said the actor.\n\n"We never take it for granted," the "Pose" actor previously said on "DWTS."'
    expect(speakerOf(body, 'You never know why these things happen,')).toBe('Jane Roe')
    expect(speakerOf(body, 'We never take it for granted,')).toBe('Jane Roe')
  })

  it('keeps "the man wrote" unnamed in a report that calls him "the man" throughout, not the doctor quoted before', () => {
    const body =
      'A man fell ill. Doctors say the man had a rare allergy. His doctor, Owen Dempsey, saw the man twice.\n\n“It is rare,” Dempsey said.\n\n“It does not affect me at all now,” the man wrote in the report.'
    expect(speakerOf(body, 'It is rare,')).toBe('Owen Dempsey')
    expect(speakerOf(body, 'It does not affect me at all now,')).toBeNull()
  })

  it('resolves "he said" to the subject after an introductory phrase ending in a quoted title, not a possessive named earlier', () => {
    const body =
      'Michael Roe came out for the encore.\n\nFollowing a performance of their song “Black Water,” Peter Simmons teed up Roe’s cameo. “You might remember him,” he said.'
    expect(speakerOf(body, 'You might remember him,')).toBe('Peter Simmons')
  })

  it('keeps a double given name whole ("Carrie Ann Inaba", "Billy Bob Thornton")', () => {
    const names = (body: string) => findPeople(body).map((p) => p.name)
    expect(names('The judges were Len Goodman and Carrie Ann Inaba on Monday.')).toContain('Carrie Ann Inaba')
    expect(names('The film starred Billy Bob Thornton.')).toContain('Billy Bob Thornton')
  })

  it('gives a pull quote the speaker of the attributed quote that repeats its words', () => {
    const body =
      'A doctor explained the case.\n\n“Their immune system behaves in an exaggerated fashion”\n\nThe man recovered.\n\n“In some people, their immune system behaves in an exaggerated fashion,” Owen Dempsey said.'
    expect(speakerOf(body, 'Their immune system behaves in an exaggerated fashion')).toBe('Owen Dempsey')
  })
})

describe('held-out conventions: titles, slogans and section headings', () => {
  it('reads a short title-case quote with no cue as a title or slogan, full stop inside the marks or not', () => {
    expect(classifyKind('Takin’ It to the Streets.', { cued: false, standalone: false })).toBe('fragment')
    expect(classifyKind('Less Money on Testing, More Money on Students.', { cued: false, standalone: true })).toBe('fragment')
    // A cued sentence stays a quotation, title case or not.
    expect(classifyKind('We Will Win.', { cued: true, standalone: true })).toBe('quotation')
  })

  it('reads a short quote alone on its line (numbered or not) as a section heading, a long one as a pull quote', () => {
    const body =
      'Here are the highlights:\n\n3. "Not some irregular channel"\n\nVolker disputed the notion. "My role was not some irregular channel, but the official channel," he told lawmakers.\n\n"Their immune system behaves in an exaggerated fashion, think of a storm in a teacup"\n\nThe man recovered.'
    const kinds = extract(body).map((q) => [q.text, q.kind])
    expect(kinds).toContainEqual(['Not some irregular channel', 'fragment'])
    expect(kinds).toContainEqual(['Their immune system behaves in an exaggerated fashion, think of a storm in a teacup', 'quotation'])
  })
})

describe('held-out conventions: fragment speakers', () => {
  it('gives a phrase after ", noting that" or "and noted that" the subject opening the sentence', () => {
    const body =
      'Tom Bergeron hosted the show.\n\nBergeron chimed in, noting that the offer was “a lovely gesture.”\n\nJane Roe spoke later and noted that it was “worst nightmare” material.'
    const out = extract(body)
    expect(out.find((q) => q.text === 'a lovely gesture.')?.speaker).toBe('Tom Bergeron')
    expect(out.find((q) => q.text === 'worst nightmare')?.speaker).toBe('Jane Roe')
  })

  it('keeps titles quoted in the previous quote’s attribution clause unattributed (the “Pose” actor said on “DWTS.”)', () => {
    const body = 'Jane Roe starred in it.\n\n"Hearing the heartbeat was special," the "Pose" actor previously said on "DWTS."'
    const out = extract(body)
    expect(out.find((q) => q.text === 'Pose')?.speaker).toBeNull()
    expect(out.find((q) => q.text === 'DWTS.')?.speaker).toBeNull()
  })
})

describe('titles before a name', () => {
  it('splits a title after a place or team from the name, and keeps names that open with a given name', () => {
    expect(splitTitles('Montreal Mayor Denis Coderre')).toEqual({ name: 'Denis Coderre', titles: ['Montreal', 'Mayor'] })
    expect(splitTitles('Lakers Coach Frank Vogel')).toEqual({ name: 'Frank Vogel', titles: ['Lakers', 'Coach'] })
    expect(splitTitles('Prime Minister Boris Johnson')).toEqual({ name: 'Boris Johnson', titles: ['Prime', 'Minister'] })
    expect(splitTitles('Martin Luther King Jr')?.name).toBe('Martin Luther King Jr')
    expect(splitTitles('John Major')?.name).toBe('John Major')
  })

  it('knows police ranks as titles (Garda, Supt, Superintendent)', () => {
    expect(splitTitles('Garda Colm Geary')).toEqual({ name: 'Colm Geary', titles: ['Garda'] })
    expect(splitTitles('Supt Eamon O’Neill')?.name).toBe('Eamon O’Neill')
    expect(splitTitles('Detective Superintendent Jane Roe')?.name).toBe('Jane Roe')
  })
})

describe('signed quotes', () => {
  it('takes the name that alone ends the paragraph after a quote, with its outlet or nickname', () => {
    expect(cueSignature(' Emma Hayes (BT Sport)\n\n“Next”')).toEqual({ type: 'name', text: 'Emma Hayes' })
    expect(cueSignature(" Javier 'Chicharito' Hernandez (ABC)")).toEqual({ type: 'name', text: 'Javier Hernandez' })
    expect(cueSignature(' — Sir Alex Ferguson\n')).toEqual({ type: 'name', text: 'Sir Alex Ferguson' })
    // A sentence, a single word or a name followed by more words is no signature.
    expect(cueSignature(' The talks resumed on Monday.')).toBeNull()
    expect(cueSignature(' Reuters\n')).toBeNull()
    expect(cueSignature(' Emma Hayes said it twice.')).toBeNull()
  })

  it('cue rules: attributes a round-up of signed quotes', () => {
    const out = extract(
      '“If anyone thinks that was comfortable, it was not.” Emma Hayes (BT Sport)\n\n“I’m holding back my tears,” he said. “These goals are for him.” Javier Hernandez (ABC)\n\n“Christ, I was crying when I saw him crying.” Sir Alex Ferguson (Scottish FA)',
      undefined,
      RULES,
    )
    // "he said" in a signed paragraph is the signer, not the last person named (Emma Hayes).
    expect(out.map((o) => o.speaker)).toEqual(['Emma Hayes', 'Javier Hernandez', 'Javier Hernandez', 'Alex Ferguson'])
  })
})

describe('speech verbs of courtrooms and messages', () => {
  it.each([
    ['Judge Seán Ó Donnabháin clarified: ', 'Judge Seán Ó Donnabháin'],
    ['The chair interjected: ', null],
    ['Roe queried, ', 'Roe'],
    ['Roe messaged Smith, ', 'Roe'],
  ])('%j names its speaker', (before, name) => {
    const cue = cueBefore(before)
    if (name === null) expect(cue?.type).toBe('nominal')
    else expect(cue).toEqual({ type: 'name', text: name })
  })
})

describe('a colon lead of a whole-sentence quote', () => {
  it('names the speaker even when the next sentence starts with another name and a speech verb', () => {
    const out = extract(
      'Liam Walsh said he had never heard it.\n\nJudge Seán Ó Donnabháin clarified: “And you never heard that before?” Walsh replied that he had not.',
    )
    expect(out.map((o) => o.speaker)).toEqual(['Seán Ó Donnabháin'])
  })
})

describe('organisations with "of" in their names', () => {
  it.each([
    ['“We will review the decision,” the Department of Justice said in a statement.', 'Department of Justice'],
    ['“Rates will stay where they are,” said the Bank of England.', 'Bank of England'],
    ['“The wards are full,” the Royal College of Physicians said.', 'Royal College of Physicians'],
    ['The Royal College of Physicians says the service is “underfunded, under doctored and overstretched”.', 'Royal College of Physicians'],
    ['The University of Michigan said: “We are investigating the claims made this week.”', 'University of Michigan'],
    ['“The results are clear,” said Jane Roe of the University of Michigan.', 'Jane Roe'],
    ['A spokesperson for the University of Oxford said: “We are investigating the matter closely.”', 'University of Oxford'],
    ['Royal College of Physicians warns that hospitals are “over-full” this winter.', 'Royal College of Physicians'],
    ['Analyst Mark Patel of Grid Research Partners called the launch “a gamble”.', 'Mark Patel'],
    ['A spokeswoman for Greater Manchester Police said: “Officers attended the scene.”', 'Greater Manchester Police'],
  ] as [string, string | null][])('%j speaks under its whole name', (body, speaker) => {
    expect(extract(body).map((o) => o.speaker)).toEqual([speaker])
  })

  it('cue rules: leave "the head of the Royal College of Physicians warns" unnamed (the ranker credits the college)', () => {
    const body = 'Hospitals are full. The head of the Royal College of Physicians warns that wards are “over-full” this winter.'
    expect(extract(body, undefined, RULES).map((o) => o.speaker)).toEqual([null])
  })
})

describe('abbreviated titles as roles', () => {
  it('finds "the superintendent" in the person titled "Supt", not in the one the message went to', () => {
    const out = extract(
      'Supt Eamon O’Neill had asked about the case. Garda Colm Geary was at the station.\n\nThe next day, the superintendent messaged Garda Geary, “Any luck with that lad this morning?”',
    )
    expect(out.map((o) => o.speaker)).toEqual(['Eamon O’Neill'])
  })
})
