// What GitHub's footnote rules make of each case in `cases/`, read from the
// reference implementation (micromark with its GFM footnote extension, the
// parser behind github.com's renderer in JavaScript form), written to
// `expected.json`. `tests/gfm.rs` checks corpuslint against that file.
//
//   npm ci --prefix tests/gfm && node tests/gfm/reference.mjs          # rewrite
//   npm ci --prefix tests/gfm && node tests/gfm/reference.mjs --check  # CI: differ → exit 1
//
// Per case:
// - `refs`: each reference that resolves: [line, label as written, line of
//   the definition it resolves to];
// - `literal`: `[^label]` text (no whitespace in the label) that stays text
//   because no definition matches it: [line, label as written];
// - `defs`: each definition: [line, label as written, cited, duplicate, empty]
//   (`cited` by a resolving reference; `duplicate` when an earlier
//   definition has the same label after case folding: GitHub keeps the
//   first; `empty` with no content at all).

import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFootnoteFromMarkdown } from "mdast-util-gfm-footnote";
import { gfmFootnote } from "micromark-extension-gfm-footnote";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";

const here = dirname(fileURLToPath(import.meta.url));
const casesDir = join(here, "cases");

function facts(src) {
  const tree = fromMarkdown(src, {
    extensions: [gfmFootnote(), gfmTable()],
    mdastExtensions: [gfmFootnoteFromMarkdown(), gfmTableFromMarkdown()],
  });
  const defs = [];
  const refs = [];
  const texts = [];
  (function walk(node) {
    if (node.type === "footnoteDefinition") defs.push(node);
    if (node.type === "footnoteReference") refs.push(node);
    if (node.type === "text") texts.push(node);
    for (const child of node.children || []) walk(child);
  })(tree);
  const first = new Map();
  const cited = new Set();
  for (const d of defs) if (!first.has(d.identifier)) first.set(d.identifier, d);
  const outRefs = refs.map((r) => {
    const d = first.get(r.identifier);
    cited.add(d);
    return [r.position.start.line, src.slice(r.position.start.offset + 2, r.position.end.offset - 1), d.position.start.line];
  });
  const outDefs = defs.map((d) => {
    const raw = src.slice(d.position.start.offset);
    const label = raw.slice(2, raw.indexOf("]:"));
    return [d.position.start.line, label, cited.has(d), first.get(d.identifier) !== d, d.children.length === 0];
  });
  const literal = [];
  for (const t of texts) {
    const raw = src.slice(t.position.start.offset, t.position.end.offset);
    for (const m of raw.matchAll(/\[\^([^\]\s\\]+)\]/g)) {
      if (m.index > 0 && raw[m.index - 1] === "\\") continue;
      const line = t.position.start.line + (raw.slice(0, m.index).match(/\n/g) || []).length;
      literal.push([line, m[1]]);
    }
  }
  return { refs: outRefs, literal, defs: outDefs };
}

const out = {};
for (const name of readdirSync(casesDir).filter((f) => f.endsWith(".md")).sort()) {
  out[name] = facts(readFileSync(join(casesDir, name), "utf8"));
}
// One case per line, so a change in the reference shows as a one-line diff.
const json = "{\n" + Object.entries(out).map(([k, v]) => ` ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(",\n") + "\n}\n";
const target = join(here, "expected.json");
if (process.argv.includes("--check")) {
  let have = "";
  try {
    have = readFileSync(target, "utf8");
  } catch {}
  if (have !== json) {
    console.error("tests/gfm/expected.json differs from what micromark says: run node tests/gfm/reference.mjs");
    process.exit(1);
  }
  console.log(`gfm reference: ${Object.keys(out).length} cases agree with micromark`);
} else {
  writeFileSync(target, json);
  console.log(`wrote ${target} (${Object.keys(out).length} cases)`);
}
