import { describe, expect, it } from 'vitest'
import { attributionDate } from '../../scripts/extract/when'

// 2019-11-19 was a Tuesday.
const PUB = '2019-11-19'

describe('attributionDate: the date the attribution clause gives the words', () => {
  it.each([
    [' Mr. Trump said on Nov. 8', '2019-11-08'],
    [' Mr. Trump recounted in an Oct. 21 cabinet meeting', '2019-10-21'],
    [' He Jianxiong, the former executive director, said at a Nov. 6 event at the Peterson Institute', '2019-11-06'],
    [' Mayer said Tuesday at the Code Media conference', '2019-11-19'],
    [' the minister told reporters on Friday', '2019-11-15'],
    [' wrote Fadem in a Tuesday research report', '2019-11-19'],
    [', said Jane Roe, the mayor, in a statement on Sunday night', '2019-11-17'],
    [' she told the BBC yesterday', '2019-11-18'],
    [' Roe said on 8 November 2018', '2018-11-08'],
    [' Roe said during Monday’s hearing', '2019-11-18'],
    // A month and day later in the year than publication: the year before.
    [' Roe said on Dec. 30', '2018-12-30'],
  ])('after the quote: %s → %s', (clause, date) => expect(attributionDate(clause, 'after', PUB)).toBe(date))

  it.each([
    ['On Tuesday, the mayor said: ', '2019-11-19'],
    ['Roe on Monday said ', '2019-11-18'],
    ['In a Nov. 8 interview, Roe said: ', '2019-11-08'],
    ['Despite Mr. Trump’s Oct. 11 announcement that the two sides had reached a ', '2019-10-11'],
    ['Roe told the Senate on Nov. 12 that the plan was ', '2019-11-12'],
  ])('before the quote: %s → %s', (clause, date) => expect(attributionDate(clause, 'before', PUB)).toBe(date))

  it.each([
    [' said Hill, who will testify Thursday', 'after'],
    [' Roe said of the May 3 attack', 'after'],
    [' Roe said after the Nov. 5 election', 'after'],
    [' they said in a statement on their website last Friday', 'after'],
    [' Roe said, referring to the Nov. 8 meeting', 'after'],
    [' Roe said at the ceremony, which was held on Nov. 8', 'after'],
    [' Roe said last week', 'after'],
    ['Roe said the deal, signed on May 3, was ', 'before'],
    ['Roe said the deal signed on May 3 was ', 'before'],
    ['Roe said that on Tuesday the board would be ', 'before'],
    ['The report published on Nov. 3 said ', 'before'],
  ] as const)('takes no date from another event: %s', (clause, side) => expect(attributionDate(clause, side, PUB)).toBeNull())

  it('needs the publication date for a date without a year, and keeps one with a year', () => {
    expect(attributionDate(' Roe said on Tuesday', 'after', null)).toBeNull()
    expect(attributionDate(' Roe said on Nov. 8', 'after', null)).toBeNull()
    expect(attributionDate(' Roe said on Nov. 8, 2017', 'after', null)).toBe('2017-11-08')
    expect(attributionDate(' Roe said on Feb. 30', 'after', PUB)).toBeNull()
  })
})
