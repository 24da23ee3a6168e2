// @ts-check
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const srcDir = path.resolve('src');

/**
 * Keeps a layer to what it may know: a file under `layer` imports only files under `allowed` (folders
 * end in '/'), `typeOnly` files as types only, and, when `builtins` is set, Node's own `node:` modules.
 * No package: what a layer needs from the outside world it asks through a port.
 * @param {{ layer: string, allowed: string[], typeOnly?: string[], builtins?: boolean, message: string }} rule
 */
function layerBoundary({ layer, allowed, typeOnly = [], builtins = false, message }) {
  const within = (/** @type {string} */ target, /** @type {string[]} */ places) =>
    places.some((place) => (place.endsWith('/') ? target.startsWith(path.join(srcDir, place)) : target === path.join(srcDir, place)));
  /** @type {import('eslint').Rule.RuleModule} */
  const rule = {
    meta: { type: 'problem', schema: [], messages: { outside: message, valueImport: `${layer} imports '{{source}}' for its types only (import type).` } },
    create(context) {
      // any: ESLint's own AST types know neither typescript-eslint's importKind/exportKind nor one shape for the four node kinds.
      const check = (/** @type {any} */ node) => {
        const source = node.source && node.source.value;
        if (typeof source !== 'string') return;
        if (!source.startsWith('.')) {
          if (!(builtins && source.startsWith('node:'))) context.report({ node, messageId: 'outside', data: { source } });
          return;
        }
        const target = path.resolve(path.dirname(context.filename), source).replace(/\.js$/, '.ts');
        if (within(target, allowed)) return;
        if (!within(target, typeOnly)) return context.report({ node, messageId: 'outside', data: { source } });
        const typesOnly = node.importKind === 'type' || node.exportKind === 'type' || (node.specifiers?.length > 0 && node.specifiers.every((/** @type {any} */ s) => s.importKind === 'type' || s.exportKind === 'type'));
        if (!typesOnly) context.report({ node, messageId: 'valueImport', data: { source } });
      };
      return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
    },
  };
  return rule;
}

/** Keeps the pure core pure: a file under src/domain may import only other files under src/domain. */
const domainBoundary = layerBoundary({ layer: 'src/domain', allowed: ['domain/'], message: "src/domain imports nothing outside src/domain ('{{source}}')." });

/**
 * Keeps app to orchestration: it knows the pure core, itself (its ports among it) and the logger, and
 * reads the config's types; adapters, http, boot and main come to app, never the other way.
 */
const appBoundary = layerBoundary({
  layer: 'src/app',
  allowed: ['app/', 'domain/', 'logging/'],
  typeOnly: ['config.ts'],
  builtins: true,
  message: "src/app imports only src/app (its ports among it), src/domain and src/logging ('{{source}}'): what it needs of adapters is a port in src/app/ports.",
});

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'drizzle/', 'agent-ui/dist/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // A file past a screenful of screens is several things; the design asks for a split near 250.
    files: ['src/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }] },
  },
  {
    // The SIP library is wrapped in one folder, so a change of library touches only it (docs/decisions.md).
    files: ['**/*.ts'],
    ignores: ['agent-ui/src/phone/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'jssip', message: 'Only agent-ui/src/phone/ speaks to JsSIP.' }], patterns: [{ group: ['jssip/*'], message: 'Only agent-ui/src/phone/ speaks to JsSIP.' }] }] },
  },
  {
    // The routes reach storage through app's ports, which PostgreSQL implements beside SQLite. The
    // same rule object as above, repeated: a later config for a file replaces the rule's options.
    files: ['src/http/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'jssip', message: 'Only agent-ui/src/phone/ speaks to JsSIP.' }],
          patterns: [
            { group: ['jssip/*'], message: 'Only agent-ui/src/phone/ speaks to JsSIP.' },
            { group: ['**/adapters/db/*'], message: 'src/http reads and writes storage through the ports in src/app/ports, never a db adapter.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    plugins: { hotline: { rules: { 'domain-boundary': domainBoundary } } },
    rules: {
      'hotline/domain-boundary': 'error',
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'setImmediate', 'fetch', 'process'],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'The pure core reads no clock: take time from the event.' },
        { object: 'Math', property: 'random', message: 'The pure core is deterministic.' },
      ],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The pure core reads no clock.' }],
    },
  },
  {
    files: ['src/app/**/*.ts'],
    plugins: { app: { rules: { 'app-boundary': appBoundary } } },
    rules: {
      'app/app-boundary': 'error',
      // Time that passes is a port too (app/ports/timers.ts), so tests can drive it and owners cancel theirs.
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'setImmediate'],
    },
  },
);
