// Commercial-intent lexicon for spliced-keyword: the verticals SEO spam is written for and the intent words that
// turn a topic into a search query ("best online casino", "cheap car insurance", "payday loans UK"). Shipped as data,
// written from general knowledge of spam verticals (not from any evaluation set), extendable with the rule's
// `commercialTerms` option. A lexicon hit is never reported alone: the span must also be foreign to the article (its
// words used nowhere else) and sit where the sentence reads on without it, or be Title Case out of place.
//
// Entries are lower case; single words also match their plural with -s/-es. Multi-word entries match word sequences.

/** Products and services sold through search traffic. */
export const VERTICALS: readonly string[] = [
  // gambling
  'casino', 'casinos', 'poker', 'slots', 'slot machines', 'roulette', 'blackjack', 'bingo', 'betting', 'sportsbook', 'bookmaker',
  'bookies', 'jackpot', 'lottery', 'sweepstakes', 'free spins', 'no deposit bonus', 'betting tips',
  // money
  'loan', 'payday', 'payday loans', 'mortgage', 'remortgage', 'credit card', 'credit cards', 'bad credit', 'debt relief', 'debt consolidation',
  'insurance', 'forex', 'crypto', 'cryptocurrency', 'bitcoin', 'trading signals', 'trading platform', 'broker', 'brokers', 'investment app',
  'tax refund', 'cash advance', 'title loans', 'installment loans', 'personal loan', 'equity release',
  // health and looks
  'viagra', 'cialis', 'pharmacy', 'pills', 'weight loss', 'diet pills', 'keto', 'supplements', 'cbd', 'cbd oil', 'vape', 'vapes',
  'dental implants', 'implants', 'veneers', 'teeth whitening', 'dentist', 'orthodontist', 'hair transplant', 'botox', 'fillers', 'liposuction',
  'rehab', 'detox', 'testosterone', 'steroids', 'nootropics', 'hearing aids', 'contact lenses', 'eyeglasses', 'skin care', 'anti aging',
  // legal and trades
  'lawyer', 'lawyers', 'attorney', 'attorneys', 'solicitor', 'solicitors', 'injury lawyer', 'divorce lawyer', 'plumber', 'plumbers', 'plumbing',
  'electrician', 'electricians', 'locksmith', 'locksmiths', 'roofer', 'roofers', 'roofing', 'movers', 'removals', 'cleaning services',
  'carpet cleaning', 'pest control', 'hvac', 'boiler repair', 'garage doors', 'landscaping', 'handyman', 'builders', 'solar panels',
  'double glazing', 'skip hire', 'window cleaning', 'appliance repair', 'drain cleaning',
  // travel and transport
  'flights', 'airfare', 'hotel', 'hotels', 'hostel', 'resort', 'resorts', 'holiday packages', 'vacation rentals', 'cruises', 'car rental', 'car hire',
  'taxi', 'airport transfer', 'limo', 'visa services', 'travel deals',
  // digital
  'vpn', 'vpns', 'web hosting', 'hosting', 'seo', 'backlinks', 'link building', 'web design', 'web development', 'app development',
  'instagram followers', 'tiktok followers', 'youtube views', 'youtube subscribers', 'antivirus', 'proxy', 'proxies', 'domain names', 'software download',
  'streaming', 'iptv', 'ai tools', 'ai writer', 'chatbot', 'essay writing', 'essays', 'essay', 'homework help', 'assignment help', 'dissertation',
  'translation services', 'online courses', 'tutoring', 'tutors', 'coding bootcamp',
  // goods
  'replica', 'replicas', 'watches', 'handbags', 'sneakers', 'jerseys', 'sunglasses', 'wedding dresses', 'prom dresses', 'engagement rings',
  'jewelry', 'jewellery', 'furniture', 'mattress', 'mattresses', 'laptops', 'smartphones', 'phone cases', 'gift cards', 'e-cigarettes',
  'real estate', 'apartments', 'condos', 'used cars', 'car parts', 'tyres', 'tires', 'car insurance', 'home insurance',
  'life insurance', 'pet insurance', 'travel insurance', 'health insurance',
  // more local services, health, finance and goods sold through search ads
  'plastic surgery', 'cosmetic surgery', 'rhinoplasty', 'tummy tuck', 'ivf', 'fat burner', 'protein powder', 'cbd gummies', 'kratom',
  'password manager', 'crm software', 'accounting software', 'payroll software', 'bookkeeping', 'tax preparation', 'accountant',
  'accountants', 'realtor', 'realtors', 'property management', 'self storage', 'storage units', 'moving company', 'auto repair',
  'towing', 'driving lessons', 'driving school', 'home care', 'senior living', 'wedding photographer', 'wedding venue', 'catering',
  'florist', 'flower delivery', 'food delivery', 'meal kits', 'personal trainer', 'massage', 'spa', 'nail salon', 'hair salon',
  'wigs', 'hair extensions', 'perfume', 'cosmetics', 'lingerie', 'shoes', 'hoodies', 'business cards', 'logo design', 'cloud storage',
  'data recovery', 'phone repair', 'screen repair', 'laptop repair', 'gaming laptop', 'gaming chair', 'headphones', 'earbuds',
  'smartwatch', 'drones', 'e-bikes', 'electric scooters', 'car leasing', 'van hire', 'yacht charter', 'boat rental', 'ski holidays',
  'safari', 'tour packages', 'immigration lawyer', 'student loans', 'online degree', 'mba', 'ielts', 'forex signals', 'trading bot',
  'nft', 'nfts', 'crypto exchange', 'crypto wallet', 'gold ira', 'annuity', 'credit repair', 'bankruptcy lawyer', 'dui lawyer',
  'criminal lawyer', 'personal injury', 'mesothelioma', 'accident claim', 'compensation claim', 'ppi claims', 'pet food', 'dog food',
  'dog training', 'pet grooming', 'hot tubs', 'swimming pools', 'air conditioning', 'heat pumps', 'boilers', 'conservatories', 'fencing',
  'driveways', 'gutter cleaning', 'pressure washing', 'tree removal', 'junk removal', 'mold removal', 'water damage restoration',
  'home security', 'cctv', 'alarm systems', 'seo services', 'seo agency', 'digital marketing', 'marketing agency', 'ppc',
  'email marketing', 'lead generation', 'web designer', 'freelancers', 'virtual assistant', 'cheap tickets', 'concert tickets',
  // adult and dating
  'escort', 'escorts', 'dating', 'dating site', 'dating app', 'hookup', 'hookups', 'webcam', 'cam girls', 'sugar daddy', 'mail order brides',
];

