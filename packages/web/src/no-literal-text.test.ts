import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('.', import.meta.url));

// Attributes people read (or hear through a screen reader) must come from i18n too.
const READ_ATTRIBUTES = new Set(['alt', 'title', 'placeholder', 'aria-label', 'label']);

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return tsxFiles(p);
    return e.name.endsWith('.tsx') && !e.name.endsWith('.test.tsx') ? [p] : [];
  });
}

// Letters drawn inside an SVG <text> (a sticker's "zzz") are part of a picture, whose text
// alternative is the labelled element around it.
function insideSvgText(node: ts.Node, file: ts.SourceFile): boolean {
  const parent = node.parent;
  return ts.isJsxElement(parent) && parent.openingElement.tagName.getText(file) === 'text';
}

/** JSX text or readable attributes written as literals, bypassing i18n. */
function literalText(source: string, fileName = 'x.tsx'): string[] {
  const file = ts.createSourceFile(
    fileName,
    source,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && /\p{L}/u.test(node.text) && !insideSvgText(node, file)) {
      found.push(node.text.trim());
    }
    if (
      ts.isJsxAttribute(node) &&
      READ_ATTRIBUTES.has(node.name.getText(file)) &&
      node.initializer &&
      ts.isStringLiteral(node.initializer) &&
      /\p{L}/u.test(node.initializer.text)
    ) {
      found.push(`${node.name.getText(file)}="${node.initializer.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('user-facing text', () => {
  it('goes through i18n in every component', () => {
    const offenders = tsxFiles(SRC).flatMap((f) =>
      literalText(readFileSync(f, 'utf8'), f).map((t) => `${relative(SRC, f)}: ${t}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the check finds literal text and labels', () => {
    expect(literalText('const a = <p>Hello</p>;')).toEqual(['Hello']);
    expect(literalText('const a = <img alt="A cat" src="x" />;')).toEqual(['alt="A cat"']);
    expect(literalText('const a = <p>{t("x")} · 3</p>;')).toEqual([]);
    expect(literalText('const a = <svg><text x="1">z</text></svg>;')).toEqual([]);
  });
});
