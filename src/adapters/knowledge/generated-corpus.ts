// A deterministic, seeded knowledge corpus generated from the taxonomy and the dispatch rules (the
// units and their keywords): N articles spread over every subcategory and kind, with Chinese text
// built from templates, for the demo (3,000) and the search benchmark (20,000). The same seed and
// count always give the same articles, keyed gen-00001, gen-00002, ….
import type { SeedArticle, SeedArticleKind } from '../../domain/knowledge/seed-article.js';
import type { Taxonomy } from '../../domain/tickets/categories.js';
import { parseDispatchRules, type DispatchRules } from '../../domain/tickets/dispatch-rules.js';
import { loadDataFile } from '../files/data-file.js';
import { loadCategories } from '../tickets/category-file.js';
import { seededRandom } from '../tickets/generated-year/seeded-random.js';
import { BODIES, DISTRICTS, TITLES, type Material } from './corpus-templates.js';

export interface CorpusSources {
  readonly taxonomy: Taxonomy;
  readonly rules: DispatchRules;
}

const KINDS: readonly SeedArticleKind[] = ['policy', 'guide', 'faq', 'contact'];
const NUMBER_PREFIXES = ['市政发', '市政办发', '市建发', '市人社发', '市监发', '市交发', '市环发', '市城管发', '市民发', '市教发', '市卫健发'];

/** The taxonomy and the dispatch rules as shipped in fixtures/. */
export function loadCorpusSources(categoriesFile = 'fixtures/categories.yaml', rulesFile = 'fixtures/dispatch-rules.yaml'): CorpusSources {
  const taxonomy = loadCategories(categoriesFile);
  return { taxonomy, rules: loadDataFile(rulesFile, (raw) => parseDispatchRules(raw, taxonomy)) };
}

export function generateCorpus(sources: CorpusSources, count: number, seed = 12345): SeedArticle[] {
  const random = seededRandom(seed);
  const subs = [...sources.taxonomy.byCode.values()];
  const articles: SeedArticle[] = [];
  for (let i = 0; i < count; i += 1) {
    const entry = subs[i % subs.length]!;
    const kind = KINDS[Math.floor(i / subs.length) % KINDS.length]!;
    articles.push(generateArticle(sources, entry, kind, i, random));
  }
  return articles;
}

type Entry = NonNullable<ReturnType<Taxonomy['byCode']['get']>>;

function generateArticle(sources: CorpusSources, entry: Entry, kind: SeedArticleKind, i: number, random: () => number): SeedArticle {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const units = unitsFor(sources, entry);
  const unit = pick(units);
  const words = keywordsFor(sources, entry);
  const year = 2019 + Math.floor(random() * 8);
  const x: Material = {
    sub: entry.sub.name,
    major: entry.major.name,
    unit: sources.rules.unitsById.get(unit)?.name ?? unit,
    keyword: pick(words),
    other: pick(words),
    district: pick(DISTRICTS),
    n: 1 + Math.floor(random() * 30),
    m: 3 + Math.floor(random() * 57),
    year,
  };
  // Each sentence in four of five articles; at least three, so no body is a single line.
  const lines = BODIES[kind].filter(() => random() < 0.8);
  const body = (lines.length >= 3 ? lines : BODIES[kind].slice(0, 3)).map((line) => line(x)).join('');
  const validity = pickValidity(random, year);
  return {
    key: `gen-${String(i + 1).padStart(5, '0')}`,
    title: pick(TITLES[kind])(x),
    body,
    kind,
    categoryCode: entry.sub.code,
    sourceDocument: kind === 'policy' ? `《市${x.sub}管理办法》` : null,
    sourceNumber: kind === 'policy' ? `${pick(NUMBER_PREFIXES)}〔${year}〕${x.n}号` : null,
    ownerUnit: unit,
    ...validity,
    alsoCategories: [],
  };
}

/** Units whose dispatch rules name the subcategory or its major; the city government when none do. */
function unitsFor(sources: CorpusSources, entry: Entry): string[] {
  const units = sources.rules.rules.filter((r) => r.categories.includes(entry.sub.code) || r.categories.includes(entry.major.code)).map((r) => r.unit);
  return units.length > 0 ? [...new Set(units)] : ['city-government'];
}

/** The keywords of those rules, else the subcategory's and major's own names. */
function keywordsFor(sources: CorpusSources, entry: Entry): string[] {
  const words = sources.rules.rules.filter((r) => r.categories.includes(entry.sub.code)).flatMap((r) => r.keywords);
  return words.length > 0 ? [...new Set(words)] : [entry.sub.name, `${entry.sub.name}问题`, entry.major.name];
}

/** Most open-ended; about one in ten expired, one in twenty not yet valid. */
function pickValidity(random: () => number, year: number): Pick<SeedArticle, 'validFrom' | 'validTo' | 'reviewDue'> {
  const roll = random();
  if (roll < 0.1) return { validFrom: `${year - 1}-01-01`, validTo: `${Math.min(year, 2025)}-06-30`, reviewDue: null };
  if (roll < 0.15) return { validFrom: '2027-07-01', validTo: null, reviewDue: null };
  return { validFrom: roll < 0.6 ? `${year}-03-01` : null, validTo: null, reviewDue: roll < 0.3 ? '2027-03-01' : null };
}
