// @ts-check
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const domainDir = path.resolve('src/domain');

/** Keeps the pure core pure: a file under src/domain may import only other files under src/domain. */
const domainBoundary = {
  meta: { type: 'problem', schema: [], messages: { outside: "src/domain imports nothing outside src/domain ('{{source}}')." } },
  /** @param {import('eslint').Rule.RuleContext} context */
  create(context) {
    const check = (/** @type {any} */ node) => {
      const source = node.source && node.source.value;
      if (typeof source !== 'string') return;
      const inside = source.startsWith('.') && path.resolve(path.dirname(context.filename), source).startsWith(domainDir + path.sep);
      if (!inside) context.report({ node, messageId: 'outside', data: { source } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

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
);
