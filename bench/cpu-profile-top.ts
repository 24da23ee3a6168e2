// The functions a V8 CPU profile (node --cpu-prof) spent the most time in, by self time, by file,
// and by total time (the function and what it called), for reading a benchmark's profile without a
// browser.
//   npx tsx bench/cpu-profile-top.ts <file.cpuprofile> [rows] [total-filter]
// total-filter narrows the total-time list to frames whose name or file contains it (e.g. src/).
import fs from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const [file, rowsText, totalFilter] = [process.argv[2], process.argv[3], process.argv[4] ?? 'src/'];
if (!file) {
  console.error('usage: npx tsx bench/cpu-profile-top.ts <file.cpuprofile> [rows]');
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const rows = Number(rowsText ?? 30);
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

function top(key: (node: ProfileNode) => string): [string, number][] {
  const sums = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (node) sums.set(key(node), (sums.get(key(node)) ?? 0) + us);
  }
  return [...sums.entries()].sort((a, b) => b[1] - a[1]).slice(0, rows);
}
const where = (url: string): string => url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '') || '(native)';
const print = (title: string, entries: [string, number][]): void => {
  console.log(`\n${title} (of ${(total / 1e6).toFixed(1)} s sampled)`);
  for (const [name, us] of entries) console.log(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`);
};
const frameName = (n: ProfileNode): string => `${n.callFrame.functionName || '(anonymous)'}  ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
print('by function, self time', top(frameName));
print('by file, self time', top((n) => where(n.callFrame.url).replace(/node_modules\/([^/]+)\/.*/, 'node_modules/$1')));

// Total time: each sample counts once for every distinct function on its stack, so recursion is
// not counted twice.
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
const totals = new Map<string, number>();
for (const [id, us] of selfUs) {
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
    const node = byId.get(at);
    if (node) seen.add(frameName(node));
  }
  for (const name of seen) totals.set(name, (totals.get(name) ?? 0) + us);
}
const totalRows = [...totals.entries()].filter(([name]) => name.includes(totalFilter)).sort((a, b) => b[1] - a[1]).slice(0, rows);
print(`by function, total time, frames matching "${totalFilter}"`, totalRows);
