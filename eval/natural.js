// Passages real articles share by nature: BBC filed some paragraphs in several stories, and docs pages repeat a
// sentence or two. natural-overlaps.tsv lists only the pairs that share most of their text; this finds every pair of
// files that shares a verbatim run of RUN words, so a pair reported between them is scored as genuine, not false.
// Computed from the texts alone (never from a detector's output), in one pass over the words of every file.

export const RUN = 15;
/** A run found in more files than this is a stock phrase of the genre, not a shared passage. */
const MAX_FILES_PER_RUN = 5;

function wordsOf(text) {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** @param {{ path: string, text: string }[]} files @returns {{ a: string, b: string, how: 'natural-passage' }[]} */
export function naturalPassages(files) {
  const holders = new Map(); // run of RUN words → indices of the files that hold it
  files.forEach((file, index) => {
    const words = wordsOf(file.text);
    const seen = new Set();
    for (let i = 0; i + RUN <= words.length; i++) {
      const run = words.slice(i, i + RUN).join(' ');
      if (seen.has(run)) continue;
      seen.add(run);
      const list = holders.get(run);
      if (!list) holders.set(run, [index]);
      else if (list.length <= MAX_FILES_PER_RUN) list.push(index);
    }
  });
  const pairs = new Set();
  for (const list of holders.values()) {
    if (list.length < 2 || list.length > MAX_FILES_PER_RUN) continue;
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) pairs.add(`${list[i]} ${list[j]}`);
  }
  return [...pairs].sort().map((key) => {
    const [i, j] = key.split(' ').map(Number);
    return { a: files[i].path, b: files[j].path, how: 'natural-passage' };
  });
}
