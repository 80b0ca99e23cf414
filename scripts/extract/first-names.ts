/**
 * @module
 * Common given names and the gender they usually carry: a hint for telling a person's name from
 * an organisation or place ("John Doe" vs "Norway"), and for resolving "he"/"she" when the text
 * gives no title. Only a hint: the text's own evidence (Mr/Ms, the pronoun after the name) wins.
 */

/** A person's gender as the text shows it (title or pronoun) or a given name suggests; null when unknown. */
export type Gender = 'm' | 'f' | null

const MALE =
  'aaron abdul abdullah abu adam adrian ahmad ahmed akbar alan albert alex alexander alexei ali alistair amir anders andre andrew andy angus anthony antonio arnold arthur ashraf ben benjamin bernard bernie bill billy bob boris brad bradley brandon brendan brett brian bruce bryan carl carlos charles charlie chris christian christopher chuck clarence colin connor craig dan daniel danny darius darren dave david dean dennis derek dmitry dominic don donald doug douglas duncan dustin dwayne ed eddie edward elijah emmanuel emmanuelle eric erik ethan evan fernando francis francisco frank fred frederick gabriel gareth gary gavin geoffrey george gerald giuseppe gordon graham grant greg gregory gustavo guy hamid hans harold harry hassan henry hossein howard hugh hunter ian ibrahim igor isaac ivan jack jacob jake james jamie jared jason javier jean jeff jeffrey jeremy jerome jerry jesse jim jimmy joe joel john johnny jon jonathan jorge jose joseph josh joshua juan julian justin karl keith ken kenneth kevin kim kirk kurt kyle lars lawrence lee leo leon leonard lewis liam louis luis luke malcolm marco marcus mario mark martin matt matthew max michael miguel mike mitch mitchell mohammad mohammed mohamed muhammad nathan neil nicholas nick nigel noah norman oliver omar oscar owen pablo patrick paul pedro pete peter phil philip pierre rafael ralph randy ray raymond reza richard rick rob robert roberto rodney roger ron ronald ross roy rudy russell ryan sam samuel scott sean sergei sergey seth simon stanley stephen steve steven stuart ted terry thomas tim timothy todd tom tommy tony travis trevor tyler victor vincent vladimir walter wayne william willie xavier yusuf zach zachary'
const FEMALE =
  'abigail ada adriana agnes aisha alexandra alice alicia alison amanda amber amelia amy ana andrea angela angelina anita ann anna anne annie april ashley barbara beatrice becky betty beverly brenda bridget brittany camila carla carmen carol caroline carolyn catherine cathy charlotte chelsea cheryl chloe christina christine cindy claire clara claudia colleen courtney cynthia daisy dana daniela danielle deborah debra denise diana diane donna doris dorothy eileen elena elizabeth ella ellen emily emma erica erin esther eva evelyn fatima fiona florence frances gabriela gail gemma gina gloria grace hannah harriet heather heidi helen ilhan irene isabel isabella jacqueline jane janet janice jasmine jean jennifer jenny jessica jill joan joanna jodie josephine joy joyce judith judy julia julie june karen kate katherine kathleen kathryn kathy katie kay kelly kim kimberly kristen laura lauren leah lesley linda lisa liz lois lorraine louise lucy lydia lynn madeleine maggie margaret maria marie marilyn marina martha mary maxine megan melanie melissa michelle mildred miranda molly monica nadia nancy naomi natalie natasha nicola nicole nina nora olivia pamela patricia paula pauline penny phyllis priti rachel rebecca regina rita roberta rose rosemary ruth sally samantha sandra sara sarah sharon sheila shirley sophia sophie stephanie susan suzanne sylvia tamara tanya teresa theresa tiffany tina tracy ursula valerie vanessa veronica victoria virginia wanda wendy yvonne zoe'

const GENDERS = new Map<string, Gender>([
  ...MALE.split(' ').map((n) => [n, 'm'] as [string, Gender]),
  ...FEMALE.split(' ').map((n) => [n, 'f'] as [string, Gender]),
])
for (const shared of ['jean', 'kim', 'emmanuelle']) GENDERS.set(shared, null)

/** true when the word is a common given name; the gender it usually has (null when either). */
export function givenName(word: string): { known: boolean; gender: Gender } {
  const key = word.toLowerCase().replace(/[^a-z]/g, '')
  return GENDERS.has(key) ? { known: true, gender: GENDERS.get(key) ?? null } : { known: false, gender: null }
}
