/* name-variant and name-first-reference (SPEC §2), and out->people.
 *
 * Pass 1 walks each paragraph's prose once. A tokenizer fills a reused
 * token array; runs of capitalised words become name mentions (a full name,
 * a title plus a surname, or a lone capitalised word), and every word's use
 * across the document is tallied in a hash map ("in X", "the X", used in
 * lower case, part of an organisation's name, ...).
 *
 * The tokenizer is the hot loop: every word of the text goes through it,
 * and nearly all of them are plain lower-case words that only need their
 * word id and lexicon flags. Those take a fast path (plain_word): letters
 * found eight at a time, the text itself as the folded key, one probe of
 * the document's word map (analysis/smap.h), which stays in the first-level
 * cache; the lexicon is consulted once per distinct word. The evidence
 * that needs a token's neighbours is gathered for the capitalised words
 * alone, from a list the tokenizer keeps.
 *
 * Pass 2 decides which mentions are people, the way a copy editor reads
 * them: a "Firstname Surname" introduction defines a person; a lone word
 * that is an introduced surname is a later reference; a lone word that is
 * close to an introduced surname is a variant spelling of it; a lone word
 * that is never introduced is a person only with personal evidence (a
 * possessive, a speech verb, "X, who", an honorific) and no sign of being a
 * place or an organisation. Spellings are compared only as distinct folded
 * keys, bucketed by hash (equal fold, equal transliteration skeleton,
 * shared deletion neighbourhood for edit distance), so the whole run is
 * linear in the text.
 *
 * Case and diacritics are folded with a small built-in Latin table (Latin-1,
 * Latin Extended-A, Romanian comma letters, Greek and Cyrillic case) rather
 * than utf8proc: names in English copy are Latin script, the table covers
 * every letter the corpus and newsroom style guides use, and it keeps the
 * analysis library free of another dependency. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analysis/grow.h"
#include "analysis/rules.h"
#include "analysis/scan.h"
#include "analysis/smap.h"
#include "analysis/utf8.h"

/* ------------------------------------------------------------------ */
/* Word tables: one table each (DESIGN §5). All lower case, unaccented. */

/* Titles and honorifics before a name. A run "Title Name" is a titled
 * reference; the name part after the last title is the person. Multi-word
 * titles are matched as phrases ("secretary of state"). */
/* T_WEAK: also an adjective ("General Electric"): a title only before a
 * full name. T_NAMEISH: also a given name ("Dean Kamen"): a title only
 * before a full name, else the given name. */
typedef enum { T_PLAIN = 0, T_HONORIFIC, T_ROYAL, T_WEAK, T_NAMEISH } cd_title_kind;
typedef struct cd_title {
    const char *phrase;
    cd_title_kind kind;
} cd_title;

static const cd_title cd_titles[] = {
    /* Honorifics: the word after them is certainly a person. */
    {"mr", T_HONORIFIC}, {"mrs", T_HONORIFIC}, {"ms", T_HONORIFIC},
    {"miss", T_HONORIFIC}, {"mx", T_HONORIFIC}, {"dr", T_HONORIFIC},
    {"prof", T_HONORIFIC}, {"professor", T_HONORIFIC}, {"rev", T_HONORIFIC},
    {"reverend", T_HONORIFIC}, {"sir", T_HONORIFIC}, {"dame", T_HONORIFIC},
    {"sen", T_HONORIFIC}, {"rep", T_HONORIFIC}, {"gov", T_HONORIFIC},
    {"gen", T_HONORIFIC}, {"lt", T_HONORIFIC}, {"col", T_HONORIFIC},
    {"capt", T_HONORIFIC}, {"sgt", T_HONORIFIC}, {"adm", T_HONORIFIC},
    {"cmdr", T_HONORIFIC}, {"supt", T_HONORIFIC}, {"insp", T_HONORIFIC},
    {"det", T_HONORIFIC}, {"cpl", T_HONORIFIC}, {"pvt", T_HONORIFIC},
    {"madam", T_HONORIFIC}, {"madame", T_HONORIFIC},
    /* Office titles. */
    {"president", T_PLAIN}, {"vice president", T_PLAIN},
    {"vicepresident", T_PLAIN}, {"president elect", T_PLAIN},
    {"presidentelect", T_PLAIN}, {"prime minister", T_PLAIN},
    {"deputy prime minister", T_PLAIN}, {"minister", T_PLAIN},
    {"foreign minister", T_PLAIN}, {"finance minister", T_PLAIN},
    {"defence minister", T_PLAIN}, {"defense minister", T_PLAIN},
    {"interior minister", T_PLAIN}, {"chancellor", T_PLAIN},
    {"secretary", T_PLAIN}, {"secretary of state", T_PLAIN},
    {"secretary general", T_PLAIN}, {"secretarygeneral", T_PLAIN},
    {"attorney general", T_PLAIN}, {"attorney", T_PLAIN},
    {"judge", T_PLAIN}, {"justice", T_PLAIN}, {"chief justice", T_PLAIN},
    {"magistrate", T_PLAIN}, {"mayor", T_PLAIN}, {"deputy mayor", T_PLAIN},
    {"councillor", T_PLAIN}, {"councilman", T_PLAIN},
    {"councilwoman", T_PLAIN}, {"alderman", T_PLAIN},
    {"senator", T_PLAIN}, {"representative", T_PLAIN},
    {"congressman", T_PLAIN}, {"congresswoman", T_PLAIN},
    {"assemblyman", T_PLAIN}, {"assemblywoman", T_PLAIN},
    {"governor", T_PLAIN}, {"lieutenant governor", T_PLAIN},
    {"premier", T_PLAIN}, {"speaker", T_PLAIN}, {"ambassador", T_PLAIN},
    {"envoy", T_PLAIN}, {"commissioner", T_PLAIN}, {"sheriff", T_PLAIN},
    {"detective", T_PLAIN}, {"inspector", T_PLAIN},
    {"superintendent", T_PLAIN}, {"officer", T_PLAIN}, {"agent", T_PLAIN},
    {"lieutenant", T_PLAIN}, {"colonel", T_PLAIN}, {"sergeant", T_PLAIN},
    {"captain", T_PLAIN}, {"admiral", T_PLAIN}, {"commander", T_PLAIN},
    {"corporal", T_PLAIN}, {"brigadier", T_PLAIN},
    {"private", T_WEAK}, {"general", T_WEAK},
    {"major", T_WEAK}, {"chief", T_WEAK}, {"director", T_PLAIN},
    {"managing director", T_PLAIN}, {"executive director", T_PLAIN},
    {"director general", T_PLAIN}, {"chief executive", T_PLAIN},
    {"chief executive officer", T_PLAIN},
    {"chief operating officer", T_PLAIN},
    {"chief financial officer", T_PLAIN}, {"chairman", T_PLAIN},
    {"chairwoman", T_PLAIN}, {"chairperson", T_PLAIN},
    {"spokesman", T_PLAIN}, {"spokeswoman", T_PLAIN},
    {"spokesperson", T_PLAIN}, {"coach", T_PLAIN}, {"head coach", T_PLAIN},
    {"manager", T_PLAIN}, {"founder", T_PLAIN}, {"cofounder", T_PLAIN},
    {"dean", T_NAMEISH}, {"undersecretary", T_PLAIN},
    {"under secretary", T_PLAIN}, {"assistant secretary", T_PLAIN},
    {"deputy secretary", T_PLAIN}, {"ceo", T_PLAIN}, {"cfo", T_PLAIN},
    {"coo", T_PLAIN}, {"cto", T_PLAIN}, {"president and ceo", T_PLAIN},
    {"chairman and ceo", T_PLAIN}, {"vice chairman", T_PLAIN},
    {"archbishop", T_PLAIN}, {"bishop", T_PLAIN}, {"cardinal", T_PLAIN},
    {"rabbi", T_PLAIN}, {"imam", T_PLAIN}, {"ayatollah", T_PLAIN},
    {"pastor", T_PLAIN}, {"father", T_WEAK}, {"sister", T_WEAK},
    {"brother", T_WEAK}, {"deputy", T_PLAIN}, {"auditor", T_PLAIN},
    {"prosecutor", T_PLAIN}, {"treasurer", T_PLAIN}, {"trustee", T_PLAIN},
    {"economist", T_PLAIN}, {"analyst", T_PLAIN}, {"author", T_PLAIN},
    {"professor emeritus", T_PLAIN}, {"state senator", T_PLAIN},
    /* Royal and religious titles name a person completely with one name
       (Pope Francis, King Abdullah): no surname to introduce. */
    {"king", T_ROYAL}, {"queen", T_ROYAL}, {"prince", T_ROYAL},
    {"princess", T_ROYAL}, {"crown prince", T_ROYAL}, {"pope", T_ROYAL},
    {"emperor", T_ROYAL}, {"empress", T_ROYAL}, {"sheikh", T_ROYAL},
    {"sultan", T_ROYAL}, {"emir", T_ROYAL}, {"duke", T_ROYAL},
    {"duchess", T_ROYAL}, {"lord", T_ROYAL}, {"lady", T_ROYAL},
    {"saint", T_ROYAL}, {"st", T_ROYAL}, {"count", T_ROYAL},
    {"countess", T_ROYAL}, {"baron", T_ROYAL}, {"baroness", T_ROYAL},
};

/* Nobiliary and patronymic particles: lower-case words inside a name that
 * belong to the surname (Ludwig van Beethoven, Osama bin Laden). Prefixes
 * joined to the surname (McAllister, O'Brien, al-Assad) are one token. */
static const char *const cd_particles[] = {
    "van", "von", "der", "den", "de", "da", "di", "del", "della", "du",
    "dos", "das", "do", "la", "le", "bin", "ibn", "bint", "al", "el", "ben",
    "ter", "ten", "zu", "af", "y",
};

/* Generational suffixes after a name: not the surname. */
static const char *const cd_suffixes[] = {
    "jr", "sr", "ii", "iii", "iv",
};

/* Function words: capitalised only at the start of a sentence, never a
 * name. At the start of a capitalised run they are dropped ("Under
 * Qaddafi" is Qaddafi). */
static const char *const cd_function_words[] = {
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its",
    "their", "our", "my", "your", "he", "she", "it", "they", "we", "i",
    "you", "him", "them", "us", "me", "in", "on", "at", "by", "for", "from",
    "with", "without", "under", "over", "after", "before", "during",
    "since", "until", "as", "if", "when", "while", "where", "whether", "but",
    "and", "or", "nor", "so", "yet", "also", "then", "now", "there", "here",
    "both", "all", "many", "some", "several", "most", "more", "few", "each",
    "every", "no", "not", "one", "two", "three", "four", "five", "six",
    "seven", "eight", "nine", "ten", "according", "meanwhile", "however",
    "although", "though", "because", "despite", "earlier", "later",
    "today", "yesterday", "tomorrow", "tonight", "last", "next", "former",
    "late", "dear", "to", "of", "about", "against", "among", "amid",
    "between", "into", "through", "throughout", "upon", "via", "per",
    "what", "who", "whom", "whose", "which", "why", "how", "once", "even",
    "only", "just", "still", "instead", "thus", "hence", "therefore",
    "indeed", "perhaps", "maybe", "yes", "oh", "please", "thank", "thanks",
    "nobody", "somebody", "everybody", "anyone", "everyone", "someone",
    "nothing", "something", "everything", "another", "other", "such",
    "any", "none", "neither", "either", "first", "second", "third",
    "finally", "overall", "currently", "recently", "previously",
    "additionally", "further", "furthermore", "moreover", "again",
    "unlike", "like", "near", "outside", "inside", "within", "beyond",
    "across", "along", "around", "behind", "below", "beneath", "beside",
    "besides", "following", "regarding", "including", "except", "although",
    "whereas", "unless", "whilst", "shortly", "soon", "already", "almost",
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "do",
    "does", "did", "will", "would", "can", "could", "should", "may",
    "might", "must", "shall", "let", "well", "very", "too", "ago",
};

/* Capitalised words that are not given names or surnames: a run that
 * contains one is a date, a place or a thing, not a person. */
static const char *const cd_nonname_words[] = {
    "january", "february", "march", "april", "june", "july", "august",
    "september", "october", "november", "december", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "north", "south", "east", "west", "northern", "southern",
    "eastern", "western", "central", "new", "old", "upper", "lower",
    "greater", "san", "santa", "los", "las", "fort", "mount", "lake",
    "port", "cape", "united", "royal", "national", "federal", "state",
    "international", "world", "global", "european", "american", "african",
    "asian", "british", "christmas", "easter", "eve", "day", "year",
    "week", "month", "century", "internet", "web", "online", "english",
    "french", "german", "spanish", "chinese", "russian", "arabic",
    "islamic", "christian", "muslim", "jewish", "catholic", "republican",
    "democrat", "democratic", "labour", "conservative", "liberal",
    "olympic", "olympics", "premier", "grand", "supreme", "high", "low",
    "big", "little", "great", "holy", "good", "best", "top", "live",
    "breaking", "update", "exclusive", "photo", "video", "file",
    "section", "page", "chapter", "part", "volume", "series", "season",
    "episode", "edition", "version", "release", "pro", "anti", "ex", "air",
    "islam", "god", "allah", "bible", "koran", "quran",
    /* Office nouns that end a title phrase and are never surnames: a run
       "Assistant Secretary" is a title, not a person. */
    "secretary", "undersecretary", "president", "minister", "director",
    "chairman", "chairwoman", "spokesman", "spokeswoman", "spokesperson",
    "governor", "senator", "ambassador", "commissioner", "executive",
    "officer", "attorney", "ceo", "envoy", "representative", "councillor",
    "congressman", "congresswoman", "vice", "deputy", "assistant",
};

/* Place names that turn up alone in news copy, often as possessives
 * ("Japan's Nikkei", "Thailand's foreign minister"): countries, U.S.
 * states, Canadian provinces, continents and the most-cited cities. They
 * still count as surnames when a person of that name is introduced
 * (Michael Jordan); alone they are never a person to introduce. */
static const char *const cd_place_words[] = {
    "afghanistan", "albania", "algeria", "andorra", "angola", "argentina",
    "armenia", "australia", "austria", "azerbaijan", "bahamas", "bahrain",
    "bangladesh", "barbados", "belarus", "belgium", "belize", "benin",
    "bhutan", "bolivia", "bosnia", "botswana", "brazil", "brunei",
    "bulgaria", "burundi", "cambodia", "cameroon", "canada", "chad",
    "chile", "china", "colombia", "congo", "croatia", "cuba", "cyprus",
    "czechia", "denmark", "djibouti", "dominica", "ecuador", "egypt",
    "eritrea", "estonia", "eswatini", "ethiopia", "fiji", "finland",
    "france", "gabon", "gambia", "georgia", "germany", "ghana", "greece",
    "grenada", "guatemala", "guinea", "guyana", "haiti", "honduras",
    "hungary", "iceland", "india", "indonesia", "iran", "iraq", "ireland",
    "israel", "italy", "jamaica", "japan", "jordan", "kazakhstan", "kenya",
    "kiribati", "kosovo", "kuwait", "kyrgyzstan", "laos", "latvia",
    "lebanon", "lesotho", "liberia", "libya", "liechtenstein", "lithuania",
    "luxembourg", "madagascar", "malawi", "malaysia", "maldives", "mali",
    "malta", "mauritania", "mauritius", "mexico", "micronesia", "moldova",
    "monaco", "mongolia", "montenegro", "morocco", "mozambique", "myanmar",
    "burma", "namibia", "nauru", "nepal", "netherlands", "holland",
    "nicaragua", "niger", "nigeria", "norway", "oman", "pakistan", "palau",
    "palestine", "panama", "paraguay", "peru", "philippines", "poland",
    "portugal", "qatar", "romania", "russia", "rwanda", "samoa", "senegal",
    "serbia", "seychelles", "singapore", "slovakia", "slovenia", "somalia",
    "spain", "sudan", "suriname", "sweden", "switzerland", "syria",
    "taiwan", "tajikistan", "tanzania", "thailand", "togo", "tonga",
    "tunisia", "turkey", "turkmenistan", "tuvalu", "uganda", "ukraine",
    "uruguay", "uzbekistan", "vanuatu", "vatican", "venezuela", "vietnam",
    "yemen", "zambia", "zimbabwe", "britain", "england", "scotland",
    "wales", "europe", "asia", "africa", "america", "americas",
    "antarctica", "oceania", "arctic", "antarctic", "caribbean",
    "scandinavia", "balkans", "alabama", "alaska", "arizona", "arkansas",
    "california", "colorado", "connecticut", "delaware", "florida",
    "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky",
    "louisiana", "maine", "maryland", "massachusetts", "michigan",
    "minnesota", "mississippi", "missouri", "montana", "nebraska",
    "nevada", "ohio", "oklahoma", "oregon", "pennsylvania", "tennessee",
    "texas", "utah", "vermont", "virginia", "wisconsin", "wyoming",
    "ontario", "quebec", "alberta", "manitoba", "saskatchewan",
    "london", "paris", "berlin", "frankfurt", "rome", "madrid", "moscow",
    "beijing", "shanghai", "tokyo", "seoul", "delhi", "mumbai", "dubai",
    "istanbul", "cairo", "jerusalem", "tehran", "baghdad", "kabul",
    "kyiv", "kiev", "brussels", "vienna", "geneva", "zurich", "amsterdam",
    "stockholm", "oslo", "copenhagen", "helsinki", "warsaw", "prague",
    "budapest", "athens", "lisbon", "dublin", "edinburgh", "sydney",
    "melbourne", "toronto", "montreal", "vancouver", "ottawa", "chicago",
    "boston", "detroit", "atlanta", "miami", "seattle", "denver",
    "houston", "dallas", "phoenix", "manhattan", "brooklyn", "hollywood",
    "tripoli", "damascus", "beirut", "riyadh", "karachi", "lagos",
    "nairobi", "johannesburg", "havana", "caracas", "lima", "bogota",
    "santiago", "pyongyang", "taipei", "bangkok", "jakarta", "manila",
    "hanoi", "gaza", "crimea", "kashmir", "tibet", "hongkong", "macau",
};

/* News agencies and outlets, cited alone ("told Reuters", "AP reported"):
 * organisations, read like the place words above: a surname only when a
 * person of that name is introduced (Michael Bloomberg). */
static const char *const cd_outlet_words[] = {
    "reuters", "ap", "afp", "bloomberg", "cnn", "bbc", "upi", "dpa",
    "efe", "ansa", "xinhua", "tass", "interfax", "kyodo", "yonhap",
    "aljazeera", "nbc", "abc", "cbs", "msnbc", "npr", "pbs", "cnbc",
    "politico", "axios", "itv", "rte", "cbc", "nhk", "rtl",
    "newsweek",
};

/* Nouns before a lone given name in apposition ("their child, Gloria",
 * "his wife Manju"): children, relatives and pets are named by a first
 * name alone, which is no missing introduction. */
static const char *const cd_kin_words[] = {
    "child", "children", "son", "sons", "daughter", "daughters", "wife",
    "husband", "brother", "sister", "mother", "father", "mom", "mum", "dad",
    "baby", "boy", "girl", "infant", "toddler", "grandson",
    "granddaughter", "grandchild", "nephew", "niece", "cousin", "partner",
    "fiance", "fiancee", "girlfriend", "boyfriend", "twin", "twins",
    "dog", "cat", "horse", "puppy", "pet", "gorilla", "panda", "elephant",
};

