// The agent desktop, the wallboard, the QA page, the handling units' page, the knowledge page and the demo's citizen phone: one multi-page build served by the hotline
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
    // Keeps the served tree to index.html, wallboard.html, qa.html, unit.html, knowledge.html, phone.html and assets/.
    assetsDir: 'assets',
    rolldownOptions: {
      input: {
        index: path.join(root, 'index.html'),
        wallboard: path.join(root, 'wallboard.html'),
        qa: path.join(root, 'qa.html'),
        phone: path.join(root, 'phone.html'),
        unit: path.join(root, 'unit.html'),
        knowledge: path.join(root, 'knowledge.html'),
      },
    },
  },
});
