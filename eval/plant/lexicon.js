// Word lists written for this generator (not taken from the tool under test).

// ---- splice phrases -------------------------------------------------------------------------------------------
/** SEO phrases in other scripts (2–3 words where the script uses spaces). */
export const SCRIPT_PHRASES = [
  'Москва такси', 'купить диплом', 'ставки на спорт', 'займ онлайн быстро', 'дешёвые авиабилеты',
  '网上赌场', '代写 论文', '便宜 机票', '北京 搬家公司', '比特币 交易所',
  'オンライン カジノ', '格安 航空券',
  'φθηνά εισιτήρια', 'δάνεια γρήγορα', 'καζίνο online',
  'كازينو اون لاين', 'شراء متابعين', 'قروض سريعة',
  '온라인 카지노', '대출 상담 무료', '서울 이사 업체',
  'คาสิโน ออนไลน์', 'เว็บ พนัน', 'ตั๋ว เครื่องบิน ราคาถูก',
];

/** Lower-case commercial phrases, many verticals. */
export const COMMERCIAL_PHRASES = [
  'best online casino', 'payday loans uk', 'cheap car insurance', 'cheap flights london', 'best vpn deals',
  'buy instagram followers', 'bitcoin trading bot', 'dental implants abroad', 'personal injury lawyer',
  'emergency plumber london', 'cheap hotels paris', 'airport taxi booking', 'free spins no deposit',
  'sports betting tips', 'bad credit loans', 'life insurance quotes', 'last minute flights', 'vpn free trial',
  'buy tiktok likes', 'crypto signals telegram', 'teeth whitening kit', 'divorce lawyer near me',
  'boiler repair manchester', 'luxury hotel deals', 'minicab heathrow', 'online slots real money',
  'quick cash loans', 'cheap pet insurance', 'business class flights', 'no log vpn', 'buy youtube views',
  'forex trading course', 'cosmetic dentist leeds', 'car accident solicitor', '24 hour locksmith',
  'cheap taxi gatwick', 'casino bonus codes', 'same day loans', 'van insurance quote', 'bet365 free bet',
];

/** Title Case commercial anchors (used between a determiner and its noun). */
export const TITLE_ANCHORS = [
  'Cheap Car Insurance', 'Best Online Casino', 'Payday Loan', 'Cheap Flights', 'Best VPN', 'Instagram Followers',
  'Crypto Trading', 'Dental Implant', 'Injury Lawyer', 'Emergency Plumber', 'Cheap Hotel', 'Airport Taxi',
  'Sports Betting', 'Free Spins', 'Bad Credit Loan', 'Life Insurance', 'Teeth Whitening', 'Forex Signals',
  'Cheap Holiday', 'Online Pharmacy', 'Debt Consolidation', 'Bitcoin Casino',
];

// ---- mojibake ----------------------------------------------------------------------------------------------------
/** ASCII spellings that have a plausible accented form. */
export const ACCENTABLE = [
  ['Jose', 'José'], ['Arsene', 'Arsène'], ['Nestle', 'Nestlé'], ['Zurich', 'Zürich'], ['Sao Paulo', 'São Paulo'],
  ['Dusseldorf', 'Düsseldorf'], ['Societe Generale', 'Société Générale'], ['Gerard', 'Gérard'], ['Benitez', 'Benítez'],
  ['Raul', 'Raúl'], ['Quebec', 'Québec'], ['Montreal', 'Montréal'], ['Cote', 'Côte'], ['Malmo', 'Malmö'],
  ['Munchen', 'München'], ['Rene', 'René'], ['Andre', 'André'], ['Jerome', 'Jérôme'], ['Lopez', 'López'],
  ['Fernandez', 'Fernández'], ['Gonzalez', 'González'], ['Martinez', 'Martínez'], ['Perez', 'Pérez'],
  ['Garcia', 'García'], ['Muller', 'Müller'], ['Bjork', 'Björk'], ['Beyonce', 'Beyoncé'], ['cafe', 'café'],
  ['fiance', 'fiancé'], ['naive', 'naïve'], ['elite', 'élite'], ['debut', 'début'], ['regime', 'régime'],
  ['resume', 'résumé'], ['facade', 'façade'], ['Chavez', 'Chávez'], ['Jurgen', 'Jürgen'], ['Francois', 'François'],
  ['Helene', 'Hélène'], ['Noel', 'Noël'], ['Emile', 'Émile'], ['Eric', 'Éric'], ['Angstrom', 'Ångström'],
  ['Gdansk', 'Gdańsk'], ['Lodz', 'Łódź'], ['Walesa', 'Wałęsa'], ['Dvorak', 'Dvořák'], ['Skoda', 'Škoda'],
  ['Bayern Munchen', 'Bayern München'], ['Istanbul', 'İstanbul'], ['Reykjavik', 'Reykjavík'],
];