/* Organisation and place nouns: "Riverton City Council", "Illinois
 * Department of Transportation", "Lakeshore Paving Inc." are not people. */
static const char *const cd_org_words[] = {
    "department", "ministry", "council", "street", "avenue", "road",
    "square", "boulevard", "lane", "drive", "highway", "route", "university",
    "college", "school", "academy", "institute", "group", "party", "inc",
    "corp", "corporation", "company", "co", "ltd", "llc", "plc", "ag",
    "gmbh", "bank", "fund", "agency", "association", "union", "committee",
    "commission", "court", "house", "senate", "congress", "parliament",
    "assembly", "office", "service", "services", "board", "authority",
    "administration", "government", "army", "navy", "force", "forces",
    "police", "hospital", "clinic", "center", "centre", "museum", "library",
    "church", "cathedral", "mosque", "temple", "airport", "station",
    "park", "river", "sea", "ocean", "gulf", "bay", "island", "islands",
    "mountain", "mountains", "valley", "county", "city", "province",
    "district", "region", "republic", "kingdom", "states", "empire",
    "federation", "news", "times", "post", "journal", "magazine", "press",
    "network", "media", "tv", "radio", "records", "studios", "pictures",
    "foundation", "trust", "society", "club", "team", "league", "cup",
    "championship", "games", "festival", "awards", "award", "prize",
    "medal", "project", "program", "programme", "system", "systems",
    "technologies", "technology", "software", "labs", "motors", "airlines",
    "airways", "energy", "oil", "gas", "pharmaceuticals", "holdings",
    "partners", "capital", "securities", "exchange", "market", "markets",
    "index", "hall", "tower", "towers", "building", "bridge", "stadium",
    "arena", "mall", "plaza", "hotel", "war", "revolution", "act", "bill",
    "treaty", "accord", "agreement", "declaration", "constitution", "law",
    "movement", "front", "alliance", "coalition", "brigade", "brigades",
    "corps", "guard", "command", "division", "battalion", "regiment",
    "organization", "organisation", "industries", "international",
    "mobile", "communications", "telecom", "entertainment", "studio",
    "store", "stores", "shop", "café", "cafe", "restaurant", "bar",
    "theatre", "theater", "gallery", "zoo", "prison", "jail", "base",
    "camp", "port", "harbour", "harbor", "canal", "lakes", "desert",
    "forest", "coast", "peninsula", "strait", "channel", "territory",
    "territories", "capitol", "palace", "castle", "abbey", "chapel",
    "centers", "centres", "cemetery", "memorial", "monument", "tunnel",
    "railway", "railroad", "line", "lines", "express", "airport",
    "parish", "diocese", "borough", "township", "village", "town",
    "county's", "inc.", "limited", "gazette", "herald", "tribune",
    "daily", "weekly", "review", "report", "times'", "wire", "channel",
    "economics", "science", "sciences", "studies", "research",
    "laboratory", "observatory", "council's", "conference", "summit",
    "forum", "convention", "olympiad", "tournament", "open", "series",
    "grand", "prix", "trophy", "bowl", "derby", "marathon", "rally",
    "treasury", "pentagon", "kremlin", "interpol", "nato",
};

/* Speech verbs: the subject of one is a speaker, i.e. a person (or an
 * organisation, which the place/organisation evidence rules out). */
static const char *const cd_speech_verbs[] = {
    "said", "says", "say", "told", "tells", "added", "adds", "wrote",
    "writes", "asked", "asks", "noted", "notes", "tweeted", "tweets",
    "posted", "argued", "argues", "insisted", "insists", "warned", "warns",
    "testified", "testifies", "stated", "explained", "explains",
    "announced", "announces", "claimed", "claims", "declared", "declares",
    "replied", "replies", "responded", "responds", "commented", "comments",
    "acknowledged", "acknowledges", "admitted", "admits", "recalled",
    "recalls", "suggested", "suggests", "confirmed", "confirms", "denied",
    "denies", "stressed", "stresses", "urged", "urges", "predicted",
    "predicts", "conceded", "concedes", "countered", "counters",
    "emphasised", "emphasized", "emphasises", "emphasizes", "remarked",
    "remarks", "contended", "contends", "maintained", "maintains",
    "alleged", "alleges", "described", "describes", "asserted", "asserts",
    "believes", "thinks", "thought", "believed", "felt", "feels",
};

/* Words allowed between a subject and its speech verb ("Putin also
 * said", "Kerry has said"). */
static const char *const cd_aux_words[] = {
    "also", "has", "had", "have", "later", "then", "previously", "earlier",
    "again", "once", "further", "recently", "reportedly", "repeatedly",
    "publicly", "privately", "initially", "separately", "would", "will",
    "had", "did", "does", "has", "not", "never", "always", "often",
};

/* Nouns after a name that use it as an adjective ("the Obama
 * administration", "Bush era"): not a reference to the person. */
static const char *const cd_modifier_nouns[] = {
    "administration", "administrations", "government", "campaign", "era",
    "family", "families", "foundation", "presidency", "regime", "camp",
    "doctrine", "years", "estate", "cabinet", "supporters", "loyalists",
    "aides", "library", "center", "centre", "prize", "award", "plan",
    "policy", "policies", "case", "trial", "affair", "scandal", "brothers",
    "sisters", "household", "clan", "dynasty", "legacy", "memorial",
    "style", "effect", "rule", "law", "act", "method", "syndrome",
    "disease", "theory", "equation", "test", "scale", "index",
};

/* Locative prepositions: "in Russia", "at Cyrene" make a word a place or
 * an organisation ("at Apple"). */
static const char *const cd_locatives[] = {
    "in", "at", "into", "across", "throughout", "near", "inside", "outside",
    "within", "around", "towards", "toward", "onto",
};

/* Place adjectives that may sit between a locative and the place ("in
 * eastern Libya"). */
static const char *const cd_geo_adjectives[] = {
    "northern", "southern", "eastern", "western", "central", "north",
    "south", "east", "west", "northeastern", "northwestern", "southeastern",
    "southwestern", "northeast", "northwest", "southeast", "southwest",
    "rural", "urban", "coastal", "downtown", "suburban", "greater",
    "neighbouring", "neighboring", "nearby", "occupied", "mainland",
};

/* Motion words: "to X" after one of them makes X a place ("heading to
 * Moscow"); "to X" after anything else may be a person ("spoke to X"). */
static const char *const cd_motion_words[] = {
    "heading", "head", "headed", "heads", "travel", "traveled", "travelled",
    "traveling", "travelling", "travels", "went", "go", "going", "goes",
    "gone", "flew", "fly", "flying", "flies", "returned", "return",
    "returning", "returns", "moved", "move", "moving", "trip", "trips",
    "visit", "visits", "journey", "back", "came", "come", "coming",
    "comes", "sent", "deported", "extradited", "fled", "relocated",
    "flight", "flights", "route", "road", "way", "exported", "shipped",
    "delivered", "migrated", "emigrated", "immigrated", "arrived",
    "drove", "sailed", "walked", "ran", "transferred", "expanded",
};

/* Lower-case nouns that put an organisation or place in apposition
 * ("engineering group Vallorin", "rival Microsoft", "city of Cyrene"). */
static const char *const cd_org_appositives[] = {
    "group", "firm", "company", "rival", "rivals", "carrier", "maker",
    "giant", "brand", "retailer", "newspaper", "broadcaster", "agency",
    "bank", "lender", "insurer", "airline", "club", "team", "side",
    "network", "outlet", "publication", "website", "site", "magazine",
    "city", "town", "village", "province", "region", "country", "nation",
    "island", "capital", "port", "startup", "conglomerate",
    "manufacturer", "producer", "supplier", "chain", "operator",
    "developer", "studio", "label", "band", "charity", "organization",
    "organisation", "ministry", "department", "unit", "subsidiary",
    "regulator", "exchange", "state", "republic", "kingdom", "county",
    "district", "neighbourhood", "neighborhood", "suburb", "daily",
    "paper", "channel", "station", "service", "platform", "app",
    "browser", "software", "operating", "party", "movement", "union",
    "university", "school", "hospital", "airport", "consortium",
    "partner", "partners", "customer", "customers", "clients", "client",
    "shares", "stock", "brands", "vendor", "vendors", "provider",
    "providers", "competitor", "competitors", "owner", "unit",
};

/* Determiners: "the X", "a X", "every X" is not a person reference (the
 * Obamas, the White House, every Northgate site), nor "his X" ("his
 * Commonwealth's families"): a possessive pronoun owns a thing. "her" is
 * left out: it is also an object ("told her Putin would come"). */
static const char *const cd_determiners[] = {
    "the", "a", "an", "this", "that", "these", "those", "every", "each",
    "any", "no", "its", "their", "our", "your", "another", "which", "his",
    "my",
};

/* Lower-case tails of hyphenated English compounds ("Smith-led",
 * "Chicago-born"): such a word is not the hyphenated given name of a
 * family-name-first name (Ji Seong-ho, Moon Jae-in). Only tails of up to
 * four letters need listing; longer ones are never taken as given names. */
static const char *const cd_compound_tails[] = {
    "led", "run", "born", "bred", "made", "like", "free", "era", "held",
    "old", "new", "wide", "long", "area", "type", "size", "hit", "left",
    "fed", "paid", "sent", "set", "day", "year", "week", "time", "side",
    "only", "less", "ward",
};

/* Pronouns that follow a name in its sentence: "its" makes it a thing
 * ("Apple released its", and in British copy "Apple have ... their"),
 * "he"/"she" end the search. "it" is not counted: "Kerry said it would"
 * is as common as "Apple said it would". */
static const char *const cd_pronouns_thing[] = {
    "its", "itself", "their", "theirs", "themselves",
};
/* "it": counted, but only as a tally against "he"/"she" over all the
 * mentions of a word ("Boeing ... the steps it has taken"). */
static const char *const cd_pronouns_it[] = {
    "it",
};
static const char *const cd_pronouns_person[] = {
    "he", "she", "his", "her", "him", "himself", "herself",
};

/* Abbreviations that take a full stop and stay in the word ("Mr.",
 * "Sen.", "Jr."): the period is not the end of a sentence. */
/* The generated table of common English given names (first_names.c). */
extern const char *const cd_first_names[];
extern const size_t cd_n_first_names;

static const char *const cd_abbreviations[] = {
    "mr", "mrs", "ms", "mx", "dr", "prof", "rev", "sen", "rep", "gov",
    "gen", "lt", "col", "capt", "sgt", "adm", "cmdr", "supt", "insp", "det",
    "cpl", "pvt", "jr", "sr", "st", "maj", "hon", "pres",
};

/* ------------------------------------------------------------------ */
/* UTF-8 and the Latin fold.                                           */

/* Base letters of U+00C0..U+00FF; '*' marks × and ÷. */
static const char cd_fold_latin1[] =
    "aaaaaaaceeeeiiii" "dnooooo*ouuuuyts"
    "aaaaaaaceeeeiiii" "dnooooo*ouuuuyty";
/* Base letters of U+0100..U+017F (Latin Extended-A). */
static const char cd_fold_exta[] =
    "aaaaaaccccccccdd" "ddeeeeeeeeeegggg" "gggghhhhiiiiiiii"
    "iiiijjkkklllllll" "lllnnnnnnnnnoooo" "oooorrrrrrssssss"
    "sstttttttuuuuuuuu" "uuuwwyyyzzzzzzs";

static inline bool is_letter_cp(uint32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    if (cp == 0xD7 || cp == 0xF7)
        return false;
    /* Latin, IPA, modifier letters (the ʻokina), combining marks, Greek,
       Cyrillic, Armenian, Hebrew, Arabic, ... up to General Punctuation. */
    return cp >= 0xC0 && cp < 0x2000;
}

static inline bool is_upper_cp(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    if (cp >= 0xC0 && cp <= 0xDE)
        return cp != 0xD7;
    if (cp >= 0x100 && cp <= 0x137)
        return (cp & 1) == 0;
    if (cp >= 0x139 && cp <= 0x148)
        return (cp & 1) == 1;
    if (cp >= 0x14A && cp <= 0x177)
        return (cp & 1) == 0;
    if (cp == 0x178)
        return true;
    if (cp >= 0x179 && cp <= 0x17E)
        return (cp & 1) == 1;
    if (cp >= 0x218 && cp <= 0x21B)
        return (cp & 1) == 0;
    if (cp >= 0x391 && cp <= 0x3A9)
        return true;
    if (cp >= 0x400 && cp <= 0x42F)
        return true;
    return false;
}

/* Appends the folded form of cp to out (lower case, diacritics dropped for
 * Latin; lower case for Greek and Cyrillic; combining marks dropped).
 * Returns bytes written (0..4). */
static size_t fold_cp(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp);
        return 1;
    }
    if (cp >= 0xC0 && cp <= 0xFF && cd_fold_latin1[cp - 0xC0] != '*') {
        out[0] = cd_fold_latin1[cp - 0xC0];
        return 1;
    }
    if (cp >= 0x100 && cp <= 0x17F) {
        out[0] = cd_fold_exta[cp - 0x100];
        return 1;
    }
    if (cp >= 0x218 && cp <= 0x21B) { /* Ș ș Ț ț */
        out[0] = cp < 0x21A ? 's' : 't';
        return 1;
    }
    if (cp >= 0x300 && cp <= 0x36F)
        return 0; /* combining accents (NFD input) */
    if (cp >= 0x391 && cp <= 0x3A9)
        cp += 0x20;
    else if (cp >= 0x410 && cp <= 0x42F)
        cp += 0x20;
    else if (cp >= 0x400 && cp <= 0x40F)
        cp += 0x50;
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

#define CD_KEY_MAX 128

/* Folds s[a..b) into out (at most CD_KEY_MAX-1 bytes): letters and digits
 * only, so case, diacritics, hyphens, apostrophes, dots and spaces all
 * compare equal (McAllister/Mcallister, Erdoğan/Erdogan, Jean-Pierre/Jean
 * Pierre). Returns the length. */
static size_t fold_key(const char *s, size_t a, size_t b, char *out)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = 0;
    for (size_t i = a; i < b;) {
        unsigned char c = u[i];
        if (c < 0x80) { /* the common case, without decoding */
            i++;
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c + 32);
            else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
                continue;
            if (n + 1 >= CD_KEY_MAX)
                break;
            out[n++] = (char)c;
            continue;
        }
        size_t l;
        uint32_t cp = cd_u8_decode(u, b, i, &l);
        i += l;
        if (!(is_letter_cp(cp) || (cp >= '0' && cp <= '9')))
            continue;
        char tmp[4];
        size_t k = fold_cp(cp, tmp);
        if (n + k >= CD_KEY_MAX)
            break;
        memcpy(out + n, tmp, k);
        n += k;
    }
    out[n] = '\0';
    return n;
}

/* Byte classes for the tokenizer's plain-word path (plain_word_end). */
enum {
    BC_LOWER = 1u << 0,     /* a-z */
    BC_UPPER = 1u << 1,     /* A-Z */
    BC_ENDS_WORD = 1u << 2, /* ASCII that no word continues through: not a
                               letter, digit, hyphen, apostrophe or dot */
};
static unsigned char cd_byte_class[256];

static void byte_class_build(void)
{
    for (int c = 0; c < 0x80; c++) {
        unsigned char f = 0;
        if (c >= 'a' && c <= 'z')
            f = BC_LOWER;
        else if (c >= 'A' && c <= 'Z')
            f = BC_UPPER;
        else if (!(c >= '0' && c <= '9') && c != '-' && c != '\'' &&
                 c != '.')
            f = BC_ENDS_WORD;
        cd_byte_class[c] = f;
    }
}

/* Endings of capitalised common nouns and plural demonyms, never of a
 * surname: followers and doctrines (-ist, -ism, -phobia, -ology) and
 * peoples (Canadians, Americans). */
static const char *const cd_noun_endings[] = {
    "ist", "ists", "ism", "isms", "phobia", "ology", "ologist", "ians",
    "cans", "ites",
};

/* Endings that only surnames have (Lindqvist, Karlsson, Savchenko,
 * Kowalczyk, Petrovich, Papadopoulos, Popescu, Saakashvili): a lone word
 * with one, used mid-sentence, reads as a person. Endings shared with
 * places or firms (-son: Madison, Ericsson; -berg, -stein) are left out. */
static const char *const cd_surname_endings[] = {
    "qvist", "quist", "kvist", "sson", "enko", "chuk", "czyk", "wicz",
    "ovich", "evich", "ovic", "evic", "poulos", "escu", "ishvili", "adze",
    "oglu",
};

/* Their lengths, filled with the lexicon (no strlen per word). */
static size_t cd_surname_ending_len[sizeof cd_surname_endings /
                                    sizeof cd_surname_endings[0]];
static size_t cd_noun_ending_len[sizeof cd_noun_endings /
                                 sizeof cd_noun_endings[0]];

/* Does key k (n bytes) end with one of the endings, leaving more than
 * min_stem bytes before it? The last letters are compared first: most
 * words end with none of the endings' last letters. */
static bool ends_with_any(const char *k, size_t n, const char *const *endings,
                          const size_t *lens, size_t count, size_t min_stem)
{
    for (size_t i = 0; i < count; i++) {
        size_t l = lens[i];
        if (n > l + min_stem && k[n - 1] == endings[i][l - 1] &&
            memcmp(k + n - l, endings[i], l) == 0)
            return true;
    }
    return false;
}

static bool surname_shaped(const char *k, size_t n)
{
    return ends_with_any(k, n, cd_surname_endings, cd_surname_ending_len,
                         sizeof cd_surname_endings /
                             sizeof cd_surname_endings[0],
                         1);
}

static bool nounish(const char *k, size_t n)
{
    return ends_with_any(k, n, cd_noun_endings, cd_noun_ending_len,
                         sizeof cd_noun_endings / sizeof cd_noun_endings[0],
                         2);
}

/* ------------------------------------------------------------------ */
/* The lexicon: every table above in one read-only hash map, built once
 * (lex_build) and kept, with the arrays below, for the life of the
 * process. */

enum {
    LX_FUNC = 1u << 0,
    LX_NONNAME = 1u << 1,
    LX_ORG = 1u << 2,
    LX_TITLE = 1u << 3,
    LX_PARTICLE = 1u << 4,
    LX_SUFFIX = 1u << 5,
    LX_SPEECH = 1u << 6,
    LX_MODIFIER = 1u << 7,
    LX_LOC = 1u << 8,
    LX_GEOADJ = 1u << 9,
    LX_ORGAPPOS = 1u << 10,
    LX_ABBR = 1u << 11,
    LX_MOTION = 1u << 12,
    LX_DET = 1u << 13,
    LX_AUX = 1u << 14,
    LX_IT = 1u << 15,
    LX_HE = 1u << 16,
    LX_PLACE = 1u << 17,
    LX_KIN = 1u << 18,
    LX_ITWEAK = 1u << 19,
    LX_TITLE_INNER = 1u << 20, /* a later word of a title phrase ("of") */
    LX_CTAIL = 1u << 21,       /* a compound tail ("-led", "-born") */
    LX_PRONOUN = LX_IT | LX_ITWEAK | LX_HE,
};

typedef struct cd_title_words {
    char words[4][24];
    uint32_t ids[4];   /* lexicon ids of the words */
    size_t n;
    cd_title_kind kind;
} cd_title_words;

#define CD_N_TITLES (sizeof cd_titles / sizeof cd_titles[0])

