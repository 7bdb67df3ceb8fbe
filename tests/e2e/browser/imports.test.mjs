// The dashboard's modules import each other without a circle (issue 26: member-dialog → members-table →
// pending-invites → plan-usage once went round). A circle makes a module read another's exports before they
// exist, depending on which page loaded first. No browser: the test reads the files and walks their imports.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../../src/Switchboard/wwwroot/js");

function modules(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? modules(join(dir, e.name)) : e.name.endsWith(".js") ? [join(dir, e.name)] : []);
}

// Static imports, re-exports and dynamic import("…") with a relative path; /vendor/ files are not ours.
const specifier = /(?:\bimport\s*(?:[\w*{}\s,$]+\s*from\s*)?|\bexport\s*[\w*{}\s,$]+\s*from\s*|\bimport\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g;

function importsOf(file) {
  const text = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  return [...text.matchAll(specifier)].map((m) => resolve(dirname(file), m[1]));
}

/** Every circle as a list of files, found by a depth-first walk that remembers the path it is on. */
function circlesIn(graph) {
  const found = [];
  const state = new Map();
  const path = [];
  const visit = (file) => {
    state.set(file, "on-path");
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "on-path") found.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, "done");
  };
  for (const f of graph.keys()) if (!state.has(f)) visit(f);
  return found.map((c) => c.map((f) => relative(root, f)).join(" → "));
}

const circles = (files) => circlesIn(new Map(files.map((f) => [f, importsOf(f)])));

test("the walk reads the dashboard's modules and their imports", () => {
  const files = modules(root);
  assert.ok(files.length > 30, `only ${files.length} modules found under ${root}`);
  const edges = files.reduce((n, f) => n + importsOf(f).length, 0);
  assert.ok(edges > 100, `only ${edges} imports found: the pattern no longer matches`);
  for (const f of files) for (const target of importsOf(f)) {
    assert.ok(files.includes(target), `${relative(root, f)} imports ${relative(root, target)}, which does not exist`);
  }
});

test("the walk finds a circle when there is one, and none in a chain", () => {
  const [a, b, c] = ["a.js", "b.js", "c.js"].map((f) => join(root, f));
  assert.deepEqual(circlesIn(new Map([[a, [b]], [b, [c]], [c, [a]]])), ["a.js → b.js → c.js → a.js"]);
  assert.deepEqual(circlesIn(new Map([[a, [b, c]], [b, [c]], [c, []]])), []);
});

test("no dashboard module imports itself back through another", () => {
  assert.deepEqual(circles(modules(root)), []);
});
