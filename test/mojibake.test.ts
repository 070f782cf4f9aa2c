import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { articleFromText } from '../pipeline/article.js';
import { mojibakeRule as rule } from '../pipeline/stages/keywords/mojibake.js';
import { findMojibake, repairText } from '../pipeline/stages/keywords/mojibake-codec.js';
import { expectQuality, labelledFixtures, scoreDetector } from './helpers/labelled.js';

const check = (path: string, text: string | Buffer) => rule.check(articleFromText(path, text), { options: rule.defaults, prepared: undefined });

describe('mojibake fixtures', () => {
  it('precision ≥ 0.95, recall ≥ 0.9, ≤ 1 false finding per 50 clean articles', () => {
    const fixtures = labelledFixtures('mojibake');
    expectQuality('mojibake', fixtures, scoreDetector(fixtures, (f) => check(f.path, f.bytes)));
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
  ])('leaves legitimate text alone: %s', (text) => {
    expect(findMojibake(text)).toEqual([]);
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
    const flagged = readdirSync('corpus').filter((f) => f.endsWith('.txt')).sort().filter((f) => check(`corpus/${f}`, readFileSync(`corpus/${f}`)).length > 0).map((f) => f.slice(0, 3));
    expect(flagged).toEqual(['002', '003']);
  });
});