static cd_smap cd_lex;
static uint32_t *cd_lex_flags;
static cd_title_words cd_title_split[CD_N_TITLES];
/* Title indices grouped by the lexicon id of their first word, in table
 * order within a group: title_at tries only the titles that can start at
 * a word. cd_title_from[id] .. cd_title_from[id + 1] index cd_title_order. */
static size_t cd_title_order[CD_N_TITLES];
static size_t *cd_title_from;
static bool cd_lex_ok;
/* Lexicon ids of the few words the evidence code compares with. */
static uint32_t cd_id_to, cd_id_of, cd_id_who, cd_id_whose, cd_id_and;
/* The given names, in a map of their own: they are looked up once per
 * distinct word that word_endings is asked about, so they stay out of
 * the lexicon that every new word of a document is looked up in. */
static cd_smap cd_first;
static pthread_once_t cd_lex_once = PTHREAD_ONCE_INIT;

static bool lex_add(const char *w, uint32_t flag, size_t *cap)
{
    char key[CD_KEY_MAX];
    size_t n = fold_key(w, 0, strlen(w), key);
    size_t before = cd_lex.n;
    long id = cd_smap_get(&cd_lex, key, n, true);
    if (id < 0 || cd_grow((void **)&cd_lex_flags, cap, (size_t)id + 1,
                           sizeof *cd_lex_flags) != 0)
        return false;
    /* Clear the flags of a new word only: a word added again while it
       is still the newest ("mayor", then "deputy mayor") keeps them. */
    if (cd_lex.n > before)
        cd_lex_flags[id] = 0;
    cd_lex_flags[id] |= flag;
    return true;
}

#define LEX_TABLE(tab, flag)                                              \
    for (size_t i_ = 0; ok && i_ < sizeof tab / sizeof tab[0]; i_++)      \
        ok = lex_add(tab[i_], flag, &cap)

static void lex_build(void)
{
    size_t cap = 0;
    bool ok = true;
    byte_class_build();
    LEX_TABLE(cd_particles, LX_PARTICLE);
    LEX_TABLE(cd_suffixes, LX_SUFFIX);
    LEX_TABLE(cd_function_words, LX_FUNC);
    LEX_TABLE(cd_nonname_words, LX_NONNAME);
    LEX_TABLE(cd_org_words, LX_ORG);
    LEX_TABLE(cd_speech_verbs, LX_SPEECH);
    LEX_TABLE(cd_aux_words, LX_AUX);
    LEX_TABLE(cd_modifier_nouns, LX_MODIFIER);
    LEX_TABLE(cd_locatives, LX_LOC);
    LEX_TABLE(cd_geo_adjectives, LX_GEOADJ);
    LEX_TABLE(cd_motion_words, LX_MOTION);
    LEX_TABLE(cd_org_appositives, LX_ORGAPPOS);
    LEX_TABLE(cd_determiners, LX_DET);
    LEX_TABLE(cd_pronouns_thing, LX_IT);
    LEX_TABLE(cd_pronouns_person, LX_HE);
    LEX_TABLE(cd_abbreviations, LX_ABBR);
    LEX_TABLE(cd_place_words, LX_PLACE);
    LEX_TABLE(cd_outlet_words, LX_PLACE);
    LEX_TABLE(cd_kin_words, LX_KIN);
    LEX_TABLE(cd_pronouns_it, LX_ITWEAK);
    LEX_TABLE(cd_compound_tails, LX_CTAIL);
    for (size_t i = 0; ok && i < cd_n_first_names; i++) {
        char key[CD_KEY_MAX];
        const char *w = cd_first_names[i];
        size_t n = fold_key(w, 0, strlen(w), key);
        ok = cd_smap_get(&cd_first, key, n, true) >= 0;
    }
    for (size_t t = 0; ok && t < CD_N_TITLES; t++) {
        cd_title_words *tw = &cd_title_split[t];
        tw->kind = cd_titles[t].kind;
        const char *p = cd_titles[t].phrase;
        while (*p && tw->n < 4) {
            size_t l = strcspn(p, " ");
            if (l >= sizeof tw->words[0])
                l = sizeof tw->words[0] - 1;
            memcpy(tw->words[tw->n], p, l);
            tw->words[tw->n][l] = '\0';
            tw->n++;
            p += l;
            while (*p == ' ')
                p++;
        }
        ok = lex_add(tw->words[0], LX_TITLE, &cap);
        for (size_t w = 1; ok && w < tw->n; w++)
            ok = lex_add(tw->words[w], LX_TITLE_INNER, &cap);
        for (size_t w = 0; ok && w < tw->n; w++) {
            char key[CD_KEY_MAX];
            size_t kn = fold_key(tw->words[w], 0, strlen(tw->words[w]), key);
            tw->ids[w] = (uint32_t)cd_smap_get(&cd_lex, key, kn, false);
        }
    }
    static const struct {
        const char *w;
        uint32_t *id;
    } ids[] = {{"to", &cd_id_to}, {"of", &cd_id_of}, {"who", &cd_id_who},
               {"whose", &cd_id_whose}, {"and", &cd_id_and}};
    for (size_t i = 0; ok && i < sizeof ids / sizeof ids[0]; i++) {
        size_t before = cd_lex.n;
        long id = cd_smap_get(&cd_lex, ids[i].w, strlen(ids[i].w), true);
        ok = id >= 0 && cd_grow((void **)&cd_lex_flags, &cap,
                                 (size_t)id + 1, sizeof *cd_lex_flags) == 0;
        if (ok && cd_lex.n > before)
            cd_lex_flags[id] = 0;
        *ids[i].id = (uint32_t)id;
    }
    if (ok) {
        cd_title_from = calloc(cd_lex.n + 2, sizeof *cd_title_from);
        ok = cd_title_from != NULL;
    }
    if (ok) {
        for (size_t t = 0; t < CD_N_TITLES; t++)
            cd_title_from[cd_title_split[t].ids[0] + 2]++;
        for (size_t id = 0; id < cd_lex.n; id++)
            cd_title_from[id + 2] += cd_title_from[id + 1];
        for (size_t t = 0; t < CD_N_TITLES; t++)
            cd_title_order[cd_title_from[cd_title_split[t].ids[0] + 1]++] = t;
    }
    for (size_t i = 0; i < sizeof cd_noun_endings / sizeof cd_noun_endings[0];
         i++)
        cd_noun_ending_len[i] = strlen(cd_noun_endings[i]);
    for (size_t i = 0;
         i < sizeof cd_surname_endings / sizeof cd_surname_endings[0]; i++)
        cd_surname_ending_len[i] = strlen(cd_surname_endings[i]);
    cd_lex_ok = ok;
}

/* ------------------------------------------------------------------ */
/* Tokens.                                                             */

enum { TK_WORD = 0, TK_NUM, TK_PUNCT };

typedef struct cd_tok {
    size_t start, end;  /* the word (no possessive, no abbreviation dot) */
    size_t full_end;    /* with the possessive and the dot */
    uint32_t cp;        /* TK_PUNCT: the character */
    uint32_t lex;       /* lexicon flags of the folded word */
    uint32_t wid;       /* word id in the document's word map */
    uint32_t lid;       /* lexicon id of the folded word, or CD_NO_LEX */
    size_t sent;        /* sentence index */
    /* One byte each rather than bit-fields: the tokenizer sets them one
       by one, and a byte store needs no read of its neighbours. */
    uint8_t kind;
    bool cap;          /* starts with a capital */
    bool allcaps;      /* two or more letters, all capitals (CHICAGO, U.S.,
                          CEO) */
    bool initial;      /* one capital and a dot (W.) */
    bool poss;         /* ends in 's or s' */
    bool sinit;        /* first word of its sentence or quotation */
    bool innercaps;    /* a capital after a lower-case letter that no name
                          prefix explains (BlackBerry, YouTube) */
    bool space_before;
    bool hasdigit;     /* digits in or against it (3GS, G8) */
    bool lowtail;      /* a hyphenated compound ending in lower case
                          (Chicago-based, Russian-born) */
    bool quoted;       /* inside a quotation */
    bool plposs;       /* plural possessive form (the Pappases’) */
} cd_tok;

/* ------------------------------------------------------------------ */
/* Per-document state.                                                 */

/* Document-wide evidence about a folded word. */
enum {
    W_LOWER = 1u << 0,      /* used in lower case: a common word */
    W_AFTER_DET = 1u << 2,  /* "the X", "every X" */
    W_AFTER_LOC = 1u << 3,  /* "in X", "heading to X" */
    W_ORG_APPOS = 1u << 4,  /* "group X", "city of X" */
    W_IN_ORG = 1u << 5,     /* part of an organisation or place name, or
                               before a title ("Vallorin Chief Executive") */
    W_LONE_MID = 1u << 6,   /* a lone capitalised word mid-sentence */
    W_INNERCAPS = 1u << 7,
    W_IT = 1u << 8,         /* followed in its sentence by "it"/"its" */
    W_GIVEN = 1u << 9,      /* the first word of a full name */
    W_SURNAME = 1u << 10,   /* the surname of a full name */
    W_BEFORE_TITLE = 1u << 11, /* "Airbus chief executive", "Apple CEO" */
    W_KIN = 1u << 12,       /* "their child, Gloria": a first name */
    W_PLACE = 1u << 13,     /* in the place table */
    W_NOUNISH = 1u << 14,   /* a common-noun ending (Scientologist,
                               Islamophobia, Americans) */
    W_SHAPED = 1u << 15,    /* a surname ending (word_endings) */
    W_ENDINGS = 1u << 16,   /* word_endings has looked at the word */
    W_FIRST = 1u << 17,     /* a common given name (word_endings) */
};


/* A document word's lexicon entry, looked up once when the word is
 * first seen. */
#define CD_NO_LEX UINT32_MAX
typedef struct cd_lexref {
    uint32_t lex; /* LX_* flags, 0 when not in the lexicon */
    uint32_t lid; /* lexicon id, or CD_NO_LEX */
} cd_lexref;

/* What a mention is. */
enum { M_FULL = 0, M_TITLED, M_LONE };

/* Evidence on one mention. */
enum {
    E_POSS = 1u << 0,
    E_SPEECH = 1u << 1,
    E_WHO = 1u << 2,
    E_AGE = 1u << 3,
    E_HONORIFIC = 1u << 4,
    E_HE = 1u << 5,
    E_SINIT = 1u << 6,
    E_AFTER_DET = 1u << 7,
    E_MODIFIER = 1u << 8,
    E_IT = 1u << 9,
    E_AFTER_LOC = 1u << 10,
    E_ORG_APPOS = 1u << 11,
    E_KIN = 1u << 12,
    E_ITWEAK = 1u << 13,
    E_PLPOSS = 1u << 14,
    E_SHAPE = 1u << 15,  /* surname-shaped word, mid-sentence */
    E_TITLEWORD = 1u << 16, /* a title word after a title ("Mr. Speaker",
                               "Inspector General") */
    E_OFFICE = 1u << 17, /* "X, the agency's director, said": a speaker
                            with an office, even at a sentence start */
};

typedef struct cd_mention {
    size_t start, end;   /* the name as written (title and possessive
                            excluded) */
    size_t gstart, gend; /* given names; equal when none */
    size_t sstart, send; /* surname */
    uint32_t skey;       /* folded surname: id in keys */
    long gkey;           /* folded given names: id in keys, or -1 */
    long gfirst;         /* first given word: word id, or -1 */
    uint32_t sword;      /* last surname word: word id */
    uint32_t spell;      /* surname as written: id in spells */
    long gspell;         /* given names as written: id in spells, or -1 */
    uint32_t ev;
    unsigned kind : 2;
    unsigned valid : 1;  /* still a person candidate */
    long title;          /* word id of the title before it, or -1 */
    long group;          /* surname group, or -1 */
    long person;         /* index into the person list, or -1 */
} cd_mention;

/* Mentions sharing one folded surname key. */
typedef struct cd_group {
    uint32_t skey;
    size_t n_full;       /* full-name mentions */
    size_t first_full;   /* mention index of the first full name */
    size_t first;        /* mention index of the first mention */
    size_t count;        /* mentions */
    long parent;         /* union-find: groups that are one person family */
    bool person_ok;      /* unintroduced: enough personal evidence */
    long known;          /* index into opts->known_names, or -1 */
} cd_group;

/* One run of the rule over a document. Owns every array and map in it
 * (doc, opts and p are borrowed); cd_rule_names frees them before it
 * returns. */
typedef struct cd_names {
    const cd_doc *doc;
    const cd_options *opts;
    const char *p;       /* prose */
    cd_tok *toks;
    size_t n_toks, cap_toks;
    uint32_t *caps;      /* indices of the capitalised word tokens; */
    size_t n_caps, cap_caps;
    uint32_t *prons;     /* of the lower-case pronouns (LX_PRONOUN); both
                            have room for cap_toks entries */
    size_t n_prons, cap_prons;
    bool shifted;        /* tokens are moved over a nickname: the indices
                            above do not hold */
    cd_smap words;       /* the document's folded words */
    uint32_t *wflags;    /* per word id: W_* */
    size_t cap_wflags;
    cd_lexref *wlex;     /* per word id: its lexicon entry */
    size_t cap_wlex;
    struct cd_wordmemo *wmemo; /* per word id, grown on demand */
    size_t cap_wmemo;
    cd_smap keys;        /* folded surname and given keys */
    cd_smap spells;      /* names as written */
    cd_mention *ments;
    size_t n_ments, cap_ments;
    cd_group *groups;
    size_t n_groups, cap_groups;
    long *key_group;     /* keys id -> group index */
    long *next_in_group; /* per mention: the next mention of its group */
    size_t *lines;       /* offsets of '\n' before lines_done, in order */
    size_t n_lines, cap_lines;
    size_t lines_done;
    bool oom;
} cd_names;

/* Adds a word new to the document (absent from st->words) with no
 * flags, and finds it in the lexicon (whose keys are hashed alike).
 * Returns its id, or -1 when out of memory. */
static long new_word(cd_names *st, const char *key, size_t n, uint64_t head,
                     uint32_t h)
{
    long id = cd_smap_add(&st->words, key, n, head, h);
    if (id < 0 ||
        cd_grow((void **)&st->wflags, &st->cap_wflags, (size_t)id + 1,
                 sizeof *st->wflags) != 0 ||
        cd_grow((void **)&st->wlex, &st->cap_wlex, (size_t)id + 1,
                 sizeof *st->wlex) != 0) {
        st->oom = true;
        return -1;
    }
    st->wflags[id] = 0;
    long lid = cd_smap_find(&cd_lex, key, n, head, h);
    st->wlex[id].lid = lid < 0 ? CD_NO_LEX : (uint32_t)lid;
    st->wlex[id].lex = lid < 0 ? 0 : cd_lex_flags[lid];
    return id;
}

/* Sets token t's word: its document id, lexicon id and lexicon flags. */
static void set_word(cd_names *st, cd_tok *t, long wid)
{
    if (wid < 0) { /* out of memory: st->oom ends the run */
        t->wid = 0;
        t->lid = CD_NO_LEX;
        return;
    }
    t->wid = (uint32_t)wid;
    t->lid = st->wlex[wid].lid;
    t->lex = st->wlex[wid].lex;
}

/* The document id of a folded word, added when new. -1 when out of
 * memory. */
static long word_id(cd_names *st, const char *key, size_t n, uint64_t head,
                    uint32_t h)
{
    long id = cd_smap_find(&st->words, key, n, head, h);
    return id >= 0 ? id : new_word(st, key, n, head, h);
}

/* ------------------------------------------------------------------ */
/* Tokenizer: one paragraph at a time into st->toks.                   */

static bool is_apostrophe(uint32_t cp) { return cp == '\'' || cp == 0x2019; }
static bool is_hyphen(uint32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }
static bool is_space_cp(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
           cp == 0xA0 || cp == 0x202F || (cp >= 0x2000 && cp <= 0x200B);
}
static bool is_open_quote(uint32_t cp)
{
    return cp == 0x201C || cp == 0x2018 || cp == 0xAB || cp == '"' ||
           cp == '\'' || cp == '(' || cp == '[';
}
static bool is_close_quote(uint32_t cp)
{
    return cp == 0x201D || cp == 0x2019 || cp == 0xBB || cp == '"' ||
           cp == '\'' || cp == ')' || cp == ']';
}

/* A capital after a lower-case letter that a name prefix explains:
 * McAllister, MacDonald, DeShawn, LaToya, DiCaprio, FitzGerald, VanDyke. */
static bool name_prefix(const char *w, size_t n)
{
    static const char *const pre[] = {"mc", "mac", "de", "di", "da", "la",
                                      "le", "van", "von", "du", "fitz"};
    for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++) {
        size_t l = strlen(pre[i]);
        if (n == l) {
            size_t k = 0;
            while (k < l && (w[k] | 0x20) == pre[i][k])
                k++;
            if (k == l)
                return true;
        }
    }
    return false;
}

/* The next token's slot (zeroed), or NULL when out of memory. */
static cd_tok *push_tok(cd_names *st)
{
    /* The token lists grow with the tokens, so that mark_word can append
       to them without a check of its own. */
    if (st->n_toks == st->cap_toks &&
        (cd_grow((void **)&st->toks, &st->cap_toks, st->n_toks + 1,
                  sizeof *st->toks) != 0 ||
         cd_grow((void **)&st->caps, &st->cap_caps, st->cap_toks,
                  sizeof *st->caps) != 0 ||
         cd_grow((void **)&st->prons, &st->cap_prons, st->cap_toks,
                  sizeof *st->prons) != 0)) {
        st->oom = true;
        return NULL;
    }
    cd_tok *t = &st->toks[st->n_toks];
    memset(t, 0, sizeof *t);
    return t;
}

/* Any word, token t starting at t->start with its first letter cp (l
 * bytes): hyphens, apostrophes, possessives, abbreviation dots, inner
 * capitals, digits and non-ASCII letters. Returns where the next token
 * starts. */
