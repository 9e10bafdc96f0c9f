// Runs the page's search (Templates/Assets/search.js) in node against the index files of a folder
// and prints, as JSON, each query's documents in rank order.
//     node rank-with-search-js.js path/to/search.js SITE_DIR '[["query", "region slug", "topic slug"], …]'
// The page fetches "../search/…" from search/index.html; here those paths are read from SITE_DIR.
"use strict";
const fs = require("fs");
const path = require("path");
const [scriptPath, site, queriesJSON] = process.argv.slice(2);
global.window = {};
global.document = { getElementById: () => null, querySelector: () => null };
global.fetch = (url) => {
  const file = path.join(site, url.replace(/^\.\.\//, ""));
  if (!fs.existsSync(file)) return Promise.resolve({ ok: false, status: 404 });
  const bytes = fs.readFileSync(file);
  return Promise.resolve({
    ok: true, status: 200,
    json: () => Promise.resolve(JSON.parse(bytes.toString("utf8"))),
    arrayBuffer: () => Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)),
  });
};
eval(fs.readFileSync(scriptPath, "utf8"));
(async () => {
  const ranked = [];
  for (const [query, region, topic] of JSON.parse(queriesJSON)) {
    ranked.push((await global.window.UnionPressSearch.search(query, region, topic)).map((result) => result.doc));
  }
  console.log(JSON.stringify(ranked));
})().catch((error) => { console.error(String(error)); process.exit(1); });