/** Sentences with correct accented text, put on a line that also carries a mis-decoded span (mixed-line). */
export const ACCENTED_SENTENCES_NEWS = [
  'A spokesperson for Société Générale declined to comment.', 'Analysts at Crédit Agricole took a similar view.',
  'The figures were also discussed at the Zürich office.', 'José Manuel Barroso has made similar points in the past.',
  'Observers in São Paulo said much the same.', 'A similar report was published in Malmö last year.',
  'Renée Fleming was among those who welcomed the decision.',
];
export const ACCENTED_SENTENCES_DOCS = [
  'Thanks to René Müller for suggesting this example.', 'Credit for this example goes to Zoë Álvarez.',
  'Chloé Martín covered the same idea in a conference talk.', 'The same approach is used by the team at Société Générale.',
  'This section was reviewed by Jürgen Weiß.',
];

// ---- synonyms for light edits and heavy spins -------------------------------------------------------------------
export const SYNONYMS = {
  said: ['stated', 'told reporters', 'explained'], says: ['states', 'explains', 'argues'],
  big: ['large', 'major'], large: ['big', 'sizeable'], small: ['little', 'modest'], major: ['big', 'significant'],
  increase: ['rise', 'jump'], rise: ['increase', 'climb'], rose: ['climbed', 'increased'], fell: ['dropped', 'declined'],
  fall: ['drop', 'decline'], firm: ['company', 'business'], company: ['firm', 'business'], companies: ['firms', 'businesses'],
  firms: ['companies', 'businesses'], shares: ['stock', 'equities'], profit: ['earnings', 'income'],
  profits: ['earnings', 'returns'], expected: ['forecast', 'predicted'], plans: ['proposals', 'schemes'],
  plan: ['proposal', 'scheme'], government: ['administration', 'authorities'], minister: ['secretary', 'official'],
  people: ['individuals', 'citizens'], help: ['assist', 'aid'], helped: ['assisted', 'aided'], start: ['begin', 'launch'],
  started: ['began', 'launched'], began: ['started', 'commenced'], also: ['additionally', 'too'], however: ['but', 'yet'],
  recent: ['latest', 'new'], latest: ['most recent', 'newest'], new: ['fresh', 'novel'], important: ['key', 'crucial'],
  key: ['important', 'central'], main: ['chief', 'principal'], many: ['numerous', 'lots of'], several: ['a number of', 'various'],
  problem: ['issue', 'difficulty'], problems: ['issues', 'difficulties'], issue: ['matter', 'question'], show: ['reveal', 'demonstrate'],
  showed: ['revealed', 'demonstrated'], shows: ['reveals', 'indicates'], believe: ['think', 'reckon'], think: ['believe', 'feel'],
  win: ['victory', 'triumph'], won: ['secured', 'claimed'], match: ['game', 'fixture'], game: ['match', 'contest'],
  team: ['side', 'squad'], players: ['squad members', 'athletes'], player: ['athlete', 'squad member'], film: ['movie', 'picture'],
  films: ['movies', 'pictures'], music: ['songs', 'tunes'], award: ['prize', 'honour'], awards: ['prizes', 'honours'],
  users: ['customers', 'consumers'], technology: ['tech', 'innovation'], computer: ['PC', 'machine'], phone: ['handset', 'mobile'],
  market: ['sector', 'marketplace'], markets: ['sectors', 'exchanges'], growth: ['expansion', 'progress'], strong: ['robust', 'solid'],
  weak: ['poor', 'feeble'], good: ['positive', 'decent'], bad: ['poor', 'negative'], difficult: ['hard', 'tough'],
  hard: ['difficult', 'tough'], quickly: ['rapidly', 'swiftly'], very: ['extremely', 'highly'], before: ['prior to', 'ahead of'],
  after: ['following', 'once'], because: ['since', 'as'], about: ['around', 'roughly'], around: ['about', 'approximately'],
  says: ['states', 'claims'], told: ['informed', 'advised'], warned: ['cautioned', 'alerted'], added: ['continued', 'went on'],
  announced: ['unveiled', 'revealed'], decision: ['ruling', 'choice'], chance: ['opportunity', 'possibility'],
  change: ['shift', 'alteration'], changes: ['shifts', 'alterations'], needed: ['required', 'necessary'], need: ['require', 'want'],
  use: ['employ', 'utilise'], used: ['employed', 'utilised'], make: ['create', 'produce'], made: ['created', 'produced'],
  buy: ['purchase', 'acquire'], bought: ['purchased', 'acquired'], sell: ['offload', 'market'], sold: ['offloaded', 'marketed'],
  country: ['nation', 'state'], world: ['globe', 'planet'], month: ['period', 'spell'], week: ['seven days', 'period'],
  year: ['twelve months', 'period'], report: ['study', 'review'], study: ['report', 'survey'], officials: ['authorities', 'representatives'],
  // docs-flavoured
  component: ['widget', 'building block'], components: ['widgets', 'building blocks'], allows: ['lets', 'enables'],
  allow: ['let', 'enable'], example: ['sample', 'illustration'], simple: ['basic', 'straightforward'],
  useful: ['handy', 'helpful'], recommended: ['advised', 'suggested'], provide: ['offer', 'supply'], provides: ['offers', 'supplies'],
  create: ['build', 'make'], created: ['built', 'made'], default: ['standard', 'baseline'], feature: ['capability', 'facility'],
  features: ['capabilities', 'facilities'], value: ['result', 'amount'], usually: ['typically', 'normally'],
  typically: ['usually', 'generally'], different: ['distinct', 'separate'], same: ['identical', 'equivalent'],
  automatically: ['implicitly', 'on its own'], explicitly: ['directly', 'manually'], instead: ['rather', 'alternatively'],
  directly: ['straight', 'immediately'], access: ['reach', 'read'], update: ['refresh', 'modify'], updates: ['refreshes', 'modifies'],
};

