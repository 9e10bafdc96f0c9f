// UnionPress search: reads ?q=, downloads only the index shards its tokens live in, and lists the
// stories that hold every token. The tokenizer mirrors SearchTokenizer.swift exactly.
(function () {
  "use strict";

  function isCJK(code) {
    return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) ||
      (code >= 0xf900 && code <= 0xfaff) || (code >= 0x20000 && code <= 0x2a6df) ||
      (code >= 0x3040 && code <= 0x30ff);
  }
  function isWordChar(code) {
    return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a);
  }

  // Tokens of a text: CJK runs as single characters and overlapping bigrams, Latin letters and
  // digits as lowercase words. For a query, a CJK run of two or more characters gives its bigrams only.
  function tokenize(text, forQuery) {
    var normal = text.normalize("NFKC").toLowerCase();
    var tokens = [];
    var run = [];
    var word = "";
    function flushRun() {
      if (run.length === 1 || !forQuery) { for (var i = 0; i < run.length; i++) tokens.push(run[i]); }
      for (var j = 0; j + 1 < run.length; j++) tokens.push(run[j] + run[j + 1]);
      run = [];
    }
    function flushWord() { if (word) tokens.push(word); word = ""; }
    for (var ch of normal) {
      var code = ch.codePointAt(0);
      if (isCJK(code)) { flushWord(); run.push(ch); }
      else if (isWordChar(code)) { flushRun(); word += ch; }
      else { flushRun(); flushWord(); }
    }
    flushRun(); flushWord();
    return tokens;
  }

  function fnv1a(text) {
    var bytes = new TextEncoder().encode(text);
    var hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      hash ^= bytes[i];
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash >>> 0;
  }

  function fetchJSON(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
  }

  var root = "../";
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!input || !list) return;

  function clear() { while (list.firstChild) list.removeChild(list.firstChild); }
  function setCount(n) { list.setAttribute("data-result-count", String(n)); }

  function show(docs, ids, query) {
    clear();
    setCount(ids.length);
    status.textContent = ids.length ? "找到 " + ids.length + " 篇与“" + query + "”相关的报道" : "没有找到与“" + query + "”相关的报道";
    ids.forEach(function (id) {
      var doc = docs[id];
      var item = document.createElement("li");
      item.className = "story-item";
      var title = document.createElement("h3");
      title.className = "story-title";
      var link = document.createElement("a");
      link.href = root + doc[0];
      link.textContent = doc[1];
      title.appendChild(link);
      item.appendChild(title);
      var meta = document.createElement("p");
      meta.className = "story-meta";
      meta.textContent = [doc[2], doc[3]].filter(Boolean).join(" · ");
      item.appendChild(meta);
      var snippet = document.createElement("p");
      snippet.className = "story-snippet";
      snippet.textContent = doc[4];
      item.appendChild(snippet);
      list.appendChild(item);
    });
  }

  function run(query) {
    var tokens = Array.from(new Set(tokenize(query, true)));
    if (!query.trim()) { status.textContent = ""; setCount(0); return; }
    if (!tokens.length) { clear(); setCount(0); status.textContent = "请输入文字或数字进行搜索。"; return; }
    status.textContent = "正在搜索…";
    fetchJSON(root + "search/meta.json").then(function (meta) {
      var shardIds = Array.from(new Set(tokens.map(function (t) { return fnv1a(t) % meta.shards; })));
      return Promise.all([fetchJSON(root + "search/docs.json")].concat(shardIds.map(function (s) {
        return fetchJSON(root + "search/shard-" + s + ".json");
      }))).then(function (loaded) {
        var docs = loaded[0];
        var postings = {};
        loaded.slice(1).forEach(function (shard) { for (var k in shard) postings[k] = shard[k]; });
        var result = null;
        tokens.forEach(function (token) {
          var ids = postings[token] || [];
          if (result === null) result = ids.slice();
          else { var set = new Set(ids); result = result.filter(function (id) { return set.has(id); }); }
        });
        show(docs, result || [], query);
      });
    }).catch(function () {
      clear(); setCount(0);
      status.textContent = "搜索索引加载失败，请稍后再试。";
    });
  }

  var params = new URLSearchParams(window.location.search);
  var q = params.get("q") || "";
  input.value = q;
  run(q);
})();