static size_t scan_word(cd_names *st, cd_tok *t, uint32_t cp, size_t l,
                        size_t pe)
{
    const unsigned char *u = (const unsigned char *)st->p;
    size_t i = t->start;
    t->kind = TK_WORD;
    size_t j = i + l;
    size_t letters = 1, uppers = is_upper_cp(cp) ? 1 : 0;
    bool prev_lower = !is_upper_cp(cp);
    size_t seg_start = i; /* start of the current hyphen segment */
    bool dotted_caps = false;
    t->cap = is_upper_cp(cp);
    while (j < pe) {
        unsigned char a = u[j];
        if (a >= 'a' && a <= 'z') { /* the common case */
            letters++;
            prev_lower = true;
            j++;
            continue;
        }
        size_t l2;
        uint32_t c2 = cd_u8_decode(u, pe, j, &l2);
        if (is_letter_cp(c2) || (c2 >= '0' && c2 <= '9')) {
            if (c2 >= '0' && c2 <= '9')
                t->hasdigit = 1;
            else {
                letters++;
                if (is_upper_cp(c2)) {
                    uppers++;
                    if (prev_lower &&
                        !name_prefix(st->p + seg_start,
                                     j - seg_start))
                        t->innercaps = 1;
                }
                prev_lower = !is_upper_cp(c2) && c2 >= 'A';
            }
            j += l2;
            continue;
        }
        bool joiner = is_hyphen(c2) || is_apostrophe(c2);
        if (!joiner && c2 != '.')
            break;
        size_t l3;
        uint32_t c3 = j + l2 < pe ? cd_u8_decode(u, pe, j + l2, &l3) : 0;
        if (joiner && is_letter_cp(c3)) {
            j += l2;
            seg_start = j;
            prev_lower = false;
            continue;
        }
        /* U.S., U.N.: a letter, a dot, a letter. */
        if (c2 == '.' && j - seg_start == 1 && c3 < 0x80 &&
            is_letter_cp(c3) && j + l2 + 1 < pe &&
            (u[j + l2 + 1] == '.')) {
            dotted_caps = true;
            j += l2;
            seg_start = j;
            continue;
        }
        break;
    }
    t->end = j;
    t->full_end = j;
    /* Possessive: 's / ’s at the end, or s' / s’ before a
       non-letter. */
    size_t wl = j - i;
    if (wl > 3 && (u[j - 1] == 's' || u[j - 1] == 'S')) {
        if (u[j - 2] == '\'') {
            t->end = j - 2;
            t->poss = 1;
        } else if (wl > 5 && u[j - 4] == 0xE2 && u[j - 3] == 0x80 &&
                   u[j - 2] == 0x99) {
            t->end = j - 4;
            t->poss = 1;
        }
    }
    if (!t->poss && wl > 2 && u[j - 1] == 's' && j < pe) {
        size_t l4;
        uint32_t c4 = cd_u8_decode(u, pe, j, &l4);
        size_t l5 = 0;
        uint32_t c5 = j + l4 < pe ? cd_u8_decode(u, pe, j + l4, &l5) : ' ';
        if (is_apostrophe(c4) && !is_letter_cp(c5) && t->cap) {
            t->poss = 1;
            t->plposs = 1;
            t->full_end = j + l4;
        }
    }
    if (t->poss) {
        /* Count the letters again without the possessive. */
        letters = uppers = 0;
        for (size_t q = t->start; q < t->end;) {
            size_t lq;
            uint32_t cq = cd_u8_decode(u, t->end, q, &lq);
            q += lq;
            if (is_letter_cp(cq)) {
                letters++;
                uppers += is_upper_cp(cq);
            }
        }
    }
    if (dotted_caps || (uppers == letters && letters >= 2))
        t->allcaps = 1;
    if (seg_start > t->start && seg_start < t->end &&
        u[seg_start - 1] == '-' &&
        !is_upper_cp(cd_u8_decode(u, t->end, seg_start, &l)))
        t->lowtail = 1;
    /* al-Assad, el-Sisi, d'Alembert: a lower-case particle joined
       to a capitalised name is a capitalised name. */
    if (!t->cap && seg_start > t->start) {
        size_t q = t->start;
        while (q < t->end && u[q] >= 'a' && u[q] <= 'z')
            q++;
        size_t ql;
        if (q - t->start <= 2 && q < t->end &&
            (u[q] == '-' || u[q] == '\'' ||
             (u[q] == 0xE2 && q + 2 < t->end && u[q + 2] == 0x99)) &&
            (q - t->start == 1 || memcmp(u + t->start, "al", 2) == 0 ||
             memcmp(u + t->start, "el", 2) == 0)) {
            size_t r = q + (u[q] == 0xE2 ? 3 : 1);
            if (r < t->end && is_upper_cp(cd_u8_decode(u, t->end, r, &ql)))
                t->cap = 1;
        }
    }
    char key[CD_KEY_MAX];
    size_t kn = fold_key(st->p, t->start, t->end, key);
    uint64_t head = cd_key_head(key, kn);
    set_word(st, t, word_id(st, key, kn, head, cd_key_hash(head, key, kn)));
    /* Keep an abbreviation's dot with it. */
    if (t->full_end < pe && u[t->full_end] == '.' && !t->poss &&
        (dotted_caps || (letters == 1 && t->cap) ||
         (t->lex & LX_ABBR))) {
        if (letters == 1 && t->cap)
            t->initial = 1;
        t->full_end++;
    }
    if (letters == 1 && t->cap && !t->initial)
        t->allcaps = 1; /* "I", a lone letter: not a name */
    return t->full_end;
}

/* The number of lower-case ASCII letters at s, eight bytes at a time
 * where eight can be read (s + 8 <= readable_end): a byte-by-byte loop
 * would mispredict its exit once per word. */
static inline size_t lower_run(const unsigned char *s,
                               const unsigned char *readable_end)
{
    size_t n = 0;
    while (readable_end - (s + n) >= 8) {
        uint64_t lower = cd_swar_range(cd_swar_load(s + n), 'a', 'z');
        size_t k = cd_swar_first(~lower & CD_SWAR_HIGH);
        if (k < 8)
            return n + k;
        n += 8;
    }
    while (s + n < readable_end && (cd_byte_class[s[n]] & BC_LOWER))
        n++;
    return n;
}

/* Where a plain word at i ends, or 0 when the word needs scan_word. A
 * plain word, about nineteen in twenty in news copy, is ASCII letters,
 * all lower case after the first, ended by the paragraph's end or by a
 * character that cannot continue a word nor make it a possessive (not a
 * letter, digit, hyphen or apostrophe; a dot only after two letters or
 * more, since "U.S." and initials need the full scan). scan_word would
 * find nothing more in it: no inner capital, digit, possessive, joined
 * particle or abbreviation of capitals. */
static size_t plain_word_end(const unsigned char *u, size_t i, size_t pe,
                             const unsigned char *readable_end)
{
    if (!(cd_byte_class[u[i]] & (BC_LOWER | BC_UPPER)))
        return 0;
    size_t j = i + 1 + lower_run(u + i + 1, readable_end);
    if (j > pe)
        j = pe;
    if (j - i >= CD_KEY_MAX - 1)
        return 0;
    if (j == pe || (cd_byte_class[u[j]] & BC_ENDS_WORD) ||
        (u[j] == '.' && j - i >= 2))
        return j;
    if (u[j] >= 0x80) {
        size_t l;
        uint32_t cp = cd_u8_decode(u, pe, j, &l);
        if (!is_letter_cp(cp) && !is_apostrophe(cp) && !is_hyphen(cp))
            return j; /* a closing quotation mark, a dash */
    }
    return 0;
}

/* Token t, a plain word ending at j (plain_word_end): scan_word's result
 * without its work. The folded key is the text itself, but for a capital
 * first letter, which only the head holds folded; the text is copied only
 * for a word new to the document. Returns where the next token starts. */
static size_t plain_word(cd_names *st, cd_tok *t, size_t j, size_t pe)
{
    const char *w = st->p + t->start;
    size_t n = j - t->start;
    bool cap = (unsigned char)w[0] <= 'Z';
    t->kind = TK_WORD;
    t->cap = cap;
    t->end = t->full_end = j;
    uint64_t head = cd_key_head_at(w, n, st->p + st->doc->len + 1) |
                    (cap ? 0x20u : 0u); /* 'A' | 0x20 is 'a' */
    uint32_t h = cd_key_hash(head, w, n);
    long wid = cd_smap_find(&st->words, w, n, head, h);
    if (wid < 0 && !cap) {
        wid = new_word(st, w, n, head, h);
    } else if (wid < 0) {
        char key[CD_KEY_MAX];
        memcpy(key, w, n);
        key[0] = (char)(key[0] | 0x20);
        wid = new_word(st, key, n, head, h);
    }
    set_word(st, t, wid);
    /* Keep an abbreviation's dot with it ("etc.", "Gov."); a plain word
       has two letters or more before a dot, so it is no initial. */
    if (j < pe && st->p[j] == '.' && (t->lex & LX_ABBR))
        t->full_end++;
    if (n == 1 && cap)
        t->allcaps = 1; /* "I", a lone letter: not a name */
    return t->full_end;
}

/* What tokenize carries from one token to the next to mark them. */
typedef struct cd_marks {
    size_t last_sent;   /* the sentence of the last word */
    bool inq;           /* inside a double quotation */
    bool quote_pending; /* the last token is a '"', which opens when the
                           next token follows it without a space */
    bool quote_opens;   /* ... and it had a space before it or began the
                           paragraph */
    uint8_t opener;     /* the last token opens a sentence for the word
                           after it: OPENS_ALWAYS (a colon, a dash, an
                           opening curly quotation mark) or OPENS_TOUCHING
                           (a straight quotation mark or a parenthesis
                           right before the word) */
    bool last_num;      /* the last token is a number */
} cd_marks;

enum { OPENS_NOT = 0, OPENS_ALWAYS, OPENS_TOUCHING };

/* The start of marking any token: a straight quotation mark before it
 * opens or closes now that we know whether a space follows it. Returns
 * what the last token opens, for a word. */
static inline unsigned mark_begin(cd_marks *mk, const cd_tok *t)
{
    if (mk->quote_pending) {
        mk->inq = mk->quote_opens && !t->space_before;
        mk->quote_pending = false;
    }
    unsigned opener = mk->opener;
    mk->opener = OPENS_NOT;
    mk->last_num = false;
    return opener;
}

/* Marks punctuation token k: the quotation state, and what it opens. */
static void mark_punct(cd_marks *mk, const cd_tok *t, size_t k)
{
    mark_begin(mk, t);
    uint32_t c = t->cp;
    /* Double quotation marks only: single ones are apostrophes too often
       to track. */
    if (c == 0x201C || c == 0xAB)
        mk->inq = true;
    else if (c == 0x201D || c == 0xBB)
        mk->inq = false;
    else if (c == '"') { /* opens before a word, else closes */
        mk->quote_pending = true;
        mk->quote_opens = t->space_before || k == 0;
    }
    if (c == ':' || c == 0x2014 || c == 0x2013 || c == 0x201C ||
        c == 0x2018 || c == 0xAB)
        mk->opener = OPENS_ALWAYS;
    else if (c == '"' || c == '\'' || c == '(')
        mk->opener = OPENS_TOUCHING;
}

/* Marks number token t. */
static void mark_number(cd_marks *mk, cd_tok *t)
{
    mark_begin(mk, t);
    t->quoted = mk->inq;
    mk->last_num = true;
}

/* Marks word token k (t, complete but for these): whether it is quoted
 * and sentence-initial (the first word of a sentence, or the first after
 * an opening quotation mark, a colon or a dash), the word-level evidence
 * its own form gives, and st->caps and st->prons. Capitals are a minority
 * no branch predicts, so what depends on one is computed, not branched
 * on. */
static void mark_word(cd_names *st, cd_tok *t, size_t k, cd_marks *mk)
{
    unsigned opener = mark_begin(mk, t);
    t->quoted = mk->inq;
    bool init = t->sent != mk->last_sent || opener == OPENS_ALWAYS ||
                (opener == OPENS_TOUCHING && !t->space_before);
    t->sinit = init;
    mk->last_sent = t->sent;
    uint32_t f = t->cap || t->allcaps ? 0 : W_LOWER;
    f |= t->innercaps ? W_INNERCAPS : 0;
    st->wflags[t->wid] |= f;
    /* Room for token k in both lists: push_tok. */
    st->caps[st->n_caps] = (uint32_t)k;
    st->n_caps += t->cap;
    st->prons[st->n_prons] = (uint32_t)k;
    st->n_prons += !t->cap && (t->lex & LX_PRONOUN);
}

static void tokenize(cd_names *st, size_t ps, size_t pe, size_t *sent_k)
{
    const unsigned char *u = (const unsigned char *)st->p;
    const cd_doc *doc = st->doc;
    st->n_toks = 0;
    st->n_caps = st->n_prons = 0;
    size_t i = ps;
    bool prev_space = true;
    cd_marks mk = {(size_t)-1, false, false, false, OPENS_NOT, false};
    /* The sentence index, with the current sentence's end in a local. */
    size_t sk = *sent_k;
    size_t send = sk < doc->n_sents ? doc->sents[sk].end : SIZE_MAX;
    while (i < pe && !st->oom) {
        size_t l = 1;
        uint32_t cp = u[i];
        if (cp >= 0x80)
            cp = cd_u8_decode(u, pe, i, &l);
        if (is_space_cp(cp)) {
            i += l;
            prev_space = true;
            continue;
        }
        cd_tok *t = push_tok(st);
        if (!t)
            return;
        t->start = i;
        t->space_before = prev_space;
        prev_space = false;
        /* Sentence index. */
        if (send <= t->start) {
            while (sk < doc->n_sents && doc->sents[sk].end <= t->start)
                sk++;
            send = sk < doc->n_sents ? doc->sents[sk].end : SIZE_MAX;
        }
        t->sent = sk;
        size_t k = st->n_toks++;
        if (is_letter_cp(cp)) {
            /* Digits against a word (3GS); scan_word finds those in it. */
            if (!t->space_before && mk.last_num)
                t->hasdigit = 1;
            size_t j = plain_word_end(u, i, pe, u + doc->len + 1);
            i = j ? plain_word(st, t, j, pe) : scan_word(st, t, cp, l, pe);
            mark_word(st, t, k, &mk);
            /* The space after a word, the commonest character there,
               without another turn of the loop. */
            if (i < pe && u[i] == ' ') {
                prev_space = true;
                i++;
            }
        } else if (cp >= '0' && cp <= '9') {
            t->kind = TK_NUM;
            size_t j = i + 1;
            while (j < pe && ((u[j] >= '0' && u[j] <= '9') ||
                              ((u[j] == ',' || u[j] == '.' || u[j] == ':') &&
                               j + 1 < pe && u[j + 1] >= '0' &&
                               u[j + 1] <= '9')))
                j++;
            t->end = t->full_end = j;
            i = j;
            mark_number(&mk, t);
        } else {
            t->kind = TK_PUNCT;
            t->cp = cp;
            t->end = t->full_end = i + l;
            i += l;
            mark_punct(&mk, t, k);
        }
    }
    *sent_k = sk;
}

/* ------------------------------------------------------------------ */
/* Pass 1: mentions and word evidence.                                 */

static bool name_word(const cd_tok *t)
{
    return t->kind == TK_WORD && t->cap && !t->allcaps && !t->hasdigit &&
           !t->lowtail;
}

static const cd_tok *next_word(const cd_names *st, size_t k, size_t *at)
{
    for (size_t j = k + 1; j < st->n_toks; j++) {
        if (st->toks[j].kind == TK_WORD) {
            if (at)
                *at = j;
            return &st->toks[j];
        }
        if (st->toks[j].kind == TK_PUNCT)
            return NULL;
    }
    return NULL;
}

static const cd_tok *prev_word(const cd_names *st, size_t k, size_t *at)
{
    for (size_t j = k; j-- > 0;) {
        if (st->toks[j].kind == TK_WORD) {
            if (at)
                *at = j;
            return &st->toks[j];
        }
        if (st->toks[j].kind == TK_PUNCT)
            return NULL;
    }
    return NULL;
}

/* Longest title phrase starting at token k (capitalised first word).
 * Returns the number of tokens it spans (0 when none) and its kind. */
static size_t title_at(const cd_names *st, size_t k, cd_title_kind *kind)
{
    const cd_tok *t = &st->toks[k];
    if (t->kind != TK_WORD || !t->cap || !(t->lex & LX_TITLE))
        return 0;
    size_t best = 0;
    for (size_t oi = cd_title_from[t->lid]; oi < cd_title_from[t->lid + 1];
         oi++) {
        const cd_title_words *tw = &cd_title_split[cd_title_order[oi]];
        size_t j = k, w = 0;
        while (w < tw->n && j < st->n_toks) {
            const cd_tok *x = &st->toks[j];
            if (x->kind != TK_WORD || x->poss || x->lid != tw->ids[w])
                break;
            w++;
            j++;
        }
        if (w == tw->n && j - k > best) {
            best = j - k;
            *kind = tw->kind;
        }
    }
    return best;
}

/* Evidence around a lone or titled mention whose last token is k. */
static uint32_t mention_evidence(cd_names *st, size_t first, size_t k)
{
    uint32_t ev = 0;
    const cd_tok *t = &st->toks[k];
    /* A possessive is personal evidence before a common noun ("Putin's
       surprise announcement"), not before a proper one ("Japan's Nikkei",
       "Microsoft's Windows Mobile"). */
    if (t->plposs)
        ev |= E_PLPOSS;
    /* A bare possessive, with no noun after it, names a shop, a disease
       or a church ("at Macy's", "answers to Alzheimer's", "St. Paul's"):
       no evidence either. */
    if (t->poss) {
        const cd_tok *nx = k + 1 < st->n_toks ? &st->toks[k + 1] : NULL;
        if (nx && nx->kind != TK_PUNCT &&
            !(nx->cap || nx->innercaps || nx->allcaps))
            ev |= E_POSS;
    }
    if (st->toks[first].sinit)
        ev |= E_SINIT;
    /* Before it: a determiner, a locative, an organisation noun. */
    size_t pa;
    const cd_tok *pw = prev_word(st, first, &pa);
    /* "their child, Gloria", "his wife Manju". */
    {
        size_t q = first;
        if (q > 0 && st->toks[q - 1].kind == TK_PUNCT &&
            st->toks[q - 1].cp == ',')
            q--;
        if (q > 0 && st->toks[q - 1].kind == TK_WORD &&
            (st->toks[q - 1].lex & LX_KIN) && !st->toks[q - 1].cap)
            ev |= E_KIN;
    }
    /* Capitalised function words count too ("In China, ..."); names do
       not carry these flags. */
    if (pw && (!pw->cap || (pw->lex & LX_FUNC))) {
        if (pw->lex & LX_DET)
            ev |= E_AFTER_DET;
        if (pw->lex & LX_ORGAPPOS)
            ev |= E_ORG_APPOS;
        const cd_tok *ppw = NULL;
        size_t ppa;
        if (pw->lex & LX_GEOADJ)
            ppw = prev_word(st, pa, &ppa);
        const cd_tok *loc = ppw ? ppw : pw;
        size_t loca = ppw ? ppa : pa;
        /* "in Putin's Russia" says nothing about Putin. */
        if ((loc->lex & LX_LOC) && !t->poss)
            ev |= E_AFTER_LOC;
        if (loc->lid == cd_id_to && !t->poss) {
            const cd_tok *m = prev_word(st, loca, NULL);
            if (m && (m->lex & LX_MOTION))
                ev |= E_AFTER_LOC;
        }
        if (loc->lid == cd_id_of) {
            const cd_tok *m = prev_word(st, loca, NULL);
            if (m && (m->lex & LX_ORGAPPOS))
                ev |= E_ORG_APPOS;
        }
    }
    /* After it: a speech verb, ", who", ", 58,", a modifier noun. */
    if (!t->poss) {
        size_t na;
        const cd_tok *nw = next_word(st, k, &na);
        size_t hops = 0;
        while (nw && (nw->lex & LX_AUX) && !(nw->lex & LX_SPEECH) &&
               hops < 2) {
            nw = next_word(st, na, &na);
            hops++;
        }
        if (nw && !nw->cap && (nw->lex & LX_SPEECH))
            ev |= E_SPEECH;
        const cd_tok *nx = next_word(st, k, NULL);
        if (nx && !nx->cap && (nx->lex & LX_MODIFIER))
            ev |= E_MODIFIER;
        if (k + 2 < st->n_toks && st->toks[k + 1].kind == TK_PUNCT &&
            st->toks[k + 1].cp == ',') {
            const cd_tok *a = &st->toks[k + 2];
            if (a->kind == TK_WORD) {
                if (a->lid == cd_id_who || a->lid == cd_id_whose)
                    ev |= E_WHO;
                /* "Okabe, a microbiologist who ...": an apposition that
                   goes on with "who" describes a person. */
                if (a->lex & LX_DET) {
                    for (size_t j = k + 3; j < st->n_toks && j < k + 8; j++) {
                        const cd_tok *x = &st->toks[j];
                        if (x->kind != TK_WORD || x->cap)
                            break;
                        if (x->lid == cd_id_who || x->lid == cd_id_whose) {
                            ev |= E_WHO;
                            break;
                        }
                    }
                    /* "Kamau, the authority's director of safety, said":
                       an apposition that names an office, then a speech
                       verb, is a speaker with a job. */
                    bool office = false;
                    for (size_t j = k + 3; j < st->n_toks && j < k + 10;
                         j++) {
                        const cd_tok *x = &st->toks[j];
                        if (x->kind == TK_PUNCT && x->cp == ',') {
                            const cd_tok *v =
                                j + 1 < st->n_toks ? &st->toks[j + 1] : NULL;
                            if (office && v && v->kind == TK_WORD &&
                                !v->cap && (v->lex & LX_SPEECH))
                                ev |= E_SPEECH | E_OFFICE;
                            break;
                        }
                        if (x->kind != TK_WORD || x->cap)
                            break;
                        if (x->lex & LX_TITLE)
                            office = true;
                    }
                }
            } else if (a->kind == TK_NUM && a->end - a->start <= 3 &&
                       k + 3 < st->n_toks &&
                       st->toks[k + 3].kind == TK_PUNCT &&
                       st->toks[k + 3].cp == ',')
                ev |= E_AGE;
        }
    }
    /* "said Putin." */
    if (pw && !pw->cap && (pw->lex & LX_SPEECH) && !t->poss) {
        const cd_tok *nw = k + 1 < st->n_toks ? &st->toks[k + 1] : NULL;
        if (!nw || nw->kind == TK_PUNCT)
            ev |= E_SPEECH;
    }
    /* The first pronoun after it in its sentence, within sixteen tokens:
       "it"/"its" for a thing, "he"/"she" for a person. */
    uint32_t pl = 0;
    if (!st->shifted) {
        /* The first listed pronoun after k (sentence indices never go
           down, so no sentence ends before it if it is in this one). */
        size_t lo = 0, hi = st->n_prons;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (st->prons[mid] <= k)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < st->n_prons && st->prons[lo] <= k + 16 &&
            st->toks[st->prons[lo]].sent == t->sent)
            pl = st->toks[st->prons[lo]].lex;
    } else {
        for (size_t j = k + 1, n = 0; j < st->n_toks && n < 16; j++, n++) {
            const cd_tok *x = &st->toks[j];
            if (x->sent != t->sent)
                break;
            if (x->kind == TK_WORD && !x->cap && (x->lex & LX_PRONOUN)) {
                pl = x->lex;
                break;
            }
        }
    }
    if (pl & LX_IT)
        ev |= E_IT;
    else if (pl & LX_ITWEAK)
        ev |= E_ITWEAK;
    else if (pl & LX_HE)
        ev |= E_HE;
    return ev;
}

