// ESLint flat config: typescript-eslint's recommended rules plus the import directions of the
// architecture (README "Architecture"): the client never imports mock-ews, and the reverse.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] })

export default tseslint.config(
  { ignores: ['node_modules/', '.cache/', 'dist/', '.bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', Buffer: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['mock-ews/**/*.ts'],
    rules: restrict([
      {
        group: ['**/client/**', '**/scenarios/**', '**/test/**'],
        message: 'mock-ews does not import client/, scenarios/ or test/.',
      },
    ]),
  },
  {
    files: ['mock-ews/domain/**/*.ts', 'mock-ews/store/**/*.ts'],
    rules: restrict([
      {
        group: [
          'express',
          'fast-xml-parser',
          'xpath',
          '@xmldom/*',
          '**/soap/**',
          '**/operations/**',
        ],
        message: 'The domain and the store know nothing of XML or HTTP.',
      },
      {
        group: ['**/client/**', '**/scenarios/**', '**/test/**'],
        message: 'mock-ews does not import client/, scenarios/ or test/.',
      },
    ]),
  },
  {
    files: ['mock-ews/store/rules/**/*.ts'],
    rules: restrict([
      {
        group: ['**/memory/**'],
        message: 'The rules read storage through their ports only (docs/decisions/0023).',
      },
      {
        group: [
          'express',
          'fast-xml-parser',
          'xpath',
          '@xmldom/*',
          '**/soap/**',
          '**/operations/**',
        ],
        message: 'The domain and the store know nothing of XML or HTTP.',
      },
      {
        group: ['**/client/**', '**/scenarios/**', '**/test/**'],
        message: 'mock-ews does not import client/, scenarios/ or test/.',
      },
    ]),
  },
  {
    files: ['mock-ews/operations/**/*.ts'],
    rules: restrict([
      {
        group: ['express', 'fast-xml-parser'],
        message:
          "Operations write XML through soap/xml-writer.ts, know nothing of HTTP, and do not use the client's XML parser.",
      },
      {
        group: ['**/client/**', '**/scenarios/**', '**/test/**'],
        message: 'mock-ews does not import client/, scenarios/ or test/.',
      },
    ]),
  },
  {
    files: ['client/**/*.ts'],
    rules: restrict([
      {
        group: ['**/mock-ews/**'],
        message: 'The client has its own EWS code: never import mock-ews.',
      },
    ]),
  },
)
