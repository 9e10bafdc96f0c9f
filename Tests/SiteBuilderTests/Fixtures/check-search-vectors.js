// Checks Templates/Assets/search.js against the shared tokenizer vectors.
//     node check-search-vectors.js path/to/search.js path/to/search-vectors.json
// Prints "N passed, M failed" and exits 1 on any failure.
"use strict";
const fs = require("fs");
const [scriptPath, vectorsPath] = process.argv.slice(2);
global.window = {};
global.document = { getElementById: () => null, querySelector: () => null };
eval(fs.readFileSync(scriptPath, "utf8"));
const search = global.window.UnionPressSearch;
const vectors = JSON.parse(fs.readFileSync(vectorsPath, "utf8"));
let passed = 0, failed = 0;
function expectEqual(name, actual, expected) {
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  if (a === e) { passed++; } else { failed++; console.log(`FAIL ${name}: got ${a}, expected ${e}`); }
}
for (const [input, expected] of vectors.normalize) expectEqual(`normalize ${input}`, search.normalize(input), expected);
for (const [query, expected] of vectors.queryTerms) {
  const terms = search.queryTerms(query).map(t => [t.text, t.tokens.map(k => [k.text, k.offset])]);
  expectEqual(`queryTerms ${query}`, terms, expected);
}
for (const [token, expected] of vectors.shardHash) {
  if (expected !== null) expectEqual(`fnv1a ${token}`, search.fnv1a(token), expected);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
