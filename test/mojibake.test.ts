import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { articleFromText } from '../pipeline/article.js';
import { mojibakeRule as rule } from '../pipeline/stages/keywords/mojibake.js';
import { findMojibake, repairText } from '../pipeline/stages/keywords/mojibake-codec.js';
import { expectQuality, labelledFixtures, scoreDetector } from './helpers/labelled.js';
import { checkArticle } from '../pipeline/rule.js';

const check = (path: string, text: string | Buffer) =>
  checkArticle(rule, articleFromText(path, text), { options: rule.defaults, prepared: undefined });

describe('mojibake fixtures', () => {
  it('precision ≥ 0.95, recall ≥ 0.9, ≤ 1 false finding per 50 clean articles', () => {
    const fixtures = labelledFixtures('mojibake');
    expectQuality(
      'mojibake',
      fixtures,
      scoreDetector(fixtures, (f) => check(f.path, f.bytes)),
    );
  });
});

describe('mojibake codec', () => {
  it.each([
    ['cafÃ©', 'café'],
    ['donâ€™t', 'don’t'],
    ['â€œquotedâ€\u009d', '“quoted”'],
    ['ZÃƒÂ¼rich', 'Zürich'],
    ['ÐŸÑ€Ð¸Ð²ÐµÑ‚', 'Привет'],
    ['РџСЂРёРІРµС‚', 'Привет'],
    ['caf√©', 'café'],
    ['Hong\u0100\u00a0Kong', 'Hong\u00a0Kong'],
    ['DvoĹ™Ăˇk', 'Dvořák'],
    // Sloppy Windows-1252: Á and ” contain bytes 0x81 and 0x9D, which the page leaves undefined.
    ['Ã\u0081lvaro said â€œyesâ€\u009d', 'Álvaro said “yes”'],
    // Triple encoding, and MacRoman with a math sign before a letter.
    ['ZÃƒÆ’Ã‚Â¼rich', 'Zürich'],
    ['√áa va, Caf√©', 'Ça va, Café'],
    // Latin-1 with C1 controls; emoji and CJK.
    ['itâ\u0080\u0099s', 'it’s'],
    ['party ðŸŽ‰ time', 'party 🎉 time'],
    ['office æ\u009d±äº¬ opens', 'office 東京 opens'],
    // Windows-1257 beyond the no-break space, and a word in 1250 whose capital cannot stand inside a word.
    ['BjĆ¶rk itā€™s', 'Björk it’s'],
    ['MĂĽller', 'Müller'],
    // A spacing caron ("ˇ", byte 0xA1 in Windows-1250) between letters is no part of a real word.
    ['SĂˇnchez and MĂˇrio', 'Sánchez and Mário'],
    ['ÂŁ30', '£30'],
    // Cyrillic through MacRoman; Vietnamese through Windows-1250 next to an evidenced word.
    ['in –ú–æ—Å–∫–≤–∞ today', 'in Москва today'],
    ['the Ä\u0090Ă\u00a0 Náşµng deal', 'the Đà Nẵng deal'],
    // Correct text in the next word stays as written.
    ['РњРѕСЃРєРІР° ШРІ-ЛАНКА', 'Москва ШРІ-ЛАНКА'],
    ['ZÃ¼rich “Bangladéš”', 'Zürich “Bangladéš”'],
  ])('repairs %s', (bad, good) => {
    expect(repairText(bad)).toBe(good);
  });

  it.each([
    'Rīgā, Ādažos un Āraišos; ĀBOLU svētki, RĪGĀ\u00a0» beigas.',
    'Zażółć gęślą jaźń; SZKOŁA W ŁODZI.',
    'Příliš žluťoučký kůň úpěl ďábelské ódy.',
    'İstanbul’da ağaçlar çiçek açtı.',
    'Tiếng Việt: Đà Nẵng, Hội An, Huế.',
    'Não há pão; CORAÇÃO e AÇÃO.',
    'Le gâteau était prêt à l’heure\u00a0!',
    'Größe, ÄRZTE, Übergänge.',
    'Він сказав: Київ; Пётр і ёлка.',
    '© 2024 Acme™, 250 °C, 5 µm, ½ cup, x².',
    // ftfy's "sort of negative" kind: decodable by chance, correct as written.
    'He wrote “×” on the board.',
    'IL Y MARQUÉ… and SÓ… and VOCÊ…',
    'Smile :-Ã and go',
    '«\u00a0Å\u00a0»',
    'IRMÃ”',
    '“Bangladéš”, “Ázerbájdžán”',
    'CÂŞTIG MARE; ÎNVĂŢĂMÂNTUL',
    'Ђорђе, љубав, њива, ћерка, џеп; заліє, поліється',
    'Family 👨‍👩‍👧 and 👍🏽 ✓; 東京, 서울, مرحبا, שלום, नमस्ते',
    '√π ≈ 1.77, √x, 3×2, ±5 °C',
  ])('leaves legitimate text alone: %s', (text) => {
    expect(findMojibake(text)).toEqual([]);
  });

  // Round trip: correct sentences garbled with each code page must come back exactly, correct text untouched.
  const W1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
  const garble = (text: string, page: string): string =>
    [...Buffer.from(text, 'utf8')]
      .map((b) => {
        if (page === 'latin-1' || b < 0x80) return String.fromCharCode(b);
        if (page === 'windows-1252') return b <= 0x9f ? W1252[b - 0x80] : String.fromCharCode(b);
        const c = new TextDecoder(page).decode(Uint8Array.of(b));
        return c === '\ufffd' ? String.fromCharCode(b) : c;
      })
      .join('');
  const sentences = [
    'The chef’s crème brûlée costs €8 — “worth it”.',
    'Señor Núñez flew from São Paulo to Malmö.',
    'It’s 25\u00a0°C in Zürich… or so.',
    'Göteborg’s café serves 🎉 and 東京 rolls.',
  ];
  it.each(['windows-1252', 'latin-1', 'macintosh', 'windows-1257'].flatMap((page) => sentences.map((s) => [page, s])))(
    'repairs %s exactly: %s',
    (page, sentence) => {
      const line = `Correct text stays: Pérez’s “view”. ${garble(sentence, page)} Ærø stays too.`;
      const findings = check('r.md', `# T\n\n${line}\n`);
      expect(findings.length).toBeGreaterThan(0);
      for (const f of findings) expect(f.suggestion).toBe(sentence);
      expect(repairText(line)).toBe(`Correct text stays: Pérez’s “view”. ${sentence} Ærø stays too.`);
    },
  );

  it('keeps Markdown markup in the suggestion', () => {
    const [f] = check('m.md', '# T\n\nSee the **cafÃ©** in [ZÃ¼rich](https://example.org/z) today.\n');
    expect(f.suggestion).toBe('See the **café** in [Zürich](https://example.org/z) today.');
  });

  it('reads table cells and the words of HTML blocks; the suggestion is the source line repaired', () => {
    const [cell] = check('m.md', '# T\n\n| Key | Meaning |\n| --- | --- |\n| `count` | itâ€™s reactive |\n');
    expect([cell.line, cell.suggestion]).toEqual([5, '| `count` | it’s reactive |']);
    const [html] = check('m.md', '# T\n\n<p>The ZÃ¼rich office.</p>\n');
    expect(html.suggestion).toBe('<p>The Zürich office.</p>');
    // Tags, attributes, comments and script bodies are markup, not prose.
    expect(
      check('m.md', '# T\n\n<div title="cafÃ©"><!-- ZÃ¼rich --></div>\n\n<script>\nconst s = "ZÃ¼rich"\n</script>\n'),
    ).toHaveLength(0);
  });

  it('keeps an inline HTML tag that opens the sentence in the suggestion', () => {
    const [f] = check('m.md', '# T\n\n<kbd>Ctrl</kbd>\u0100\u00a0+\u0100\u00a0<kbd>S</kbd> saves itā€™s draft.\n');
    expect(f.suggestion).toBe('<kbd>Ctrl</kbd>\u00a0+\u00a0<kbd>S</kbd> saves it’s draft.');
  });

  it('reports the span position and the repaired sentence', () => {
    const [f] = check('m.md', '# T\n\nWe met at the cafÃ© near the station. It was fine.\n');
    expect(f.ruleId).toBe('mojibake');
    expect([f.line, f.column, f.endLine, f.endColumn]).toEqual([3, 18, 3, 20]);
    expect(f.message).toContain('cafÃ©');
    expect(f.message).toContain('café');
    expect(f.suggestion).toBe('We met at the café near the station.');
  });
});

describe('mojibake on the seed corpus', () => {
  it('flags exactly 002 and 003', () => {
    const flagged = readdirSync('corpus')
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .filter((f) => check(`corpus/${f}`, readFileSync(`corpus/${f}`)).length > 0)
      .map((f) => f.slice(0, 3));
    expect(flagged).toEqual(['002', '003']);
  });
});