/* A capitalised word's surname and common-noun endings (W_SHAPED,
 * W_NOUNISH) and whether it is a common given name (W_FIRST), worked out
 * once per distinct word, the first time they are asked for (most words
 * never are), rather than per use. Returns the word's flags. */
static uint32_t word_endings(cd_names *st, uint32_t wid)
{
    uint32_t f = st->wflags[wid];
    if (!(f & W_ENDINGS)) {
        size_t kl;
        const char *key = cd_smap_key(&st->words, wid, &kl);
        f |= W_ENDINGS;
        if (surname_shaped(key, kl))
            f |= W_SHAPED;
        else if (nounish(key, kl))
            f |= W_NOUNISH;
        if (cd_smap_get(&cd_first, key, kl, false) >= 0)
            f |= W_FIRST;
        st->wflags[wid] = f;
    }
    return f;
}

static void mark_words(cd_names *st, size_t a, size_t b, uint32_t flag)
{
    for (size_t k = a; k < b; k++)
        if (st->toks[k].kind == TK_WORD)
            st->wflags[st->toks[k].wid] |= flag;
}

static long key_id(cd_names *st, const char *s, size_t n)
{
    long id = cd_smap_get(&st->keys, s, n, true);
    if (id < 0)
        st->oom = true;
    return id;
}

static long spell_id(cd_names *st, size_t a, size_t b)
{
    long id = cd_smap_get(&st->spells, st->doc->text + a, b - a, true);
    if (id < 0)
        st->oom = true;
    return id;
}

/* What add_mention last found for a word id: the id of its folded key in
 * st->keys and of a spelling in st->spells (-1 when none yet). A name is
 * mentioned again and again; the key of a one-word surname or given name
 * is the word's own, and its spelling is usually the one last seen. */
typedef struct cd_wordmemo {
    long key;
    long spell;
} cd_wordmemo;

static cd_wordmemo *word_memo(cd_names *st, uint32_t wid)
{
    size_t old = st->cap_wmemo;
    if (cd_grow((void **)&st->wmemo, &st->cap_wmemo, (size_t)wid + 1,
                 sizeof *st->wmemo) != 0) {
        st->oom = true;
        return NULL;
    }
    for (size_t i = old; i < st->cap_wmemo; i++)
        st->wmemo[i].key = st->wmemo[i].spell = -1;
    return &st->wmemo[wid];
}

/* key_id of word token t's folded form (its word key). */
static long word_key_id(cd_names *st, const cd_tok *t)
{
    cd_wordmemo *wm = word_memo(st, t->wid);
    if (!wm)
        return -1;
    if (wm->key < 0) {
        size_t l;
        const char *k = cd_smap_key(&st->words, t->wid, &l);
        wm->key = key_id(st, k, l);
    }
    return wm->key;
}

/* spell_id of word token t as written. */
static long word_spell_id(cd_names *st, const cd_tok *t)
{
    cd_wordmemo *wm = word_memo(st, t->wid);
    if (!wm)
        return -1;
    size_t n = t->end - t->start, l = 0;
    const char *w = wm->spell >= 0
                        ? cd_smap_key(&st->spells, (uint32_t)wm->spell, &l)
                        : NULL;
    if (!w || l != n || !cd_smap_key_eq(w, st->doc->text + t->start, n))
        wm->spell = spell_id(st, t->start, t->end);
    return wm->spell;
}

/* The given names of tokens [a, b) as written, without the initials: a
 * middle initial is no other spelling ("Dwight D. Eisenhower", "Dwight
 * Eisenhower"). The words are joined by one space. */
static long given_spell_id(cd_names *st, size_t a, size_t b)
{
    char buf[CD_KEY_MAX * 2];
    size_t n = 0;
    for (size_t k = a; k < b; k++) {
        const cd_tok *t = &st->toks[k];
        if (t->kind != TK_WORD || t->initial)
            continue;
        size_t l = t->end - t->start;
        if (n + l + 1 > sizeof buf)
            break;
        if (n)
            buf[n++] = ' ';
        memcpy(buf + n, st->doc->text + t->start, l);
        n += l;
    }
    long id = cd_smap_get(&st->spells, buf, n, true);
    if (id < 0)
        st->oom = true;
    return id;
}

/* Records a mention from name tokens [a, b) (title already stripped). */
static void add_mention(cd_names *st, size_t a, size_t b, int kind,
                        uint32_t ev, long title, bool family_first)
{
    /* Surname: the last word, with the particles before it (van der
       Berg, bin Laden) when a given name remains in front of them; the
       first word of a family-name-first name (Ji Seong-ho). */
    size_t s = b - 1;
    while (s > a + 1 && st->toks[s - 1].kind == TK_WORD &&
           (st->toks[s - 1].lex & LX_PARTICLE) && !st->toks[s - 1].initial)
        s--;
    if (kind != M_FULL)
        s = a;
    size_t se = b; /* the surname is tokens [s, se), the given names
                      [ga, gb) */
    size_t ga = a, gb = s;
    if (family_first) {
        s = a;
        se = a + 1;
        ga = a + 1;
        gb = b;
    }
    if (cd_grow((void **)&st->ments, &st->cap_ments, st->n_ments + 1,
                 sizeof *st->ments) != 0) {
        st->oom = true;
        return;
    }
    cd_mention *m = &st->ments[st->n_ments];
    memset(m, 0, sizeof *m);
    m->kind = (unsigned)kind;
    m->ev = ev;
    m->valid = 1;
    m->title = title;
    m->group = -1;
    m->person = -1;
    m->start = st->toks[a].start;
    m->end = st->toks[b - 1].end;
    m->sstart = st->toks[s].start;
    m->send = st->toks[se - 1].end;
    m->sword = st->toks[se - 1].wid;
    long sk, sp;
    if (se == s + 1 && st->toks[s].kind == TK_WORD) {
        sk = word_key_id(st, &st->toks[s]);
        sp = word_spell_id(st, &st->toks[s]);
    } else {
        char key[CD_KEY_MAX];
        size_t kn = fold_key(st->doc->text, m->sstart, m->send, key);
        sk = key_id(st, key, kn);
        sp = spell_id(st, m->sstart, m->send);
    }
    if (sk < 0 || sp < 0)
        return;
    m->skey = (uint32_t)sk;
    m->spell = (uint32_t)sp;
    m->gkey = m->gspell = m->gfirst = -1;
    if (kind == M_FULL && gb > ga) {
        m->gstart = st->toks[ga].start;
        m->gend = st->toks[gb - 1].end;
        /* Given key: the given words without initials ("George W." is
           "george"; "Jean Pierre" and "Jean-Pierre" are "jeanpierre"). */
        const cd_tok *g1 = &st->toks[ga];
        if (gb == ga + 1 && g1->kind == TK_WORD && !g1->initial &&
            st->words.klen[g1->wid] > 0) {
            /* One given word, the usual case: the word's key and
               spelling. */
            m->gfirst = (long)g1->wid;
            m->gkey = word_key_id(st, g1);
            m->gspell = word_spell_id(st, g1);
            st->n_ments++;
            return;
        }
        char g[CD_KEY_MAX];
        size_t gn = 0;
        bool initials = false;
        for (size_t k = ga; k < gb; k++) {
            const cd_tok *t = &st->toks[k];
            initials |= t->initial;
            if (t->kind != TK_WORD || t->initial)
                continue;
            if (m->gfirst < 0)
                m->gfirst = (long)t->wid;
            char w[CD_KEY_MAX];
            size_t wn = fold_key(st->doc->text, t->start, t->end, w);
            if (gn + wn >= CD_KEY_MAX)
                break;
            memcpy(g + gn, w, wn);
            gn += wn;
        }
        if (gn) {
            m->gkey = key_id(st, g, gn);
            m->gspell = initials ? given_spell_id(st, ga, gb)
                                 : spell_id(st, m->gstart, m->gend);
        }
    }
    st->n_ments++;
}

/* Is token k a particle that belongs to the surname after it when it is
 * read without a given name in front: a lower-case particle that is no
 * common English word ("van der Berg said", "de la Cruz"), or a sentence
 * capital particle before a lower-case one ("Van der Berg", "De la
 * Cruz"). "Van Morrison" and "El Paso" stay as they are. */
static bool surname_particle(const cd_names *st, size_t k)
{
    const cd_tok *t = &st->toks[k];
    if (t->kind != TK_WORD || !(t->lex & LX_PARTICLE) || t->initial ||
        (t->lex & LX_FUNC))
        return false;
    size_t l = t->end - t->start;
    const char *w = st->doc->text + t->start;
    /* A short particle that is also an English word counts only after
       another particle ("van den Broek", not "ten Americans"). */
    bool after_particle = k > 0 && st->toks[k - 1].kind == TK_WORD &&
                          (st->toks[k - 1].lex & LX_PARTICLE) &&
                          st->toks[k - 1].sent == t->sent;
    if (l < 2 || (!after_particle && l == 3 &&
                  (strncasecmp(w, "ten", 3) == 0 ||
                   strncasecmp(w, "ter", 3) == 0 ||
                   strncasecmp(w, "den", 3) == 0 ||
                   strncasecmp(w, "ben", 3) == 0)))
        return false;
    if (!t->cap)
        return true;
    return k + 1 < st->n_toks && st->toks[k + 1].kind == TK_WORD &&
           !st->toks[k + 1].cap && (st->toks[k + 1].lex & LX_PARTICLE) &&
           st->toks[k + 1].sent == t->sent;
}

/* One capitalised run, tokens [a, b): titles, full names, lone words. */
static void take_run(cd_names *st, size_t a, size_t b)
{
    /* A quoted title or nickname on its own ("The Quiet Ocean," "Rocky
       II"): not a name. */
    if (a > 0 && st->toks[a - 1].kind == TK_PUNCT &&
        is_open_quote(st->toks[a - 1].cp) && !st->toks[a].space_before) {
        size_t j = b;
        if (j < st->n_toks && st->toks[j].kind == TK_PUNCT &&
            (st->toks[j].cp == ',' || st->toks[j].cp == '.'))
            j++;
        if (j < st->n_toks && st->toks[j].kind == TK_PUNCT &&
            is_close_quote(st->toks[j].cp) && b - a >= 1 &&
            !(b - a == 1 && !st->toks[a].sinit))
            return;
    }
    /* Leading function words are sentence capitals ("Under Qaddafi"). A
       leading determiner makes the rest a thing ("The Riverton City
       Council"). */
    bool after_det = false;
    const cd_tok *pw = prev_word(st, a, NULL);
    if (pw && !pw->cap && (pw->lex & LX_DET))
        after_det = true;
    cd_title_kind kd0;
    while (a < b && (st->toks[a].lex & LX_FUNC) && !title_at(st, a, &kd0)) {
        if (st->toks[a].lex & LX_DET)
            after_det = true;
        a++;
    }
    if (a >= b)
        return;
    /* The last title in the run; what follows is the name. */
    size_t name_a = a;
    cd_title_kind tkind = T_PLAIN;
    bool titled = false;
    long title = -1;
    for (size_t k = a; k < b; k++) {
        cd_title_kind kd;
        size_t n = title_at(st, k, &kd);
        if (n && kd == T_NAMEISH && b - (k + n) < 2)
            n = 0; /* "Dean Kamen": a given name */
        if (n && k + n < b) {
            titled = true;
            tkind = kd;
            title = (long)st->toks[k].wid;
            name_a = k + n;
            k += n - 1;
        }
    }
    if (titled) {
        /* Words before a title name an organisation or a country
           ("Vallorin Chief Executive", "Russian President"). */
        mark_words(st, a, name_a, W_IN_ORG);
        size_t ta = name_a;
        while (ta > a && st->toks[ta - 1].kind == TK_WORD &&
               (st->toks[ta - 1].lex & LX_TITLE))
            ta--;
    }
    /* Trailing suffixes (Jr., III). */
    size_t name_b = b;
    while (name_b > name_a + 1 && (st->toks[name_b - 1].lex & LX_SUFFIX))
        name_b--;
    /* Count the name's words; reject organisations and places. */
    size_t words = 0;
    bool org = false, nonname = false;
    /* A family name before a hyphenated given name (Park Ji-hoon) is a
       surname even when it is also a noun ("park"). */
    bool ff_shape = name_b - name_a == 2 && st->toks[name_b - 1].lowtail &&
                    st->toks[name_b - 1].cap;
    for (size_t k = name_a; k < name_b; k++) {
        const cd_tok *t = &st->toks[k];
        if (t->kind != TK_WORD)
            continue;
        if ((t->lex & LX_ORG) && !(ff_shape && k == name_a))
            org = true;
        if (t->lex & (LX_NONNAME | LX_FUNC))
            nonname = true;
        if (!t->initial && !(t->lex & LX_PARTICLE && !t->cap) &&
            !(k == name_a && t->cap && surname_particle(st, k)))
            words++;
    }
    if (org || nonname || words == 0 || (after_det && !titled) ||
        tkind == T_ROYAL || (words > 4 && !titled)) {
        mark_words(st, name_a, name_b, W_IN_ORG);
        if (after_det)
            mark_words(st, name_a, name_b, W_AFTER_DET);
        return;
    }
    if (tkind == T_WEAK && words < 2) {
        mark_words(st, a, name_b, W_IN_ORG); /* General Electric */
        return;
    }
    /* A possessive inside the run ends the name there ("New Year's Eve"
       is broken up by the caller), so only the last token may carry it. */
    uint32_t ev = mention_evidence(st, name_a, name_b - 1);
    if (titled && tkind == T_HONORIFIC)
        ev |= E_HONORIFIC;
    if (words >= 2) {
        /* Family name first (Ji Seong-ho, Moon Jae-in): two words, the
           second a hyphenated given name (scan_paragraph let it in). */
        bool ff = words == 2 && name_b - name_a == 2 &&
                  st->toks[name_b - 1].lowtail;
        /* A title word for a surname after a word that is no given name
           is a title of its own ("Brigadier General", "Surgeon
           General"), not a person; "John Major" is one. */
        if (!ff && (st->toks[name_b - 1].lex & LX_TITLE) &&
            st->toks[name_a].kind == TK_WORD &&
            !(word_endings(st, st->toks[name_a].wid) & W_FIRST))
            return;
        add_mention(st, name_a, name_b, M_FULL, ev, title, ff);
        size_t gi = ff ? name_b - 1 : name_a, si = ff ? name_a : name_b - 1;
        if (st->toks[gi].kind == TK_WORD)
            st->wflags[st->toks[gi].wid] |= W_GIVEN;
        st->wflags[st->toks[si].wid] |= W_SURNAME;
        return;
    }
    /* One word: skip an initial or a lower-case particle. */
    size_t k = name_a;
    while (k < name_b && st->toks[k].kind == TK_WORD &&
           (st->toks[k].initial || !st->toks[k].cap ||
            (k == name_a && surname_particle(st, k))))
        k++;
    if (k >= name_b)
        return;
    /* The particles before the surname are part of it ("van der Berg"
       is the surname of Pieter van der Berg, not "Berg"). */
    size_t ks = k;
    while (ks > name_a && surname_particle(st, ks - 1))
        ks--;
    const cd_tok *t = &st->toks[k];
    if (t->end - t->start < 2)
        return;
    if (!titled && !t->sinit && !t->quoted)
        st->wflags[t->wid] |= W_LONE_MID;
    if (ev & E_KIN)
        st->wflags[t->wid] |= W_KIN;
    if (!t->sinit && !titled && (word_endings(st, t->wid) & W_SHAPED))
        ev |= E_SHAPE;
    if (ev & E_AFTER_DET)
        st->wflags[t->wid] |= W_AFTER_DET;
    if (ev & E_AFTER_LOC)
        st->wflags[t->wid] |= W_AFTER_LOC;
    if (ev & E_ORG_APPOS)
        st->wflags[t->wid] |= W_ORG_APPOS;
    if (ev & E_IT)
        st->wflags[t->wid] |= W_IT;
    /* An office after a title is a form of address or an office, not a
       surname: "Mr. Speaker", "Madam President", "Inspector General".
       Royal and name-like titles are surnames too often ("Mr. King",
       "Ms. Dean") to be read so. */
    cd_title_kind wk;
    if (titled && title_at(st, k, &wk) && (wk == T_PLAIN || wk == T_WEAK))
        ev |= E_TITLEWORD;
    /* "Rebekah and Ben Erler": a given name coordinated with a full name
       shares its surname; it is no surname of its own. */
    if (!titled && k + 3 < st->n_toks && name_b == k + 1 &&
        st->toks[k + 1].kind == TK_WORD && st->toks[k + 1].lid == cd_id_and &&
        name_word(&st->toks[k + 2]) && name_word(&st->toks[k + 3]) &&
        !(st->toks[k + 2].lex & (LX_FUNC | LX_NONNAME | LX_ORG)) &&
        !(st->toks[k + 3].lex & (LX_FUNC | LX_NONNAME | LX_ORG)) &&
        (word_endings(st, t->wid) & W_FIRST) &&
        (word_endings(st, st->toks[k + 2].wid) & W_FIRST))
        st->wflags[t->wid] |= W_GIVEN;
    add_mention(st, ks, name_b, titled ? M_TITLED : M_LONE, ev, title, false);
}