/**
 * Words that make a query commercial: price, quality, place, buying. Words that follow a topic naturally in news
 * ("insurance company", "hosting costs", "mortgage prices", "dating apps") are left out on purpose.
 */
export const INTENT: readonly string[] = [
  'best', 'cheap', 'cheapest', 'affordable', 'discount', 'discounted', 'low cost', 'lowest', 'top rated', 'top-rated', 'buy', 'free',
  'online', 'deals', 'for sale', 'coupon', 'coupons', 'promo', 'promo code', 'voucher', 'vouchers', 'bonus', 'reviews', 'near me',
  'instant', 'same day', '24/7', '24 hour', 'legit', 'trusted', 'guaranteed', 'no credit check', 'wholesale', 'free trial',
  'top 10', 'luxury', 'professional', 'emergency', 'no deposit', 'real money', 'sign up bonus', 'review', 'for beginners',
  'in my area', 'fast', 'quick', 'easy', 'order', 'hire', 'sites', 'uk', 'usa', 'online uk',
];

/** User additions: `commercialTerms: { verticals: [...], intent: [...] }` in the rule's options. */
export interface CommercialTerms {
  verticals?: string[];
  intent?: string[];
}

export interface Lexicon {
  /** First word → the entries (as word arrays) starting with it, longest first. */
  byFirst: Map<string, { words: string[]; vertical: boolean }[]>;
  /** Matches where any entry's first word may start (a cheap test that skips most sentences). */
  anyFirst: RegExp;
}

/** Folds a word for lexicon look-up: lower case, curly apostrophes, a plural -s/-es dropped when long enough. */
export function foldWord(word: string): string {
  const lower = word.toLowerCase();
  const w = lower.includes('’') ? lower.replace(/’/g, "'") : lower;
  // Called for every word of every article: plain string tests, no regular expressions.
  if (w.length <= 3 || w.charCodeAt(w.length - 1) !== 115 /* s */) return w;
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 4 && (w.endsWith('ches') || w.endsWith('shes') || w.endsWith('xes') || w.endsWith('sses'))) return w.slice(0, -2);
  return w.endsWith('ss') ? w : w.slice(0, -1);
}

const built = new Map<string, Lexicon>();

/** The shipped lexicon plus user additions, indexed by folded first word (built once per distinct option value). */
export function lexiconFor(extra: CommercialTerms | undefined): Lexicon {
  const key = JSON.stringify(extra ?? {});
  const hit = built.get(key);
  if (hit) return hit;
  const byFirst: Lexicon['byFirst'] = new Map();
  const add = (entry: string, vertical: boolean) => {
    const words = entry.toLowerCase().split(/\s+/).filter(Boolean).map(foldWord);
    if (!words.length) return;
    const list = byFirst.get(words[0]) ?? [];
    // A term listed as both keeps its vertical role.
    const same = list.find((e) => e.words.join(' ') === words.join(' '));
    if (same) same.vertical ||= vertical;
    else list.push({ words, vertical });
    list.sort((a, b) => b.words.length - a.words.length);
    byFirst.set(words[0], list);
  };
  for (const v of [...VERTICALS, ...(extra?.verticals ?? [])]) if (typeof v === 'string') add(v, true);
  for (const i of [...INTENT, ...(extra?.intent ?? [])]) if (typeof i === 'string') add(i, false);
  // A sentence holding an entry holds its longest word: test those (as prefixes of the folded words, a folded "-y"
  // standing for "-ies" in the text: "pharmac").
  const longest = new Set<string>();
  for (const list of byFirst.values()) for (const e of list) longest.add(e.words.reduce((a, b) => (b.length > a.length ? b : a)));
  const prefixes = [...longest].map((w) => (w.length > 3 && w.endsWith('y') ? w.slice(0, -1) : w));
  const escaped = prefixes.sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const anyFirst = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})`, 'iu');
  const lexicon = { byFirst, anyFirst };
  built.set(key, lexicon);
  return lexicon;
}
