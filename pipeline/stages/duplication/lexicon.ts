// Built-in English word lists for the similar-content tier.
//
// STOP_WORDS are dropped before TF-IDF. COMMON_* are a background frequency prior: the share of ordinary
// English documents a word appears in (roughly; hand-tiered from general frequency-list knowledge). The prior
// is blended with the corpus document frequency (see tfidf.ts), so IDF is sensible on a 5-document corpus
// (where corpus df alone is noise) and converges to the corpus statistics on large corpora.

const words = (s: string): string[] => s.trim().split(/\s+/);

export const STOP_WORDS: ReadonlySet<string> = new Set(
  words(`
a about above across after afterwards again against all almost alone along already also although always am among
amongst an and another any anyhow anyone anything anyway anywhere are around as at be became because become becomes
becoming been before beforehand behind being below beside besides between beyond both but by can cannot could did do
does doing done down during each either else elsewhere enough etc even ever every everyone everything everywhere
except few for former formerly from further had has have having he hence her here hereafter hereby herein hers herself
him himself his how however i if in indeed into is it its itself just least less many may me meanwhile might mine more
moreover most mostly much must my myself neither never nevertheless next no nobody none noone nor not nothing now
nowhere of off often on once one only onto or other others otherwise our ours ourselves out over own per perhaps
rather same several she should since so some somehow someone something sometime sometimes somewhere still such than
that the their theirs them themselves then thence there thereafter thereby therefore therein thereupon these they this
those though through throughout thru thus to together too toward towards under until up upon us very via was we well
were what whatever when whence whenever where whereafter whereas whereby wherein whereupon wherever whether which while
whither who whoever whole whom whose why will with within without would yet you your yours yourself yourselves
s t d ll m re ve don didn doesn isn aren wasn weren won wouldn shouldn couldn hasn haven hadn cant wont dont im ive
youre theyre thats theres whats lets its
`),
);

/** Very common content words: appear in a large share of any English text (prior share 0.3). */
const COMMON_A = words(`
time year years people way day days man men woman women thing things life world new good first last long great little
own old right big high different small large next early young important few public bad same able make made makes
making get got gets getting go goes going went gone know knew known take took taken takes see saw seen come came comes
think thought look looked looking want wanted give gave given use used uses using find found tell told ask asked work
worked works working seem seemed feel felt try tried leave left call called need needed keep kept let begin began show
showed shown hear heard play played run ran move moved like live lived believe hold held bring brought happen happened
write wrote written provide provided sit stand lose lost pay paid meet met include included including continue set
learn change changed lead led understand watch follow stop create created speak read allow add spend grow grew open
walk win offer remember love consider appear buy wait serve die send expect build built stay fall cut reach kill remain
suggest raise pass sell require report decide pull part place case week weeks company system program question
government number night point home water room mother area money story fact month months lot study book eye job word
business issue side kind head house service friend father power hour game line end member law car city community name
president team minute idea kid body information back parent face level office door health person art war history party
result morning reason research girl guy moment air teacher force education also really just well even back still
`);

/** Common general vocabulary (prior share 0.1). */
const COMMON_B = words(`
market markets industry industries growth economy economic financial finance bank banks price prices cost costs
product products customer customers service services technology technologies data software digital online internet
platform platforms network user users design development develop developed developing innovation innovative support
supported strategy strategic global local international national country countries region regional state states
policy policies plan plans project projects process processes management manager managers leader leaders leadership
role roles value values quality experience experiences opportunity opportunities challenge challenges future
potential significant major key new recent recently current currently increase increased increasing rise rising
growing develop environment environmental energy public private sector sectors investment investments investor
investors fund funds funding capital revenue revenues profit profits sales share shares percent million billion
thousand hundred quarter annual daily weekly monthly today yesterday tomorrow according said says say told statement
announced announcement official officials spokesperson executive chief director board committee council agency
department ministry university universities school schools student students college education research researchers
science scientific scientists study studies report reports survey analysis approach solution solutions application
applications tool tools feature features model models system systems access security safety risk risks impact
effect effects benefit benefits example examples result results range variety number numbers level levels rate rates
term terms basis factor factors trend trends field fields area areas space center centre hub city cities town
building buildings street road transport traffic housing residents population community communities family families
children parents health care hospital patients medical doctor doctors food water weather season summer winter spring
autumn morning evening weekend event events festival culture cultural art music film history historical traditional
modern world worldwide leading major position positions talent talents skills skill training career careers job jobs
employee employees staff worker workers office offices team teams partner partners partnership collaboration
initiative initiatives program programme programmes effort efforts goal goals success successful successfully growth
ensure enable enhance improve improved improvement provide providing offers offering include includes create creating
focus focused focusing help helps helped helping make build building drive driving deliver delivering transform
transformation efficient efficiency effective effectively critical crucial essential vital various several numerous
article explores highlights discuss discusses overall conclusion introduction summary key example furthermore
additionally however moreover therefore thus ultimately finally first second third
`);

export const BACKGROUND_SHARE = new Map<string, number>();
for (const w of COMMON_B) BACKGROUND_SHARE.set(w, 0.1);
for (const w of COMMON_A) BACKGROUND_SHARE.set(w, 0.3);

/** Prior share for words not in the lists: rare words, names, jargon. */
export const DEFAULT_BACKGROUND_SHARE = 0.01;