// ---- names, places, entities -----------------------------------------------------------------------------------
export const MALE_FIRST = ['John', 'David', 'Michael', 'Peter', 'Paul', 'Richard', 'James', 'Robert', 'Mark', 'Andrew',
  'Tony', 'Gordon', 'Alan', 'Ian', 'Simon', 'Steve', 'Stephen', 'Chris', 'Martin', 'Nick', 'Tom', 'George', 'William',
  'Charles', 'Jack', 'Kevin', 'Brian', 'Graham', 'Neil', 'Mike', 'Jonathan', 'Philip', 'Roger', 'Colin', 'Gary', 'Bill'];
export const FEMALE_FIRST = ['Sarah', 'Jane', 'Mary', 'Helen', 'Anne', 'Susan', 'Margaret', 'Elizabeth', 'Patricia',
  'Ruth', 'Kate', 'Emma', 'Claire', 'Julie', 'Karen', 'Tessa', 'Hillary', 'Laura', 'Linda', 'Nicola'];
export const SURNAMES = ['Harris', 'Whitfield', 'Okafor', 'Brennan', 'Castell', 'Lindqvist', 'Marsh', 'Pemberton',
  'Achebe', 'Donnelly', 'Fairbairn', 'Hargreaves', 'Kowalski', 'Moreau', 'Nakamura', 'Osei', 'Quinlan', 'Ramsay',
  'Sutherland', 'Thornton', 'Varga', 'Wainwright', 'Yardley', 'Ellison', 'Carmody', 'Dalgleish', 'Gillespie'];
export const ENTITY_FIRST = ['Dunmore', 'Harwick', 'Kelso', 'Ravenscar', 'Thistlewood', 'Ambleside', 'Corrigan',
  'Fenwick', 'Glenrothes', 'Holloway', 'Ingleby', 'Lockhart', 'Maybury', 'Northgate', 'Oakridge', 'Penhallow',
  'Quarrington', 'Redbrook', 'Saltmarsh', 'Tolworth', 'Upwell', 'Westbury', 'Ashcombe', 'Brackley', 'Calderbank',
  'Denholm', 'Easterbrook', 'Farleigh', 'Greystoke', 'Hollins'];
export const ENTITY_NEWS = ['Logistics', 'Foods', 'Engineering', 'Brands', 'Media', 'Telecom', 'Holdings', 'Pharma',
  'Energy', 'Motors', 'Software', 'Insurance', 'Retail', 'Airways', 'Textiles'];
export const ENTITY_DOCS = ['UI', 'Labs', 'Studio', 'Cloud', 'Dev', 'Kit', 'Systems', 'Software'];
export const CITIES = ['Leeds', 'Bristol', 'Glasgow', 'Cardiff', 'Dublin', 'Rotterdam', 'Lyon', 'Hamburg', 'Toronto',
  'Boston', 'Denver', 'Melbourne', 'Singapore', 'Osaka', 'Nairobi', 'Lisbon', 'Krakow', 'Seattle', 'Manchester', 'Antwerp'];

