// `pantau/layers`: which folders and files of the project a file may import, decided on the
// import's resolved path (relative to the project root), not on the spelling of its specifier.
// `no-restricted-imports` sees only the specifier, so a rule against `client/live` written as
// a pattern also catches `../../shared/live/` and misses nothing it should only by luck.
// Bare modules (`ioredis`, `socket.io`) stay with `no-restricted-imports`, which does them well.
import { dirname, relative, resolve, sep } from 'node:path';

/**
 * The names an import statement brings in: `*` for a namespace import or re-export of all,
 * `default` for a default import, otherwise each imported name.
 */
function importedNames(node) {
  switch (node.type) {
    case 'ImportDeclaration':
      return node.specifiers.map((s) =>
        s.type === 'ImportSpecifier' ? (s.imported.name ?? s.imported.value) : s.type === 'ImportDefaultSpecifier' ? 'default' : '*',
      );
    case 'ExportNamedDeclaration':
      return node.specifiers.map((s) => s.local.name ?? s.local.value);
    default:
      return ['*'];
  }
}

/** @type {import('eslint').Rule.RuleModule} */
export const layerRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the dependency direction between folders on resolved import paths.' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          forbid: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                // 'server/live/' (a folder, with its trailing slash) or 'server/config.ts' (one file).
                path: { type: 'string' },
                // Only these names of the target are forbidden; a namespace import counts as all.
                importNames: { type: 'array', items: { type: 'string' } },
                message: { type: 'string' },
              },
              required: ['path', 'message'],
              additionalProperties: false,
            },
          },
        },
        required: ['root', 'forbid'],
        additionalProperties: false,
      },
    ],
    messages: {
      forbidden: "Importing '{{target}}' is not allowed here: {{message}}",
      forbiddenName: "Importing '{{name}}' from '{{target}}' is not allowed here: {{message}}",
    },
  },
  create(context) {
    const { root, forbid } = context.options[0];
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = relative(root, resolve(dirname(context.filename), source)).split(sep).join('/');
      for (const f of forbid) {
        const hit = f.path.endsWith('/') ? target.startsWith(f.path) : target === f.path;
        if (!hit) continue;
        if (!f.importNames) {
          context.report({ node, messageId: 'forbidden', data: { target, message: f.message } });
          return;
        }
        const name = importedNames(node).find((n) => n === '*' || f.importNames.includes(n));
        if (name !== undefined) {
          context.report({ node, messageId: 'forbiddenName', data: { name, target, message: f.message } });
          return;
        }
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export default { rules: { layers: layerRule } };
