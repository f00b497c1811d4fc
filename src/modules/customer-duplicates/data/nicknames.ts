/**
 * Common given-name nicknames (English, then a few Italian, Spanish, German
 * and French ones): each group's first name is the one
 * the others map to. Data, not code: add groups here. Names are lower case
 * without accents (as the scan normalises them).
 */
export const NICKNAME_GROUPS: string[][] = [
  ["robert", "bob", "bobby", "rob", "robbie", "bert"],
  ["william", "bill", "billy", "will", "willie", "liam"],
  ["richard", "rick", "ricky", "dick", "rich", "richie"],
  ["james", "jim", "jimmy", "jamie"],
  ["john", "jack", "johnny", "jon"],
  ["jonathan", "jonny"],
  ["michael", "mike", "mikey", "mick", "mickey"],
  ["thomas", "tom", "tommy"],
  ["joseph", "joe", "joey"],
  ["charles", "charlie", "chuck", "chas"],
  ["christopher", "chris", "kit"],
  ["daniel", "dan", "danny"],
  ["david", "dave", "davy"],
  ["edward", "ed", "eddie", "ted", "ned"],
  ["anthony", "tony"],
  ["andrew", "andy", "drew"],
  ["matthew", "matt"],
  ["nicholas", "nick", "nicky"],
  ["steven", "stephen", "steve"],
  ["benjamin", "ben", "benny"],
  ["samuel", "sam", "sammy"],
  ["alexander", "alex", "sandy"],
  ["peter", "pete"],
  ["timothy", "tim", "timmy"],
  ["patrick", "pat", "paddy"],
  ["gregory", "greg"],
  ["kenneth", "ken", "kenny"],
  ["ronald", "ron", "ronnie"],
  ["donald", "don", "donnie"],
  ["lawrence", "larry"],
  ["henry", "harry", "hank"],
  ["frederick", "fred", "freddie"],
  ["philip", "phil"],
  ["gerald", "gerry", "jerry"],
  ["elizabeth", "liz", "lizzie", "beth", "betty", "eliza", "libby"],
  ["margaret", "maggie", "meg", "peggy", "madge"],
  ["catherine", "katherine", "kathryn", "kate", "katie", "kathy", "cathy", "kat"],
  ["jennifer", "jenny", "jen"],
  ["rebecca", "becky", "becca"],
  ["susan", "sue", "susie"],
  ["deborah", "debbie", "deb"],
  ["patricia", "patty", "trish", "tricia"],
  ["victoria", "vicky", "tori"],
  ["alexandra", "alex", "lexi"],
  ["samantha", "sam", "sammie"],
  ["jessica", "jess", "jessie"],
  ["christine", "chris", "chrissy", "tina"],
  ["kimberly", "kim"],
  ["abigail", "abby"],
  ["dorothy", "dot", "dottie"],
  ["barbara", "barb", "babs"],
  ["theresa", "teresa", "tess", "terri"],
  ["josephine", "jo", "josie"],
  ["eleanor", "ellie", "nell", "nora"],
  ["pamela", "pam"],
  ["amanda", "mandy"],
  // Italian, Spanish, German and French short forms
  ["giuseppe", "peppe", "beppe", "pino"],
  ["giuseppina", "pina"],
  ["francesco", "checco", "cesco"],
  ["salvatore", "toto", "turi"],
  ["francisco", "paco", "curro", "pancho"],
  ["jose", "pepe"],
  ["manuel", "manolo"],
  ["dolores", "lola"],
  ["ignacio", "nacho"],
  ["johannes", "hannes", "hans"],
  ["katharina", "katja", "kathi"],
  ["franziska", "franzi"],
  ["nicolas", "nico"],
]

/** nickname → canonical name (a name in several groups keeps its first). */
export const NICKNAMES: Record<string, string> = (() => {
  const map: Record<string, string> = {}
  for (const [canonical, ...others] of NICKNAME_GROUPS) {
    for (const n of others) {
      if (!(n in map) && n !== canonical) map[n] = canonical
    }
  }
  return map
})()
