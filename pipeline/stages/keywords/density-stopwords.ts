// English function words for automatic phrase detection in keyword-density (phrases may not start or end with one,
// and stop-word-only phrases are ignored). Kept separate from english-function-words.ts, which another rule owns.
export const DENSITY_STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both but by
can could did do does doing down during each few for from further had has have having he her here hers herself him himself his
how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out
over own same she should so some such than that the their theirs them themselves then there these they this those through to
too under until up very was we were what when where which while who whom why will with would you your yours yourself yourselves
it's don't i'm you're we're they're isn't aren't wasn't weren't can't won't didn't doesn't let's there's that's what's one two
three many much every another each either neither via per yet still even ever s t`
    .split(/\s+/)
    .filter(Boolean),
);