/* Is token k the start of a nickname ("The Hammer") between two names?
 * Returns the index after its closing mark, or 0. */
static size_t nickname_end(const cd_names *st, size_t k)
{
    const cd_tok *o = &st->toks[k];
    if (o->kind != TK_PUNCT || !is_open_quote(o->cp) || o->cp == '(' ||
        o->cp == '[')
        return 0;
    size_t j = k + 1, n = 0;
    while (j < st->n_toks && name_word(&st->toks[j]) && n < 4)
        j++, n++;
    if (n == 0 || j >= st->n_toks || st->toks[j].kind != TK_PUNCT ||
        !is_close_quote(st->toks[j].cp))
        return 0;
    if (j + 1 < st->n_toks && name_word(&st->toks[j + 1]))
        return j + 1;
    return 0;
}

/* Is token b, in the run that starts at a, the hyphenated given name of
 * a family-name-first name: "Ji Seong-ho", "Moon Jae-in", "Kim Jong-un",
 * "Chiang Kai-shek"? One capitalised word (after any title) before it, a
 * short capitalised head and a two-to-four-letter lower-case tail that is
 * no English compound's ("Smith-led", "Chicago-born"), and no name after
 * it. */
static bool family_given_at(const cd_names *st, size_t a, size_t b)
{
    const cd_tok *t = &st->toks[b];
    if (t->kind != TK_WORD || !t->cap || t->allcaps || t->hasdigit ||
        !t->lowtail || b == 0 || !name_word(&st->toks[b - 1]) ||
        st->toks[b - 1].poss || t->sent != st->toks[b - 1].sent)
        return false;
    /* One word after the run's start or after a title ("Environment
       Minister Park Ji-hoon"). */
    cd_title_kind kd;
    bool after_title = false;
    for (size_t s = a; s + 1 < b && !after_title; s++)
        after_title = s + title_at(st, s, &kd) == b - 1;
    if (b - 1 != a && !after_title)
        return false;
    if (b + 1 < st->n_toks && name_word(&st->toks[b + 1]))
        return false;
    const char *w = st->p + t->start;
    size_t n = t->end - t->start, h = 0;
    while (h < n && w[h] != '-')
        h++;
    if (h < 2 || h > 6 || h + 3 > n || n - h - 1 > 4)
        return false;
    for (size_t i = 0; i < n; i++)
        if (i != h && !((w[i] >= 'a' && w[i] <= 'z') ||
                        (i == 0 && w[i] >= 'A' && w[i] <= 'Z')))
            return false; /* ASCII letters only, one hyphen */
    char key[CD_KEY_MAX];
    size_t kn = fold_key(w, h + 1, n, key);
    long id = cd_smap_get((cd_smap *)&cd_lex, key, kn, false);
    return id < 0 || !(cd_lex_flags[id] & LX_CTAIL);
}

static void scan_paragraph(cd_names *st)
{
    size_t n = st->n_toks, n_caps = st->n_caps;
    /* Word-level evidence for every capitalised word (tokenize has
       marked the rest). */
    for (size_t ci = 0; ci < n_caps; ci++) {
        size_t k = st->caps[ci];
        cd_tok *t = &st->toks[k];
        if (t->lex & LX_PLACE)
            st->wflags[t->wid] |= W_PLACE;
        /* A word before a title names the employer or the country
           ("Airbus chief executive", "Apple CEO", "Russian President"). */
        if (k + 1 < n && st->toks[k + 1].kind == TK_WORD &&
            (st->toks[k + 1].lex & LX_TITLE) && !t->poss)
            st->wflags[t->wid] |= W_BEFORE_TITLE;
        /* Standard & Poor's, Procter & Gamble. */
        if ((k + 1 < n && st->toks[k + 1].kind == TK_PUNCT &&
             st->toks[k + 1].cp == '&') ||
            (k > 0 && st->toks[k - 1].kind == TK_PUNCT &&
             st->toks[k - 1].cp == '&'))
            st->wflags[t->wid] |= W_IN_ORG;
    }
    /* Capitalised runs, each starting at a name word (capitalised, so in
       st->caps) after the previous run. Nickname tokens are skipped by
       moving the tokens after them down over them for the run. */
    size_t next = 0; /* the first token after the previous run */
    for (size_t ci = 0; ci < n_caps && !st->oom; ci++) {
        size_t k = st->caps[ci];
        if (k < next || !name_word(&st->toks[k]))
            continue;
        size_t a = k, b = k + 1;
        size_t nick_a = 0, nick_b = 0;
        /* Lower-case particles just before a run open its surname ("said
           van der Berg"). */
        while (a > 0 && k - a < 3 && !st->toks[a - 1].cap &&
               surname_particle(st, a - 1) &&
               st->toks[a - 1].sent == st->toks[k].sent)
            a--;
        for (;;) {
            if (st->toks[b - 1].poss)
                break; /* a possessive ends the name */
            if (b >= n)
                break;
            const cd_tok *t = &st->toks[b];
            if (name_word(t) || (t->initial) || family_given_at(st, a, b)) {
                /* An abbreviation dot ends a sentence only when the
                   sentence index changes. */
                if (t->sent != st->toks[b - 1].sent)
                    break;
                b++;
                continue;
            }
            /* Particles between names ("Ludwig van Beethoven", "Pieter
               van der Berg", "Marisol de la Cruz"): up to three lower-case
               particles, then a name. */
            if (t->kind == TK_WORD && !t->cap && (t->lex & LX_PARTICLE)) {
                size_t p = b;
                while (p < n && p < b + 3 && st->toks[p].kind == TK_WORD &&
                       !st->toks[p].cap && (st->toks[p].lex & LX_PARTICLE) &&
                       st->toks[p].sent == st->toks[b - 1].sent)
                    p++;
                if (p < n && name_word(&st->toks[p]) &&
                    st->toks[p].sent == st->toks[b - 1].sent) {
                    b = p;
                    continue;
                }
            }
            /* "of" inside a title phrase ("Secretary of State"). */
            if (t->kind == TK_WORD && !t->cap && (t->lex & LX_TITLE_INNER)) {
                cd_title_kind kd;
                size_t best = 0;
                for (size_t s = a; s < b; s++) {
                    size_t tn = title_at(st, s, &kd);
                    if (s + tn > b && tn > best)
                        best = s + tn;
                }
                if (best > b) {
                    b = best;
                    continue;
                }
            }
            size_t ne = nick_b ? 0 : nickname_end(st, b);
            if (ne) {
                nick_a = b;
                nick_b = ne; /* the first token after the closing mark */
                b = ne;
                continue;
            }
            break;
        }
        if (nick_b) {
            /* Take the run without the nickname: shift the tokens after
               it down over it temporarily. */
            size_t gap = nick_b - nick_a;
            cd_tok *saved = malloc(gap * sizeof *saved);
            if (!saved) {
                st->oom = true;
                return;
            }
            memcpy(saved, st->toks + nick_a, gap * sizeof *saved);
            memmove(st->toks + nick_a, st->toks + nick_b,
                    (n - nick_b) * sizeof *st->toks);
            st->n_toks = n - gap;
            st->shifted = true;
            take_run(st, a, b - gap);
            st->shifted = false;
            memmove(st->toks + nick_b, st->toks + nick_a,
                    (n - nick_b) * sizeof *st->toks);
            memcpy(st->toks + nick_a, saved, gap * sizeof *saved);
            st->n_toks = n;
            free(saved);
        } else {
            take_run(st, a, b);
        }
        next = b;
    }
}

/* ------------------------------------------------------------------ */
/* Spelling comparison.                                                */

/* Transliteration skeleton of a folded key: q, c and g read as k, w as
 * v, j and y as i, ee as i, oo and ou as u; an h after a consonant is
 * dropped (dh, kh, gh, th, sh; ph reads as f); doubled letters collapse;
 * so Gaddafi, Qaddafi and Gadhafi agree, Zelensky, Zelenskyy and
 * Zelenskiy, and Khatib and Khateeb. */
static size_t skeleton(const char *k, size_t n, char *out)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        char c = k[i];
        char d = i + 1 < n ? k[i + 1] : 0;
        if (c == 'p' && d == 'h') {
            c = 'f';
            i++;
        } else if (c == 'e' && d == 'e') {
            c = 'i';
            i++;
        } else if (c == 'o' && (d == 'o' || d == 'u')) {
            c = 'u';
            i++;
        } else if (c == 'q' || c == 'c' || c == 'g')
            c = 'k';
        else if (c == 'w')
            c = 'v';
        else if (c == 'j' || c == 'y')
            c = 'i';
        else if (c == 'h' && m > 0 && !strchr("aeiou", out[m - 1]))
            continue;
        if (m > 0 && out[m - 1] == c)
            continue;
        out[m++] = c;
    }
    out[m] = '\0';
    return m;
}

/* The Arabic and Turkish reading of a "th" after a vowel and before
 * another letter, which English copy also writes "s" (Othman / Osman,
 * Uthman / Usman): the key with each such "th" made "s", or 0 when it has
 * none. Used only between full names with
 * the same given name, where two spellings are one person. */
static size_t th_as_s(const char *k, size_t n, char *out)
{
    size_t m = 0;
    bool changed = false;
    for (size_t i = 0; i < n; i++) {
        if (k[i] == 't' && i + 2 < n && k[i + 1] == 'h' && i > 0 &&
            strchr("aeiou", k[i - 1])) {
            out[m++] = 's';
            i++;
            changed = true;
            continue;
        }
        out[m++] = k[i];
    }
    out[m] = '\0';
    return changed ? m : 0;
}

/* Optimal string alignment distance (edits and adjacent transpositions),
 * capped: returns cap + 1 when larger. */
static size_t osa_distance(const char *a, size_t n, const char *b, size_t m,
                           size_t cap)
{
    if (n > 63 || m > 63)
        return cap + 1;
    if ((n > m ? n - m : m - n) > cap)
        return cap + 1;
    size_t d[64][64];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= n; i++) {
        for (size_t j = 1; j <= m; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v)
                v = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    }
    return d[n][m];
}

/* How many typing errors a surname of this length may hold and still be
 * read as the same name: none under six letters (Kerry/Kirby, Obama/Osama
 * are different names), one from six, two from nine. */
static size_t edit_budget(size_t len)
{
    return len >= 9 ? 2 : len >= 6 ? 1 : 0;
}

/* ------------------------------------------------------------------ */
/* Pass 2: groups and variant links.                                   */

/* A linked list of group ids per hash key (deletion neighbourhood or
 * skeleton). */
typedef struct cd_bucket_ent {
    long group;
    long next;
} cd_bucket_ent;

/* Owns map, head and ents (index_free). */
typedef struct cd_index {
    cd_smap map;
    long *head;
    size_t cap_head;
    cd_bucket_ent *ents;
    size_t n_ents, cap_ents;
} cd_index;

static void index_free(cd_index *ix)
{
    cd_smap_free(&ix->map);
    free(ix->head);
    free(ix->ents);
}

static int index_add(cd_index *ix, const char *k, size_t n, long group)
{
    long id = cd_smap_get(&ix->map, k, n, true);
    if (id < 0)
        return -1;
    size_t old = ix->cap_head;
    if (cd_grow((void **)&ix->head, &ix->cap_head, (size_t)id + 1,
                 sizeof *ix->head) != 0)
        return -1;
    for (size_t i = old; i < ix->cap_head; i++)
        ix->head[i] = -1;
    long h = ix->head[id];
    if (h >= 0 && ix->ents[h].group == group)
        return 0; /* same group twice under one key */
    if (cd_grow((void **)&ix->ents, &ix->cap_ents, ix->n_ents + 1,
                 sizeof *ix->ents) != 0)
        return -1;
    ix->ents[ix->n_ents].group = group;
    ix->ents[ix->n_ents].next = h;
    ix->head[id] = (long)ix->n_ents++;
    return 0;
}

static long index_first(const cd_index *ix, const char *k, size_t n)
{
    long id = cd_smap_get((cd_smap *)&ix->map, k, n, false);
    return id < 0 ? -1 : ix->head[id];
}

/* Calls fn for every string reachable from k by up to d deletions. */
typedef int (*cd_del_fn)(void *ctx, const char *s, size_t n);
static int deletions(const char *k, size_t n, size_t d, cd_del_fn fn,
                     void *ctx)
{
    char buf[CD_KEY_MAX];
    if (fn(ctx, k, n) != 0)
        return -1;
    if (d == 0 || n <= 1)
        return 0;
    /* buf is k without its letter i: k[0..i) then k[i+1..n). From one i
       to the next only buf[i - 1] changes, from k[i] to k[i - 1]. */
    memcpy(buf, k + 1, n - 1);
    for (size_t i = 0; i < n; i++) {
        if (i > 0) {
            buf[i - 1] = k[i - 1];
            if (k[i] == k[i - 1])
                continue; /* same string as deleting the previous letter */
        }
        if (deletions(buf, n - 1, d - 1, fn, ctx) != 0)
            return -1;
    }
    return 0;
}

typedef struct cd_del_add {
    cd_index *ix;
    long group;
} cd_del_add;

static int del_add_cb(void *ctx, const char *s, size_t n)
{
    cd_del_add *c = ctx;
    return index_add(c->ix, s, n, c->group);
}

static long find_root(cd_names *st, long g)
{
    while (st->groups[g].parent != g) {
        st->groups[g].parent = st->groups[st->groups[g].parent].parent;
        g = st->groups[g].parent;
    }
    return g;
}

static void unite(cd_names *st, long a, long b)
{
    a = find_root(st, a);
    b = find_root(st, b);
    if (a == b)
        return;
    /* The group seen first stays the root. */
    if (st->groups[b].first < st->groups[a].first) {
        long t = a;
        a = b;
        b = t;
    }
    st->groups[b].parent = a;
}

static long new_group(cd_names *st, uint32_t skey, size_t first)
{
    if (cd_grow((void **)&st->groups, &st->cap_groups, st->n_groups + 1,
                 sizeof *st->groups) != 0) {
        st->oom = true;
        return -1;
    }
    cd_group *g = &st->groups[st->n_groups];
    memset(g, 0, sizeof *g);
    g->skey = skey;
    g->first = first;
    g->first_full = (size_t)-1;
    g->parent = (long)st->n_groups;
    g->known = -1;
    st->key_group[skey] = (long)st->n_groups;
    return (long)st->n_groups++;
}

/* Word-level signs that a capitalised word is a place, an organisation,
 * a product or a common noun rather than a person's name. */
static bool word_not_person(cd_names *st, uint32_t wid)
{
    uint32_t f = word_endings(st, wid);
    return (f & (W_LOWER | W_AFTER_DET | W_AFTER_LOC | W_ORG_APPOS |
                 W_IN_ORG | W_INNERCAPS | W_IT | W_BEFORE_TITLE | W_PLACE |
                 W_NOUNISH | W_KIN)) != 0;
}

/* Personal evidence on a lone or titled mention. */
static bool mention_personal(const cd_mention *m)
{
    return (m->ev & (E_POSS | E_SPEECH | E_WHO | E_AGE | E_HONORIFIC |
                     E_SHAPE)) != 0 ||
           m->kind == M_TITLED;
}

/* A lone mention that does not refer to a person even when the word is a
 * person's name: "the Obamas", "the Obama administration". */
static bool mention_excluded(const cd_mention *m)
{
    return (m->ev & (E_AFTER_DET | E_MODIFIER)) != 0 && m->kind == M_LONE;
}

typedef struct cd_match_ctx {
    cd_names *st;
    const cd_index *ix;
    const char *key;
    size_t n;
    long best;
    int best_strength;
    size_t best_count;
    bool tie;
    bool plural;         /* the spelling is used as a family plural */
    long self;           /* the group being matched: never its own match */
    uint32_t *seen;      /* per group: the query that last compared it */
    uint32_t query;      /* this query's stamp */
} cd_match_ctx;

static void consider(cd_match_ctx *c, long g, int strength)
{
    cd_names *st = c->st;
    if (g == c->self)
        return;
    long r = find_root(st, g);
    size_t cnt = st->groups[g].count;
    if (c->best >= 0 && find_root(st, c->best) == r) {
        if (strength > c->best_strength)
            c->best_strength = strength;
        return;
    }
    if (strength > c->best_strength ||
        (strength == c->best_strength && cnt > c->best_count)) {
        c->best = g;
        c->best_strength = strength;
        c->best_count = cnt;
        c->tie = false;
    } else if (strength == c->best_strength && cnt == c->best_count) {
        c->tie = true;
    }
}