// ---- lookalikes -----------------------------------------------------------------------------------------------
export const QUOTED_FOREIGN_NEWS = [
  ['Supporters in the square chanted the slogan', 'Слава Україні'],
  ['A banner outside the building read', 'Нет войне'],
  ['The campaign ran under the motto', '和谐社会'],
  ['Local papers carried the headline', '改革开放'],
  ['Protesters held signs reading', 'Όχι'],
  ['The shop sign simply said', 'ありがとう'],
  ['Crowds greeted him with shouts of', 'أهلاً وسهلاً'],
  ['Fans sang', '대~한민국'],
  ['Posters in the capital carried the words', 'Вперёд, Россия'],
];
export const QUOTED_FOREIGN_DOCS = [
  ['The Chinese community translation titles this page', '渐进式框架'],
  ['In the Japanese translation the term is rendered as', 'リアクティビティ'],
  ['The Korean docs call this concept', '반응형'],
  ['The Russian translation uses the phrase', 'реактивное состояние'],
  ['Users of the Ukrainian translation will see the heading', 'Основи реактивності'],
];
export const PAREN_SCRIPT = [
  ['Hong Kong', '香港'], ['Moscow', 'Москва'], ['Athens', 'Αθήνα'], ['Seoul', '서울'], ['Tokyo', '東京'],
  ['Cairo', 'القاهرة'], ['Bangkok', 'กรุงเทพฯ'], ['Beijing', '北京'], ['Kiev', 'Київ'], ['Shanghai', '上海'],
];
export const PAREN_SCRIPT_DOCS = [
  ['Simplified Chinese', '简体中文'], ['Japanese', '日本語'], ['Korean', '한국어'], ['Russian', 'Русский'],
  ['Ukrainian', 'Українська'], ['Persian', 'فارسی'], ['Traditional Chinese', '繁體中文'],
];
export const ACRONYM_SENTENCES_NEWS = [
  'Officials from the IMF, the WTO and the OECD are due to discuss the figures in Geneva.',
  'The BBC, ITV and Channel 4 have all asked Ofcom to clarify the rules.',
  'Delegates from the EU, NATO and the UN met on the same day.',
  'The CBI and the TUC both said the NHS should be protected from the cuts.',
  'Data from the ONS and the IFS point in the same direction, according to the CBI.',
  'Both the FA and UEFA have asked FIFA for more time.',
  'Tests by the FDA and the WHO found no link, the AP news agency reported.',
];
export const ACRONYM_SENTENCES_DOCS = [
  'This matters for SSR, SSG and SPA builds alike, whether you use the CLI or an IDE plugin.',
  'The same applies to SFC files compiled with HMR enabled and served over HTTP by the dev server.',
  'Screen readers rely on ARIA roles and the DOM order, so test with NVDA or VoiceOver on macOS.',
  'Most CI setups run the E2E and SSR tests in a headless browser through the CLI.',
  'You can fetch JSON over HTTP from a REST or GraphQL API inside the hook.',
];
export const EVENT_SENTENCES_NEWS = [
  ['The announcement was timed to coincide with ', 'World Music Day', '.'],
  ['The figures were published on the eve of ', 'National Apprenticeship Week', '.'],
  ['Organisers said the plans would be shown at ', 'London Fashion Week', ' next month.'],
  ['A similar appeal was made on ', 'World Book Day', ' last year.'],
  ['The charity used ', 'Safer Internet Day', ' to launch its own campaign.'],
  ['The issue is expected to feature at ', 'Global Entrepreneurship Week', ' in the autumn.'],
  ['Tickets went on sale shortly before ', 'Red Nose Day', '.'],
];
export const EVENT_SENTENCES_DOCS = [
  ['This pattern was first demonstrated in a talk at ', 'Vue Amsterdam', '.'],
  ['Several of these examples were contributed during ', 'Hacktoberfest', '.'],
  ['The feature was previewed at ', 'VueConf US', ' before its release.'],
  ['Accessibility fixes like these are often shipped around ', 'Global Accessibility Awareness Day', '.'],
  ['A live-coding session at ', 'Vue Fes Japan', ' walked through the same steps.'],
];
export const NBSP_UNIT_NEWS = [
  ['The new site lies ', '12', 'km', ' outside the city.'],
  ['Prices at the pumps rose by ', '5', 'per cent', ' over the period.'],
  ['The cable runs for ', '240', 'miles', ' under the sea.'],
  ['Each unit weighs about ', '40', 'kg', ', officials said.'],
];
export const NBSP_UNIT_DOCS = [
  ['In our tests the extra check cost less than ', '2', 'ms', ' per update.'],
  ['The runtime-only build is about ', '16', 'KB', ' smaller when gzipped.'],
  ['A typical page of this kind stays under ', '100', 'kB', ' of JavaScript.'],
  ['The transition in this example lasts ', '300', 'ms', '.'],
];
