// Knowledge search over 20,000 articles (issue 23: p99 ≤ 30 ms), with the golden set's top-1 and
// recall@5 beside a trigram-only baseline measured in the same run.
//
//   npx tsx bench/knowledge-search.bench.ts [articles] [random queries]
//
// The corpus is the hand-written articles (fixtures/knowledge/articles.yaml) plus the seeded generated
// corpus up to the count. The index is built as the server builds it at start (jieba segmentation,
// synonyms, hotline words), its build time and heap measured; then every golden query and a few
// hundred random queries (parts of titles and bodies, single characters, sentences, typos, filters)
// are searched as an agent would, valid today, first page of 10.
import { buildCorpus, buildIndex, indexTopFive, loadGoldenSet, scoreGolden, type GoldenScore } from '../test/helpers/knowledge-golden.js';
import { TrigramBaseline } from './knowledge-trigram-baseline.js';
import { summarize, table } from './stats.js';

const ARTICLES = Number(process.argv[2] ?? 20_000);
const RANDOM_QUERIES = Number(process.argv[3] ?? 400);

let seed = 23;
function rand(): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x80000000;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

const golden = loadGoldenSet();
const corpus = buildCorpus(ARTICLES - 69 > 0 ? ARTICLES - 69 : ARTICLES);
const heapBefore = process.memoryUsage().heapUsed;
const buildStart = performance.now();
const index = buildIndex(corpus);
const buildMs = performance.now() - buildStart;
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;

/** Parts of real articles, single characters, sentences around them, one character replaced. */
function randomQuery(): string {
  const article = pick(corpus.articles);
  const text = [...(rand() < 0.5 ? article.title : article.body).replace(/[^\p{Script=Han}A-Za-z0-9]/gu, '')];
  const from = Math.floor(rand() * Math.max(1, text.length - 6));
  const part = text.slice(from, from + 1 + Math.floor(rand() * 6));
  const shape = rand();
  if (shape < 0.15) return part[0] ?? '水';
  if (shape < 0.3) return `我想问一下${part.join('')}怎么办`;
  if (shape < 0.4 && part.length >= 3) part[1] = pick(['的', '是', '在', '有', '积', '基']);
  return part.join('') || '物业';
}

const queries = [...golden.queries.map((q) => q.q), ...Array.from({ length: RANDOM_QUERIES }, randomQuery)];
const categories = ['02', '0201', '06', '1202', undefined, undefined, undefined];
const timings: Record<string, number[]> = { golden: [], random: [], 'random + category filter': [], 'no text (newest first)': [] };
for (let round = 0; round < 3; round += 1) {
  queries.forEach((text, i) => {
    const started = performance.now();
    index.search({ audience: 'agents', text, validOn: golden.day, offset: 0, limit: 10 });
    timings[i < golden.queries.length ? 'golden' : 'random']!.push(performance.now() - started);
  });
  for (const text of queries.slice(golden.queries.length, golden.queries.length + 100)) {
    const started = performance.now();
    index.search({ audience: 'agents', text, category: pick(categories), validOn: golden.day, offset: 0, limit: 10 });
    timings['random + category filter']!.push(performance.now() - started);
  }
  for (const category of categories) {
    const started = performance.now();
    index.search({ audience: 'agents', category, validOn: golden.day, offset: 20, limit: 10 });
    timings['no text (newest first)']!.push(performance.now() - started);
  }
}
const all = Object.values(timings).flat();

const baselineStart = performance.now();
const baseline = new TrigramBaseline(corpus.articles);
const baselineBuildMs = performance.now() - baselineStart;
const ours = scoreGolden(golden, corpus, indexTopFive(index));
const theirs = scoreGolden(golden, corpus, (text, day) => baseline.search(text, day, 5));

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const byKind = (score: GoldenScore): Record<string, string> => {
  const kinds: Record<string, { found: number; expected: number }> = {};
  for (const o of score.outcomes) {
    const k = (kinds[o.kind] ??= { found: 0, expected: 0 });
    k.found += o.found;
    k.expected += o.expected;
  }
  return Object.fromEntries(Object.entries(kinds).map(([kind, k]) => [kind, `${k.found}/${k.expected}`]));
};

console.log(`# Knowledge search: ${corpus.articles.length} articles, ${queries.length} queries × 3 rounds`);
console.log(`index build: ${buildMs.toFixed(0)} ms, heap +${heapMb.toFixed(0)} MB (trigram baseline build: ${baselineBuildMs.toFixed(0)} ms)`);
console.log(table('search, ms', { ...Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, summarize(v)])), all: summarize(all) }));
console.log(`\n| golden set (${golden.queries.length} queries) | top-1 | recall@5 |\n|---|---|---|`);
console.log(`| knowledge index | ${pct(ours.top1)} | ${pct(ours.recall5)} |\n| trigram baseline | ${pct(theirs.top1)} | ${pct(theirs.recall5)} |`);
const ourKinds = byKind(ours);
const theirKinds = byKind(theirs);
console.log('\n| kind | index found@5 | baseline found@5 |\n|---|---|---|');
for (const kind of Object.keys(ourKinds)) console.log(`| ${kind} | ${ourKinds[kind]} | ${theirKinds[kind]} |`);
const misses = ours.outcomes.filter((o) => o.found < o.expected || o.firstOk === false);
if (misses.length > 0) console.log(`\nindex misses: ${misses.map((o) => `${o.q} → ${o.top.slice(0, 3).join(', ')}`).join('; ')}`);
console.log(`\np99 of all searches: ${summarize(all).p99} ms (target ≤ 30 ms): ${summarize(all).p99 <= 30 ? 'met' : 'NOT met'}`);
