/**
 * Deterministic texts for comparing a hand-written scanner with the pattern it replaces: `count` texts, each of
 * `length` pieces drawn by one linear congruential generator started at `seed` (the same texts on every run).
 */
export function* seededTexts(
  pieces: readonly string[],
  seed: number,
  count: number,
  length: number,
): Generator<string> {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  for (let t = 0; t < count; t++) {
    let text = '';
    for (let k = 0; k < length; k++) text += pieces[Math.floor(next() * pieces.length)];
    yield text;
  }
}
