// The agent desktop, the wallboard, the QA page, the handling units' page, the knowledge page, the analysis and report pages and the demo's citizen phone: one multi-page build served by the hotline
// server itself (src/http/ui-routes.ts), so nothing is fetched from the network at run time.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root,
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: path.join(root, 'dist'),
    emptyOutDir: true,
    // Keeps the served tree to the pages' .html files (one per input below) and assets/.
    assetsDir: 'assets',
    // ECharts' chunk (only the parts registered in src/charts/echarts-parts.ts) is ~650 kB, ~215 kB
    // gzipped, loaded by the analysis, report and wallboard pages only.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      input: {
        index: path.join(root, 'index.html'),
        wallboard: path.join(root, 'wallboard.html'),
        qa: path.join(root, 'qa.html'),
        phone: path.join(root, 'phone.html'),
        unit: path.join(root, 'unit.html'),
        knowledge: path.join(root, 'knowledge.html'),
        analysis: path.join(root, 'analysis.html'),
        report: path.join(root, 'report.html'),
      },
    },
  },
});
