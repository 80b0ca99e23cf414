import { describe, expect, it } from 'vitest'
import { parseDate } from '../../scripts/extract/dates'

describe('parseDate', () => {
  it.each([
    ['Saturday, December 2, 2023', '2023-12-02'],
    ['December 2, 2023', '2023-12-02'],
    ['Jan. 8, 2020', '2020-01-08'],
    ['Sept. 7, 2018', '2018-09-07'],
    ['Sep 7 2018', '2018-09-07'],
    ['2 December 2023', '2023-12-02'],
    ['2021-03-04', '2021-03-04'],
    ['2021-03-04T10:00:00Z', '2021-03-04'],
  ])('reads %s', (text, iso) => expect(parseDate(text)).toBe(iso))

  it.each(['February 30, 2020', '2021-13-01', 'last week', 'December 2023', ''])('refuses %s', (text) => expect(parseDate(text)).toBeNull())
})