static int match_cb(void *ctx, const char *s, size_t n)
{
    cd_match_ctx *c = ctx;
    for (long e = index_first(c->ix, s, n); e >= 0; e = c->ix->ents[e].next) {
        long g = c->ix->ents[e].group;
        /* A group reached through several deletions is compared once:
           the comparison and consider() give the same answer again. */
        if (c->seen[g] == c->query)
            continue;
        c->seen[g] = c->query;
        size_t gl;
        const char *gk = cd_smap_key(&c->st->keys, c->st->groups[g].skey, &gl);
        size_t lim = edit_budget(gl < c->n ? gl : c->n);
        /* A dropped final s ("Water" for Kathryn Waters). */
        if (gl == c->n + 1 && gk[c->n] == 's' && c->n >= 4 &&
            memcmp(c->key, gk, c->n) == 0) {
            consider(c, g, 1);
            continue;
        }
        if (lim == 0)
            continue;
        /* A family plural is not a variant (the Obamas, the Pappases’);
           a plain "Castellanos" for Castellano is. */
        bool plural_of = (c->n == gl + 1 && c->key[gl] == 's' &&
                          memcmp(c->key, gk, gl) == 0) ||
                         (c->n == gl + 2 && memcmp(c->key + gl, "es", 2) == 0 &&
                          memcmp(c->key, gk, gl) == 0);
        if (plural_of && c->plural)
            continue;
        if (osa_distance(c->key, c->n, gk, gl, lim) <= lim)
            consider(c, g, 1);
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Reporting.                                                          */

/* The line number of byte off. The text's line breaks are indexed only as
 * far as a query needs: the full names that first-reference findings
 * point to are mostly near the start of a long document. */
static size_t line_of(cd_names *st, size_t off)
{
    const char *t = st->doc->text;
    size_t len = st->doc->len;
    while (st->lines_done < off && st->lines_done < len) {
        const char *q = memchr(t + st->lines_done, '\n', len - st->lines_done);
        if (!q) {
            st->lines_done = len;
            break;
        }
        if (cd_grow((void **)&st->lines, &st->cap_lines, st->n_lines + 1,
                     sizeof *st->lines) != 0) {
            st->oom = true;
            break;
        }
        st->lines[st->n_lines++] = (size_t)(q - t);
        st->lines_done = (size_t)(q - t) + 1;
    }
    size_t lo = 0, hi = st->n_lines;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (st->lines[mid] < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo + 1;
}

static char *dup_range(const char *s, size_t a, size_t b)
{
    char *d = malloc(b - a + 1);
    if (d) {
        memcpy(d, s + a, b - a);
        d[b - a] = '\0';
    }
    return d;
}

static const char *spelling(const cd_names *st, uint32_t id, int *len)
{
    size_t n;
    const char *s = cd_smap_key(&st->spells, id, &n);
    *len = (int)n;
    return s;
}

/* One spelling's tally inside a cluster. */
typedef struct cd_tally {
    uint32_t spell;
    size_t count;
    size_t first;      /* mention index */
    bool full;         /* used in a full name */
    bool known;        /* the newsroom's spelling */
} cd_tally;

/* Owns ments and tally (free_cluster). */
typedef struct cd_cluster {
    size_t *ments;     /* mention indices, text order */
    size_t n, cap;
    cd_tally *tally;
    size_t n_tally, cap_tally;
} cd_cluster;

static long tally_add(cd_cluster *c, uint32_t spell, size_t mi, bool full)
{
    for (size_t i = 0; i < c->n_tally; i++)
        if (c->tally[i].spell == spell) {
            c->tally[i].count++;
            c->tally[i].full |= full;
            return (long)i;
        }
    if (cd_grow((void **)&c->tally, &c->cap_tally, c->n_tally + 1,
                 sizeof *c->tally) != 0)
        return -1;
    cd_tally *t = &c->tally[c->n_tally];
    t->spell = spell;
    t->count = 1;
    t->first = mi;
    t->full = full;
    t->known = false;
    return (long)c->n_tally++;
}

/* The canonical spelling: the newsroom's, else the majority; a tie goes
 * to the spelling used in a full name. Returns -1 when no spelling wins
 * (then nothing is flagged). */
static long canonical_of(const cd_cluster *c)
{
    long best = -1;
    for (size_t i = 0; i < c->n_tally; i++)
        if (c->tally[i].known)
            return (long)i;
    for (size_t i = 0; i < c->n_tally; i++) {
        const cd_tally *t = &c->tally[i];
        if (best < 0 || t->count > c->tally[best].count ||
            (t->count == c->tally[best].count && t->full &&
             !c->tally[best].full))
            best = (long)i;
    }
    for (size_t i = 0; i < c->n_tally; i++) {
        const cd_tally *t = &c->tally[i];
        if ((long)i != best && t->count == c->tally[best].count &&
            t->full == c->tally[best].full)
            return -1; /* no majority */
    }
    return best;
}

static void report_variants(cd_names *st, cd_cluster *c, bool given,
                            cd_result *out)
{
    long canon = canonical_of(c);
    if (canon < 0 || c->n_tally < 2)
        return;
    const cd_tally *ct = &c->tally[canon];
    int cl;
    const char *cs = spelling(st, ct->spell, &cl);
    char msg[160]; /* every related entry says the same */
    snprintf(msg, sizeof msg, "spelled '%.*s' here", cl, cs);
    for (size_t i = 0; i < c->n; i++) {
        const cd_mention *m = &st->ments[c->ments[i]];
        long sp = given ? m->gspell : (long)m->spell;
        if (sp < 0 || (uint32_t)sp == ct->spell)
            continue;
        int vl;
        const char *vs = spelling(st, (uint32_t)sp, &vl);
        size_t a = given ? m->gstart : m->sstart;
        size_t b = given ? m->gend : m->send;
        cd_finding *f;
        if (ct->known)
            f = cd_result_push(out, CD_NAME_VARIANT, CD_SEV_DEFAULT, a, b,
                               "'%.*s' — the newsroom spells it '%.*s'",
                               vl, vs, cl, cs);
        else
            f = cd_result_push(out, CD_NAME_VARIANT, CD_SEV_DEFAULT, a, b,
                               "'%.*s' — elsewhere '%.*s' (%zu×)", vl, vs,
                               cl, cs, ct->count);
        if (!f) {
            st->oom = true;
            return;
        }
        cd_finding_set_evidence(f, cs ? cs : "");
        /* Related: the canonical mentions, the full name first. */
        size_t shown = 0;
        for (size_t j = 0; j < c->n && shown < 8; j++) {
            const cd_mention *o = &st->ments[c->ments[j]];
            long osp = given ? o->gspell : (long)o->spell;
            if (osp != (long)ct->spell)
                continue;
            cd_finding_add_related(f, given ? o->gstart : o->sstart,
                                   given ? o->gend : o->send, msg);
            shown++;
        }
    }
}

static void free_cluster(cd_cluster *c)
{
    free(c->ments);
    free(c->tally);
    memset(c, 0, sizeof *c);
}

/* Appends a person to out->people from cluster mentions. */
static void add_person(cd_names *st, const cd_cluster *c, const size_t *ms,
                       size_t n, cd_result *out, size_t *cap_people)
{
    if (n == 0)
        return;
    if (cd_grow((void **)&out->people, cap_people, out->n_people + 1,
                 sizeof *out->people) != 0) {
        st->oom = true;
        return;
    }
    cd_person *p = &out->people[out->n_people];
    memset(p, 0, sizeof *p);
    /* Variants: the surname spellings, canonical first. */
    long canon = canonical_of(c);
    if (canon < 0)
        canon = 0;
    size_t nv = 0;
    p->variants = calloc(c->n_tally, sizeof *p->variants);
    p->mentions = calloc(n, sizeof *p->mentions);
    if (!p->variants || !p->mentions) {
        free(p->variants);
        free(p->mentions);
        st->oom = true;
        return;
    }
    long *vmap = malloc(c->n_tally * sizeof *vmap);
    if (!vmap) {
        free(p->variants);
        free(p->mentions);
        st->oom = true;
        return;
    }
    for (size_t i = 0; i < c->n_tally; i++)
        vmap[i] = -1;
    for (size_t pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < c->n_tally; i++) {
            if ((pass == 0) != ((long)i == canon))
                continue;
            size_t cnt = 0, first = (size_t)-1;
            for (size_t k = 0; k < n; k++)
                if (st->ments[ms[k]].spell == c->tally[i].spell) {
                    cnt++;
                    if (first == (size_t)-1)
                        first = ms[k];
                }
            if (!cnt)
                continue;
            cd_name_variant *v = &p->variants[nv];
            int l;
            const char *s = spelling(st, c->tally[i].spell, &l);
            v->spelling = dup_range(s, 0, (size_t)l);
            v->count = cnt;
            v->first_start = st->ments[first].sstart;
            v->first_end = st->ments[first].send;
            vmap[i] = (long)nv++;
        }
    }
    p->n_variants = nv;
    for (size_t k = 0; k < n; k++) {
        const cd_mention *m = &st->ments[ms[k]];
        p->mentions[k].start = m->start;
        p->mentions[k].end = m->end;
        size_t vi = 0;
        for (size_t i = 0; i < c->n_tally; i++)
            if (c->tally[i].spell == m->spell && vmap[i] >= 0)
                vi = (size_t)vmap[i];
        p->mentions[k].variant = vi;
        if (m->kind == M_FULL && p->full_end == 0) {
            p->full_start = m->start;
            p->full_end = m->end;
        }
    }
    p->n_mentions = n;
    free(vmap);
    /* Canonical: the full name as first introduced, with the canonical
       surname; else the canonical surname. */
    int cl;
    const char *cs = spelling(st, c->tally[canon].spell, &cl);
    const cd_mention *full = NULL;
    for (size_t k = 0; k < n && !full; k++)
        if (st->ments[ms[k]].kind == M_FULL)
            full = &st->ments[ms[k]];
    if (full && full->gend > full->gstart) {
        size_t gl = full->gend - full->gstart;
        p->canonical = malloc(gl + 1 + (size_t)cl + 1);
        if (p->canonical && full->sstart < full->gstart) {
            /* Family name first (Ji Seong-ho), as introduced. */
            memcpy(p->canonical, cs, (size_t)cl);
            p->canonical[cl] = ' ';
            memcpy(p->canonical + cl + 1, st->doc->text + full->gstart, gl);
            p->canonical[(size_t)cl + 1 + gl] = '\0';
        } else if (p->canonical) {
            memcpy(p->canonical, st->doc->text + full->gstart, gl);
            p->canonical[gl] = ' ';
            memcpy(p->canonical + gl + 1, cs, (size_t)cl);
            p->canonical[gl + 1 + (size_t)cl] = '\0';
        }
    } else {
        p->canonical = dup_range(cs, 0, (size_t)cl);
    }
    out->n_people++;
    if (!p->canonical)
        st->oom = true;
}

/* ------------------------------------------------------------------ */

/* Do two introduced surname groups have a full name with the same
 * folded given names? Walks their full mentions (few per group). */
static bool share_given(const cd_names *st, long g, long h)
{
    for (long i = (long)st->groups[g].first; i >= 0;
         i = st->next_in_group[i]) {
        const cd_mention *a = &st->ments[i];
        if (a->kind != M_FULL || a->gkey < 0)
            continue;
        for (long j = (long)st->groups[h].first; j >= 0;
             j = st->next_in_group[j]) {
            const cd_mention *b = &st->ments[j];
            if (b->kind == M_FULL && b->gkey == a->gkey)
                return true;
        }
    }
    return false;
}

static void link_variants(cd_names *st)
{
    size_t ng = st->n_groups;
    cd_index del = {0}, skel = {0};
    uint32_t *seen = calloc(ng ? ng : 1, sizeof *seen);
    uint32_t query = 0;
    /* Room for a skeleton per group and for the deletion neighbourhoods
       (a few strings a group on average) without regrowing. */
    if (!seen || cd_smap_reserve(&skel.map, ng) != 0 ||
        cd_smap_reserve(&del.map, ng * 8) != 0) {
        free(seen);
        index_free(&del);
        index_free(&skel);
        st->oom = true;
        return;
    }
    /* Targets: groups with a full name or a known spelling. */
    for (size_t g = 0; g < ng && !st->oom; g++) {
        cd_group *gr = &st->groups[g];
        size_t kl;
        const char *k = cd_smap_key(&st->keys, gr->skey, &kl);
        char sk[CD_KEY_MAX];
        size_t sl = skeleton(k, kl, sk);
        if (kl >= 5 && index_add(&skel, sk, sl, (long)g) != 0)
            st->oom = true;
        if (gr->n_full || gr->known >= 0) {
            cd_del_add ctx = {&del, (long)g};
            if (deletions(k, kl, edit_budget(kl), del_add_cb, &ctx) != 0)
                st->oom = true;
        }
    }
    /* Introduced surnames that share a skeleton are one person when the
       given names agree (Recep Tayyip Erdoğan / Recep Tayyip Erdogan);
       two people introduced with their own names otherwise. A lone or
       unintroduced spelling is linked to the best introduced match. */
    for (size_t g = 0; g < ng && !st->oom; g++) {
        cd_group *gr = &st->groups[g];
        size_t kl;
        const char *k = cd_smap_key(&st->keys, gr->skey, &kl);
        if (gr->n_full) {
            char sk[CD_KEY_MAX];
            size_t sl = skeleton(k, kl, sk);
            if (kl < 5)
                continue;
            for (long e = index_first(&skel, sk, sl); e >= 0;
                 e = skel.ents[e].next) {
                long h = skel.ents[e].group;
                if (h != (long)g && st->groups[h].n_full &&
                    share_given(st, (long)g, h))
                    unite(st, (long)g, h);
                /* The newsroom's spelling of the name ("Zelensky" for a
                   full "Volodymyr Zelenskyy"). */
                if (h != (long)g && st->groups[h].known >= 0 &&
                    !st->groups[h].count)
                    unite(st, (long)g, h);
            }
            /* The same given name with "th" read as "s" (Khalid Othman,
               Khalid Osman). */
            char alt[CD_KEY_MAX];
            size_t al = th_as_s(k, kl, alt);
            if (al) {
                sl = skeleton(alt, al, sk);
                for (long e = index_first(&skel, sk, sl); e >= 0;
                     e = skel.ents[e].next) {
                    long h = skel.ents[e].group;
                    if (h != (long)g && st->groups[h].n_full &&
                        share_given(st, (long)g, h))
                        unite(st, (long)g, h);
                }
            }
            /* A typo in the surname of a full name: the same given name
               with a surname one or two letters off (Tomas Halvorsen,
               Tomas Halvorson). Different given names are different
               people, however close the surnames (Chuck Larson, Sylvia
               Larsen). */
            cd_match_ctx mc = {st,    &del, k,    kl,        -1, 0, 0,
                               false, true, (long)g, seen, ++query};
            if (deletions(k, kl, edit_budget(kl), match_cb, &mc) != 0)
                st->oom = true;
            if (mc.best >= 0 && mc.best != (long)g && !mc.tie &&
                (share_given(st, (long)g, mc.best) ||
                 (st->groups[mc.best].known >= 0 &&
                  !st->groups[mc.best].count)))
                unite(st, (long)g, mc.best);
            continue;
        }
        if (!gr->count)
            continue; /* a known spelling the text never uses */
        /* An unintroduced spelling. */
        const cd_mention *m0 = &st->ments[gr->first];
        bool excluded_only = true, plural = false;
        for (long i = (long)gr->first; i >= 0; i = st->next_in_group[i]) {
            const cd_mention *m = &st->ments[i];
            if (!mention_excluded(m))
                excluded_only = false;
            if (m->ev & (E_PLPOSS | E_AFTER_DET))
                plural = true;
        }
        if (excluded_only)
            continue;
        /* A common word, a place or an organisation is not a misspelt
           name. */
        if (word_not_person(st, m0->sword))
            continue;
        cd_match_ctx mc = {st,    &skel,  k,       kl,   -1,     0, 0,
                           false, plural, (long)g, seen, ++query};
        char sk[CD_KEY_MAX];
        size_t sl = skeleton(k, kl, sk);
        if (kl >= 5) {
            for (long e = index_first(&skel, sk, sl); e >= 0;
                 e = skel.ents[e].next) {
                long h = skel.ents[e].group;
                if (h != (long)g && (st->groups[h].n_full ||
                                     st->groups[h].known >= 0))
                    consider(&mc, h, 2);
            }
        }
        mc.ix = &del;
        if (deletions(k, kl, edit_budget(kl), match_cb, &mc) != 0)
            st->oom = true;
        /* A spelling seen only alone and with no personal evidence may be
           a minority misspelling of an introduced name, never the
           majority that would make it canonical ("both Houses" is not
           Jim Houser). */
        if (mc.best >= 0 && !mc.tie &&
            (gr->person_ok || gr->count < st->groups[mc.best].count))
            unite(st, mc.best, (long)g);
    }
    /* Unintroduced spellings that share a skeleton with each other
       (Qaddafi, Gadhafi, both never introduced): one person. */
    for (size_t g = 0; g < ng && !st->oom; g++) {
        cd_group *gr = &st->groups[g];
        if (gr->n_full || !gr->person_ok)
            continue;
        size_t kl;
        const char *k = cd_smap_key(&st->keys, gr->skey, &kl);
        if (kl < 5)
            continue;
        char sk[CD_KEY_MAX];
        size_t sl = skeleton(k, kl, sk);
        for (long e = index_first(&skel, sk, sl); e >= 0;
             e = skel.ents[e].next) {
            long h = skel.ents[e].group;
            if (h != (long)g && !st->groups[h].n_full &&
                st->groups[h].person_ok)
                unite(st, (long)g, h);
        }
    }
    index_free(&del);
    index_free(&skel);
    free(seen);
}

/* Can an unintroduced spelling be a person? Needs personal evidence on a
 * mention (a possessive, a speech verb, "X, who", an age, an honorific or
 * title) and no sign anywhere that the word is a place, an organisation
 * or a common noun; a word only ever seen at the start of a sentence
 * ("Prosecutors say") is a common noun. */
static bool group_person_ok(cd_names *st, long g)
{
    bool personal = false, titled = false, mid = false;
    size_t n_it = 0, n_he = 0;
    uint32_t wid = 0;
    for (long i = (long)st->groups[g].first; i >= 0;
         i = st->next_in_group[i]) {
        const cd_mention *m = &st->ments[i];
        wid = m->sword;
        if (m->kind == M_TITLED)
            titled = true;
        if (mention_excluded(m))
            continue;
        if (m->ev & (E_IT | E_KIN))
            return false;
        n_it += (m->ev & E_ITWEAK) != 0;
        n_he += (m->ev & E_HE) != 0;
        if (mention_personal(m))
            personal = true;
        if (!(m->ev & E_SINIT) || (m->ev & E_OFFICE))
            mid = true;
    }
    if (titled)
        return true;
    if (!personal || !mid || n_it > n_he)
        return false;
    return !word_not_person(st, wid);
}

static void known_names(cd_names *st)
{
    const cd_options *o = st->opts;
    for (size_t i = 0; i < o->n_known_names; i++) {
        const char *kn = o->known_names[i];
        if (!kn)
            continue;
        size_t len = strlen(kn);
        size_t sp = len;
        while (sp > 0 && kn[sp - 1] != ' ')
            sp--;
        char key[CD_KEY_MAX];
        size_t kl = fold_key(kn, sp, len, key);
        if (!kl)
            continue;
        long kid = key_id(st, key, kl);
        if (kid < 0)
            return;
        long g = st->key_group[kid];
        if (g < 0) {
            /* A group with no mentions that carries the spelling. */
            g = new_group(st, (uint32_t)kid, (size_t)-1);
            if (g < 0)
                return;
        }
        st->groups[g].known = (long)i;
    }
}

/* Spellings of the given names of one person (Jean-Pierre / Jean
 * Pierre): the full mentions of the cluster with the same folded given
 * names, one tally per distinct given key. */
/* The transliteration skeleton of a mention's given key: given names of
 * one surname that share it are one person's name spelt two ways (Park
 * Ji-hoon, Park Ji-hun; Katherine and Catherine Lee). Keys under four
 * letters of skeleton are compared as they are. */
static size_t given_skeleton(cd_names *st, const cd_mention *m, char *out)
{
    size_t gl;
    const char *g = cd_smap_key(&st->keys, (uint32_t)m->gkey, &gl);
    size_t sl = skeleton(g, gl, out);
    if (sl < 4) {
        memcpy(out, g, gl);
        out[gl] = '\0';
        out[gl + 1] = '\1'; /* never equal to a skeleton */
        sl = gl + 2;
    }
    return sl;
}

static void report_given_variants(cd_names *st, const cd_cluster *c,
                                  cd_result *out)
{
    long seen[16];
    size_t n_seen = 0;
    for (size_t i = 0; i < c->n && !st->oom; i++) {
        const cd_mention *m = &st->ments[c->ments[i]];
        if (m->kind != M_FULL || m->gspell < 0)
            continue;
        /* A given key already seen, the usual case, needs no skeleton. */
        bool dup = false;
        for (size_t j = 0; j < n_seen && !dup; j++)
            dup = st->ments[c->ments[(size_t)seen[j]]].gkey == m->gkey;
        if (dup || n_seen == sizeof seen / sizeof seen[0])
            continue;
        char sk[CD_KEY_MAX + 2];
        size_t sl = given_skeleton(st, m, sk);
        for (size_t j = 0; j < n_seen && !dup; j++) {
            const cd_mention *o = &st->ments[c->ments[(size_t)seen[j]]];
            char ok[CD_KEY_MAX + 2];
            dup = given_skeleton(st, o, ok) == sl && !memcmp(ok, sk, sl);
        }
        if (dup)
            continue;
        seen[n_seen++] = (long)i;
        cd_cluster one = {0};
        for (size_t j = i; j < c->n; j++) {
            const cd_mention *o = &st->ments[c->ments[j]];
            if (o->kind != M_FULL || o->gspell < 0)
                continue;
            char ok[CD_KEY_MAX + 2];
            if (o->gkey != m->gkey &&
                !(given_skeleton(st, o, ok) == sl && !memcmp(ok, sk, sl)))
                continue;
            if (cd_grow((void **)&one.ments, &one.cap, one.n + 1,
                         sizeof *one.ments) != 0 ||
                tally_add(&one, (uint32_t)o->gspell, c->ments[j], true) < 0) {
                st->oom = true;
                break;
            }
            one.ments[one.n++] = c->ments[j];
        }
        if (one.n_tally > 1 && !st->oom)
            report_variants(st, &one, true, out);
        free_cluster(&one);
    }
}

/* name-first-reference for one cluster: the first surname-only
 * reference before the first full name, or, never introduced, the first
 * mention. */
static void report_first_reference(cd_names *st, const cd_cluster *c,
                                   size_t first_full, cd_result *out)
{
    const cd_doc *doc = st->doc;
    long canon = canonical_of(c);
    if (first_full == (size_t)-1) {
        const cd_mention *m = &st->ments[c->ments[0]];
        int sl;
        const char *ss = spelling(st, m->spell, &sl);
        cd_finding *f = cd_result_push(
            out, CD_NAME_FIRST_REFERENCE, CD_SEV_DEFAULT, m->sstart, m->send,
            "'%.*s' is used without a full name: introduce the person with "
            "first and last name",
            sl, ss);
        if (!f || cd_finding_set_evidence(f, ss) != 0)
            st->oom = true;
        return;
    }
    const cd_mention *fm = &st->ments[first_full];
    /* Only when a reference before the full name reads as a person (a
       possessive, a speech verb, "X, who", a title): "over Wi-Fi" before
       "MacBook Wi-Fi" is no reference. */
    bool personal = false;
    for (size_t i = 0; i < c->n && c->ments[i] < first_full; i++)
        if (mention_personal(&st->ments[c->ments[i]]))
            personal = true;
    for (size_t i = 0; i < c->n && personal && c->ments[i] < first_full;
         i++) {
        const cd_mention *m = &st->ments[c->ments[i]];
        if (m->kind == M_FULL)
            continue;
        /* A place or an organisation of the same name ("in Jordan"
           before Michael Jordan) is not a reference to the person. */
        if ((m->ev & (E_AFTER_LOC | E_ORG_APPOS)) ||
            word_not_person(st, m->sword))
            continue;
        if (canon >= 0 && m->spell != c->tally[canon].spell)
            continue; /* the variant finding covers it */
        int sl;
        const char *ss = spelling(st, m->spell, &sl);
        /* "President Clinton" before a "Hillary Clinton" who carries no
           such title: maybe another person of that surname, so the
           message does not say this is the same one. */
        bool other = m->kind == M_TITLED && m->title != fm->title;
        cd_finding *f = cd_result_push(
            out, CD_NAME_FIRST_REFERENCE, CD_SEV_DEFAULT, m->sstart, m->send,
            other ? "'%.*s' is used without a full name; '%.*s' (line %zu), "
                    "without that title, may be someone else"
                  : "'%.*s' appears before the full name '%.*s' (line %zu)",
            sl, ss, (int)(fm->end - fm->start), doc->text + fm->start,
            line_of(st, fm->start));
        if (!f || cd_finding_set_evidence(f, ss) != 0 ||
            cd_finding_add_related(f, fm->start, fm->end,
                                   other ? "a full name with this surname"
                                         : "the full name") != 0)
            st->oom = true;
        return; /* the first reference only */
    }
}

/* out->people for one cluster: one person per given name (a sister and
 * a brother share a surname; Recep and Recep Tayyip are one);
 * surname-only mentions go to the most recently introduced one, else the
 * first. */
static void report_people(cd_names *st, const cd_cluster *c, cd_result *out,
                          size_t *cap_people)
{
    enum { MAX_PEOPLE = 32 };
    long keys[MAX_PEOPLE];  /* the given key that defines each person */
    size_t n_people = 0;
    size_t *owner = malloc(c->n * sizeof *owner);
    size_t *ms = malloc(c->n * sizeof *ms);
    if (!owner || !ms) {
        free(owner);
        free(ms);
        st->oom = true;
        return;
    }
    size_t cur = (size_t)-1;
    for (size_t i = 0; i < c->n; i++) {
        const cd_mention *m = &st->ments[c->ments[i]];
        if (m->kind == M_FULL) {
            size_t who = n_people;
            for (size_t j = 0; j < n_people && m->gkey >= 0; j++) {
                if (keys[j] < 0)
                    continue;
                size_t la, lb;
                const char *ka = cd_smap_key(&st->keys, (uint32_t)m->gkey, &la);
                const char *kb = cd_smap_key(&st->keys, (uint32_t)keys[j], &lb);
                if (memcmp(ka, kb, la < lb ? la : lb) == 0) {
                    who = j;
                    break;
                }
            }
            if (who == n_people) {
                if (n_people < MAX_PEOPLE)
                    keys[n_people++] = m->gkey;
                else
                    who = n_people - 1;
            }
            cur = who;
        }
        owner[i] = cur;
    }
    if (n_people == 0)
        n_people = 1; /* never introduced: one person */
    for (size_t i = 0; i < c->n; i++)
        if (owner[i] == (size_t)-1)
            owner[i] = 0;
    for (size_t p = 0; p < n_people && !st->oom; p++) {
        size_t n = 0;
        for (size_t i = 0; i < c->n; i++)
            if (owner[i] == p)
                ms[n++] = c->ments[i];
        add_person(st, c, ms, n, out, cap_people);
    }
    free(owner);
    free(ms);
}

/* Everything reported for one cluster of mentions (one surname family
 * of spellings). */
static void report_cluster(cd_names *st, cd_cluster *c, long known,
                           cd_result *out, size_t *cap_people)
{
    /* A person at all? Introduced, or unintroduced with evidence on one
       of its spellings. */
    bool introduced = false, ok = false;
    size_t first_full = (size_t)-1;
    for (size_t i = 0; i < c->n; i++) {
        const cd_mention *m = &st->ments[c->ments[i]];
        const cd_group *gr = &st->groups[m->group];
        introduced |= gr->n_full > 0;
        ok |= gr->person_ok;
        if (m->kind == M_FULL && first_full == (size_t)-1)
            first_full = c->ments[i];
    }
    if (!introduced && !ok)
        return;
    /* Tally the surname spellings; excluded mentions (the Obamas, the
       Obama administration) do not count and are dropped. */
    size_t kept = 0;
    for (size_t i = 0; i < c->n; i++) {
        const cd_mention *m = &st->ments[c->ments[i]];
        if (mention_excluded(m))
            continue;
        c->ments[kept++] = c->ments[i];
        if (tally_add(c, m->spell, c->ments[i], m->kind == M_FULL) < 0)
            st->oom = true;
    }
    c->n = kept;
    if (!kept || st->oom)
        return;
    if (known >= 0) {
        /* The newsroom's spelling is canonical, used or not. */
        const char *kn = st->opts->known_names[known];
        size_t len = strlen(kn), sp = len;
        while (sp > 0 && kn[sp - 1] != ' ')
            sp--;
        long id = cd_smap_get(&st->spells, kn + sp, len - sp, true);
        if (id < 0) {
            st->oom = true;
            return;
        }
        long t = -1;
        for (size_t i = 0; i < c->n_tally; i++)
            if (c->tally[i].spell == (uint32_t)id)
                t = (long)i;
        if (t < 0) {
            if (cd_grow((void **)&c->tally, &c->cap_tally, c->n_tally + 1,
                         sizeof *c->tally) != 0) {
                st->oom = true;
                return;
            }
            t = (long)c->n_tally++;
            c->tally[t].spell = (uint32_t)id;
            c->tally[t].count = 0;
            c->tally[t].first = c->ments[0];
            c->tally[t].full = false;
        }
        c->tally[t].known = true;
    }
    report_variants(st, c, false, out);
    report_given_variants(st, c, out);
    report_first_reference(st, c, first_full, out);
    report_people(st, c, out, cap_people);
}

/* Is word wid a short form of an introduced given name (in prefixes)? */
static bool short_given(const cd_names *st, cd_smap *prefixes, uint32_t wid)
{
    size_t l;
    const char *k = cd_smap_key(&st->words, wid, &l);
    return cd_smap_get(prefixes, k, l, false) >= 0;
}

/* Decides which full names stand, normalises spellings, groups the
 * mentions by folded surname and links variant spellings. Returns 0, or
 * -1 on OOM. */
static int build_groups(cd_names *st)
{
    const cd_doc *doc = st->doc;
    /* Full names whose first word is also used alone as a thing ("Google"
       ... "Google Maps", "Northgate" ... "Northgate Signalling",
       "Canadian vehicle sales" ... "Canadian Saturn") are not people:
       news copy does not refer to a person by the first name alone. */
    for (size_t i = 0; i < st->n_ments; i++) {
        cd_mention *m = &st->ments[i];
        if (m->kind != M_FULL)
            continue;
        if (m->gfirst >= 0 &&
            (st->wflags[m->gfirst] & (W_LONE_MID | W_AFTER_LOC | W_ORG_APPOS |
                                      W_INNERCAPS | W_BEFORE_TITLE)) &&
            !(st->wflags[m->gfirst] & W_SURNAME))
            m->valid = 0;
        /* A surname also used alone as a place or an organisation ("to
           relieve Ford", "automaker Ford", "Airbus chief executive")
           makes "William Clay Ford" ambiguous: leave it alone. */
        if (st->wflags[m->sword] & (W_AFTER_LOC | W_ORG_APPOS | W_INNERCAPS |
                                    W_BEFORE_TITLE))
            m->valid = 0;
    }
    /* The short forms a given name can take (Chris, Christopher): each
       valid full name's first given word's prefixes of three letters or
       more. */
    cd_smap prefixes = {0};
    bool *given_done = calloc(st->words.n + 1, 1); /* per word id */
    if (!given_done)
        st->oom = true;
    for (size_t i = 0; i < st->n_ments && !st->oom; i++) {
        const cd_mention *m = &st->ments[i];
        if (!m->valid || m->kind != M_FULL || m->gfirst < 0 ||
            given_done[m->gfirst])
            continue;
        given_done[m->gfirst] = true;
        size_t gl;
        const char *g = cd_smap_key(&st->words, (uint32_t)m->gfirst, &gl);
        for (size_t l = 3; l < gl; l++)
            if (cd_smap_get(&prefixes, g, l, true) < 0)
                st->oom = true;
    }
    free(given_done);
    size_t nk = st->keys.n + st->opts->n_known_names + 1;
    st->key_group = malloc(nk * sizeof *st->key_group);
    st->next_in_group = malloc((st->n_ments + 1) * sizeof *st->next_in_group);
    if (!st->key_group || !st->next_in_group) {
        cd_smap_free(&prefixes);
        return -1;
    }
    /* key_group doubles as "is the surname of a full name" (0) before
       the groups exist. */
    for (size_t i = 0; i < nk; i++)
        st->key_group[i] = -1;
    for (size_t i = 0; i < st->n_ments; i++)
        if (st->ments[i].valid && st->ments[i].kind == M_FULL)
            st->key_group[st->ments[i].skey] = 0;
    for (size_t i = 0; i < st->n_ments; i++) {
        cd_mention *m = &st->ments[i];
        if (!m->valid)
            continue;
        /* "Ruiz Campos" for Elena Ruiz-Campos: a two-word name that folds
           to an introduced hyphenated surname is that surname. */
        if (m->kind == M_FULL && m->gend > m->gstart &&
            m->gstart < m->sstart) {
            char key[CD_KEY_MAX];
            size_t kn = fold_key(doc->text, m->gstart, m->send, key);
            long id = cd_smap_get(&st->keys, key, kn, false);
            if (id >= 0 && (size_t)id < nk && st->key_group[id] == 0 &&
                (uint32_t)id != m->skey) {
                long sp = spell_id(st, m->gstart, m->send);
                if (sp < 0) {
                    cd_smap_free(&prefixes);
                    return -1;
                }
                m->kind = M_LONE;
                m->skey = (uint32_t)id;
                m->spell = (uint32_t)sp;
                m->sstart = m->gstart;
                m->gstart = m->gend = 0;
                m->gkey = m->gspell = -1;
            }
        }
        /* A lone word that is an introduced person's given name is that
           person, not a surname ("Daniel" for Daniel Montalvo). */
        uint32_t wf = word_endings(st, m->sword);
        if (m->kind != M_FULL && (wf & W_GIVEN) && !(wf & W_SURNAME))
            m->valid = 0;
        if (m->kind != M_FULL && !(wf & W_SURNAME)) {
            /* "Mr. Speaker", "Inspector General": an office. */
            if (m->ev & E_TITLEWORD)
                m->valid = 0;
            /* "Criminal Justice Reform": after a title that is no
               honorific, a word the text also uses in lower case is a
               common noun in a title-case phrase. */
            if (m->kind == M_TITLED && !(m->ev & E_HONORIFIC) &&
                (wf & W_LOWER))
                m->valid = 0;
            /* "Chris" for Christopher Hake: a given name that is the
               short form of an introduced given name is that name. */
            if (m->kind == M_LONE && (wf & W_FIRST) &&
                short_given(st, &prefixes, m->sword))
                m->valid = 0;
        }
        /* "Al-Khatib said" at the start of a sentence is al-Khatib: a
           particle takes a capital there (AP style). */
        if (m->valid && (m->ev & E_SINIT) && m->send - m->sstart < CD_KEY_MAX) {
            char low[CD_KEY_MAX];
            size_t n = m->send - m->sstart;
            memcpy(low, doc->text + m->sstart, n);
            if (low[0] >= 'A' && low[0] <= 'Z') {
                low[0] = (char)(low[0] + 32);
                long sp = cd_smap_get(&st->spells, low, n, false);
                if (sp >= 0)
                    m->spell = (uint32_t)sp;
            }
        }
    }
    cd_smap_free(&prefixes);
    for (size_t i = 0; i < nk; i++)
        st->key_group[i] = -1;
    /* Groups, and each group's mentions as a list in text order. */
    long *tail = NULL;
    size_t cap_tail = 0;
    for (size_t i = 0; i < st->n_ments; i++) {
        cd_mention *m = &st->ments[i];
        st->next_in_group[i] = -1;
        if (!m->valid)
            continue;
        long g = st->key_group[m->skey];
        if (g < 0 && (g = new_group(st, m->skey, i)) < 0)
            break;
        if (cd_grow((void **)&tail, &cap_tail, st->n_groups,
                     sizeof *tail) != 0) {
            st->oom = true;
            break;
        }
        if ((size_t)g + 1 == st->n_groups && st->groups[g].count == 0)
            tail[g] = -1;
        m->group = g;
        cd_group *gr = &st->groups[g];
        if (tail[g] >= 0)
            st->next_in_group[tail[g]] = (long)i;
        tail[g] = (long)i;
        gr->count++;
        if (m->kind == M_FULL) {
            if (!gr->n_full)
                gr->first_full = i;
            gr->n_full++;
        }
    }
    free(tail);
    if (st->oom)
        return -1;
    for (size_t g = 0; g < st->n_groups; g++)
        if (!st->groups[g].n_full)
            st->groups[g].person_ok = group_person_ok(st, (long)g);
    known_names(st);
    if (st->oom)
        return -1;
    link_variants(st);
    return st->oom ? -1 : 0;
}

void cd_rule_names(const cd_doc *doc, const cd_options *opts, cd_result *out)
{
    pthread_once(&cd_lex_once, lex_build);
    if (!cd_lex_ok || !doc || !doc->prose)
        return;
    cd_names st;
    memset(&st, 0, sizeof st);
    st.doc = doc;
    st.opts = opts;
    st.p = doc->prose;
    /* The maps start with room for an article's vocabulary (a 5,000-word
       article uses 1,000 to 2,000 distinct words) and its names, in
       tables that fit the first-level cache, rather than growing to that
       size one rehash at a time; a longer document's maps grow. */
    if (cd_smap_reserve(&st.words, 1024) != 0 ||
        cd_grow((void **)&st.wflags, &st.cap_wflags, 1024,
                 sizeof *st.wflags) != 0 ||
        cd_grow((void **)&st.wlex, &st.cap_wlex, 1024, sizeof *st.wlex) != 0 ||
        cd_smap_reserve(&st.keys, 128) != 0 ||
        cd_smap_reserve(&st.spells, 128) != 0)
        goto done;

    /* Pass 1: paragraph by paragraph. Headings are skipped: headline
       case and surname-only headlines are their own style. */
    size_t sent_k = 0;
    for (size_t pi = 0; pi < doc->n_paras && !st.oom; pi++) {
        if (cd_cancelled(opts))
            goto done;
        const cd_para *pa = &doc->paras[pi];
        if (pa->heading)
            continue;
        sent_k = pa->sent_first;
        tokenize(&st, pa->start, pa->end, &sent_k);
        scan_paragraph(&st);
    }
    if (st.oom || cd_cancelled(opts))
        goto done;

    if (build_groups(&st) != 0 || cd_cancelled(opts))
        goto done;

    /* Clusters: mentions per union-find root, in text order. */
    size_t ng = st.n_groups;
    cd_cluster *cl = calloc(ng ? ng : 1, sizeof *cl);
    if (!cl)
        goto done;
    for (size_t i = 0; i < st.n_ments; i++) {
        cd_mention *m = &st.ments[i];
        if (!m->valid || m->group < 0)
            continue;
        long r = find_root(&st, m->group);
        cd_cluster *c = &cl[r];
        if (cd_grow((void **)&c->ments, &c->cap, c->n + 1,
                     sizeof *c->ments) != 0) {
            st.oom = true;
            break;
        }
        c->ments[c->n++] = i;
    }
    /* A known spelling linked to a cluster makes it canonical. */
    long *known = malloc((ng ? ng : 1) * sizeof *known);
    if (!known) {
        st.oom = true;
        ng = 0;
    }
    for (size_t g = 0; g < ng; g++)
        known[g] = -1;
    for (size_t g = 0; g < ng; g++)
        if (st.groups[g].known >= 0)
            known[find_root(&st, (long)g)] = st.groups[g].known;
    size_t cap_people = 0;
    for (size_t r = 0; r < ng && !st.oom; r++) {
        if (!cl[r].n || find_root(&st, (long)r) != (long)r)
            continue;
        if (cd_cancelled(opts))
            break;
        report_cluster(&st, &cl[r], known[r], out, &cap_people);
    }
    free(known);
    for (size_t r = 0; r < ng; r++)
        free_cluster(&cl[r]);
    free(cl);

done:
    free(st.toks);
    free(st.caps);
    free(st.prons);
    cd_smap_free(&st.words);
    free(st.wflags);
    free(st.wlex);
    free(st.wmemo);
    cd_smap_free(&st.keys);
    cd_smap_free(&st.spells);
    free(st.ments);
    free(st.groups);
    free(st.key_group);
    free(st.next_in_group);
    free(st.lines);
}
