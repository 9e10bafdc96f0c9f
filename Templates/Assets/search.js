// UnionPress search. Reads ?q=, &region=, &topic= and &page=, downloads only the index shards its
// tokens live in and the length tables of the stories it ranks, keeps the stories that contain every
// term exactly (positions are checked, not just tokens), ranks them BM25-style with headline matches
// first and newer stories first on ties, and shows one page of results with a highlighted snippet.
// Mirrors SearchTokenizer.swift (traditional characters folded to simplified with the table the build
// writes into T2S) and SearchEngine.swift; the shared vectors and the ranking test in
// Tests/SiteBuilderTests keep them equal.
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  var PAGER_WINDOW = 3; // Pagination.window in Templates/ListPages.swift
  var MAX_QUERY = 64;
  var CLAUSE_MARKS = "，。、；：！？,.;:!?）)」』”\n"; // a snippet may begin after one of these
  var K1 = 1.2, B = 0.75, HEADLINE_BOOST = 2, COVERAGE_BOOST = 4, START_BOOST = 1, PHRASE_LENGTH = 5; // SearchEngine.swift

  // ---- tokenizer (same rules as SearchTokenizer.swift) ----
  function charClass(code) {
    if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) ||
        (code >= 0xf900 && code <= 0xfaff) || (code >= 0x20000 && code <= 0x2a6df) ||
        (code >= 0x3040 && code <= 0x30ff)) return 1;
    if ((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a)) return 2;
    return 0;
  }
  // Traditional characters and their simplified forms, in pairs; the build writes the table in
  // (SearchScript.swift), the same the index was folded with.
  var T2S = "";
  var t2s = null;
  function fold(ch) {
    if (!t2s) {
      t2s = new Map();
      var pairs = Array.from(T2S);
      for (var i = 0; i + 1 < pairs.length; i += 2) t2s.set(pairs[i], pairs[i + 1]);
    }
    return t2s.get(ch) || ch;
  }
  function normalizeScalar(ch) {
    var code = ch.codePointAt(0);
    if (code < 0x80) return (code >= 0x41 && code <= 0x5a) ? String.fromCharCode(code + 32) : ch;
    // Unified ideographs: NFKC and lowercasing leave them as they are.
    if (code >= 0x4e00 && code <= 0x9fff) return fold(ch);
    var out = "";
    for (var c of ch.normalize("NFKC").toLowerCase()) out += fold(c);
    return out;
  }
  function normalize(text) {
    var out = "";
    for (var ch of text) out += normalizeScalar(ch);
    return out;
  }
  // Terms of a query: white-space separated; each term's tokens with offsets from its start.
  function queryTerms(query) {
    var terms = [];
    normalize(query).split(/\s+/).forEach(function (word) {
      if (!word) return;
      var scalars = Array.from(word);
      var tokens = [], run = [], runClass = 0;
      function flush() {
        if (run.length === 1) tokens.push({ text: run[0].ch, offset: run[0].pos });
        for (var i = 0; i + 1 < run.length; i++) tokens.push({ text: run[i].ch + run[i + 1].ch, offset: run[i].pos });
        run = [];
      }
      scalars.forEach(function (ch, pos) {
        var cls = charClass(ch.codePointAt(0));
        if (cls !== runClass) flush();
        runClass = cls;
        if (cls !== 0) run.push({ ch: ch, pos: pos });
      });
      flush();
      if (tokens.length) terms.push({ text: word, tokens: tokens });
    });
    return terms;
  }
  function fnv1a(text) {
    var bytes = new TextEncoder().encode(text);
    var hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) { hash ^= bytes[i]; hash = Math.imul(hash, 0x01000193) >>> 0; }
    return hash >>> 0;
  }
  // For tests: the tokenizer, and the search itself (query, region slug, topic slug → ranked results).
  window.UnionPressSearch = { normalize: normalize, queryTerms: queryTerms, fnv1a: fnv1a, search: search };

  // ---- index access ----
  var root = "../";
  var cache = {};
  function fetchJSON(path) {
    if (!cache[path]) {
      cache[path] = fetch(root + path).then(function (response) {
        if (!response.ok) throw new Error(path + ": " + response.status);
        return response.json();
      });
    }
    return cache[path];
  }

  function fetchBinary(path) {
    if (!cache[path]) {
      cache[path] = fetch(root + path).then(function (response) {
        if (!response.ok) throw new Error(path + ": " + response.status);
        return response.arrayBuffer();
      }).then(function (buffer) { return new Uint8Array(buffer); });
    }
    return cache[path];
  }

  // A reader of `bytes` (a shard or a length table) that begins with the four ASCII bytes `magic`:
  // `at` is where it reads next, after the magic; null when the bytes do not begin so.
  function reader(bytes, magic) {
    for (var m = 0; m < 4; m++) if (bytes[m] !== magic.charCodeAt(m)) return null;
    var r = { at: 4 };
    // An unsigned LEB128 varint (see SearchIndexFormat.swift).
    r.varint = function () {
      var value = 0, scale = 1, b;
      do { b = bytes[r.at++]; value += (b & 0x7f) * scale; scale *= 128; } while (b >= 0x80 && r.at < bytes.length);
      return value;
    };
    return r;
  }

  // Decodes the wanted tokens of a shard (see SearchIndexFormat.swift): token -> Map(doc -> entry).
  function decodeShard(bytes, wanted) {
    var r = reader(bytes, "UPS6"), decoder = new TextDecoder(), out = {};
    if (!r) return out;
    var varint = r.varint;
    var tokens = varint();
    for (var i = 0; i < tokens; i++) {
      var length = varint();
      var token = decoder.decode(bytes.subarray(r.at, r.at + length));
      r.at += length;
      var kind = bytes[r.at++];
      var count = varint(), byteLength = varint();
      if (!wanted.has(token)) { r.at += byteLength; continue; }
      var entries = new Map(), doc = 0;
      for (var j = 0; j < count; j++) {
        doc += varint();
        // A count or a first position, doubled; its low bit set when more follows.
        if (kind === 0) {
          var c = varint(), hc = c % 2 ? varint() : 0;
          entries.set(doc, { count: Math.floor(c / 2), headline: hc, positions: null });
        } else if (kind === 1) {
          var head = varint(), at = Math.floor(head / 2), positions = [at], pc = head % 2 ? varint() : 1;
          for (var k = 1; k < pc; k++) { at += varint(); positions.push(at); }
          entries.set(doc, { count: pc, headline: null, positions: positions });
        } else {
          entries.set(doc, {});
        }
      }
      out[token] = entries;
    }
    return out;
  }

  // Decodes a length table (the bytes UPL6, the number of documents N, N length classes of a
  // byte each, then N headline lengths as varints): {classes, headlines}, empty when it is not one.
  function decodeLengths(bytes) {
    var empty = { classes: [], headlines: [] }, r = reader(bytes, "UPL6");
    if (!r) return empty;
    var n = r.varint();
    if (r.at + n > bytes.length) return empty;
    var classes = bytes.subarray(r.at, r.at + n), headlines = [];
    r.at += n;
    for (var i = 0; i < n && r.at < bytes.length; i++) headlines.push(r.varint());
    return headlines.length === n ? { classes: classes, headlines: headlines } : empty;
  }

  // The length class and headline length of the documents `docs`, from the length tables they are
  // in: doc -> {cls, hl} ({0, 0} for a table that cannot be read, as in SearchEngine.swift: the
  // results are still shown, ranked without their lengths and headlines).
  function lengthTables(docs, perFile) {
    var tables = Array.from(new Set(docs.map(function (d) { return Math.floor(d / perFile); })));
    return Promise.all(tables.map(function (table) {
      return fetchBinary("search/lengths-" + table + ".bin").then(decodeLengths, function () { return decodeLengths(new Uint8Array(0)); });
    })).then(function (loaded) {
      var byTable = new Map();
      tables.forEach(function (table, i) { byTable.set(table, loaded[i]); });
      var lengths = new Map();
      docs.forEach(function (d) {
        var t = byTable.get(Math.floor(d / perFile)), i = d % perFile;
        lengths.set(d, i < t.headlines.length ? { cls: t.classes[i], hl: t.headlines[i] } : { cls: 0, hl: 0 });
      });
      return lengths;
    });
  }

  // The middle of the lengths of a length class (SearchIndexFormat.length(ofClass:)).
  function classLength(value) {
    if (value < 16) return Math.max(1, value);
    var exponent = Math.floor((value - 16) / 8) + 4, width = Math.pow(2, exponent - 3);
    return (8 + (value - 16) % 8) * width + width / 2;
  }

  // Matches of one term in one doc: {count, headline, first} or null. Exact: every token must
  // stand at its offset from a common start. `headline` is the count in the headline when the entry
  // tells it (a single character's); else `first`, the first match's start, is in the headline when
  // below the document's headline length, which its length table gives. A term whose only tokens
  // are single characters of different classes has no positions to check and is verified against
  // the story's text instead.
  function termMatches(term, doc, postings) {
    var lists = term.tokens.map(function (t) { return postings[t.text].get(doc); });
    if (lists.some(function (e) { return !e; })) return null;
    if (term.tokens.length === 1) {
      var only = lists[0];
      return { count: only.count, headline: only.headline, first: only.positions ? only.positions[0] : null };
    }
    if (lists.some(function (e) { return !e.positions; })) return { verifyByText: true };
    var sets = lists.map(function (e) { return new Set(e.positions); });
    var anchor = term.tokens[0];
    var count = 0, first = null;
    lists[0].positions.forEach(function (p) {
      var start = p - anchor.offset;
      if (term.tokens.every(function (t, i) { return sets[i].has(start + t.offset); })) {
        count++;
        if (first === null) first = start;
      }
    });
    if (!count) return null;
    return { count: count, headline: null, first: first };
  }

  function search(query, region, topic) {
    var terms = queryTerms(query);
    return fetchJSON("search/meta.json").then(function (meta) {
      var tokens = [];
      terms.forEach(function (term) { term.tokens.forEach(function (t) { tokens.push(t.text); }); });
      if (region) tokens.push("@r:" + region);
      if (topic) tokens.push("@t:" + topic);
      tokens = Array.from(new Set(tokens));
      var wanted = new Set(tokens);
      var shardIds = Array.from(new Set(tokens.map(function (t) { return fnv1a(t) % meta.shards; })));
      return Promise.all(shardIds.map(function (id) { return fetchBinary("search/index-" + id + ".bin"); })).then(function (shards) {
        var found = {};
        shards.forEach(function (bytes) {
          var decoded = decodeShard(bytes, wanted);
          Object.keys(decoded).forEach(function (t) { found[t] = decoded[t]; });
        });
        var postings = {};
        terms.forEach(function (term) { term.tokens.forEach(function (t) { postings[t.text] = found[t.text] || new Map(); }); });
        // Candidates: the documents of the rarest token, then every term checked in each.
        var rarest = null;
        terms.forEach(function (term) { term.tokens.forEach(function (t) {
          if (!rarest || postings[t.text].size < rarest.size) rarest = postings[t.text];
        }); });
        var allowed = null;
        [region ? "@r:" + region : null, topic ? "@t:" + topic : null].forEach(function (f) {
          if (!f) return;
          var set = new Set(found[f] ? Array.from(found[f].keys()) : []);
          allowed = allowed ? new Set(Array.from(allowed).filter(function (d) { return set.has(d); })) : set;
        });
        var docs = Array.from(rarest ? rarest.keys() : []);
        if (allowed) docs = docs.filter(function (d) { return allowed.has(d); });
        var results = [], toVerify = [];
        docs.forEach(function (doc) {
          var matches = terms.map(function (term) { return termMatches(term, doc, postings); });
          if (matches.some(function (m) { return !m; })) return;
          var entry = { doc: doc, matches: matches };
          if (matches.some(function (m) { return m.verifyByText; })) toVerify.push(entry); else results.push(entry);
        });
        return verifyByText(toVerify, terms).then(function (verified) {
          results = results.concat(verified);
          return lengthTables(results.map(function (r) { return r.doc; }), meta.lengthsPerFile);
        }).then(function (lengths) {
          var idf = terms.map(function (term) {
            var n = Math.min.apply(null, term.tokens.map(function (t) { return postings[t.text].size; }));
            return Math.log(1 + (meta.docs - n + 0.5) / (n + 0.5));
          });
          var idfSum = idf.reduce(function (sum, value) { return sum + value; }, 0);
          var termLengths = terms.map(function (term) { return Array.from(term.text).length; });
          var queryLength = termLengths.reduce(function (sum, value) { return sum + value; }, 0);
          results.forEach(function (r) {
            var score = 0, covered = 0;
            var length = lengths.get(r.doc);
            var dl = classLength(length.cls) / Math.max(1, meta.avgdl);
            r.matches.forEach(function (m, i) {
              var tf = m.count || 1;
              score += idf[i] * (tf * (K1 + 1)) / (tf + K1 * (1 - B + B * dl));
              var inHeadline = m.headline !== null && m.headline !== undefined ? m.headline > 0 : m.first !== null && m.first < length.hl;
              if (inHeadline) { score += HEADLINE_BOOST * idf[i]; covered += termLengths[i]; }
            });
            // For a query as long as a headline's phrase: a headline the query says more of ranks
            // higher (the story's own headline, searched for, above longer ones that hold its
            // words), and one that begins with the query higher still. (A word or two is weighed
            // by BM25 alone: a short column label would say as much of it as a title.)
            if (queryLength >= PHRASE_LENGTH) {
              if (length.hl > 0) score += COVERAGE_BOOST * idfSum * Math.min(1, covered / length.hl);
              if (r.matches[0].first === 0) score += START_BOOST * idfSum;
            }
            r.score = score;
          });
          results.sort(function (a, b) { return b.score - a.score || b.doc - a.doc; }); // higher number: newer
          return results;
        });
      });
    });
  }

  // The rare terms with nothing to check by position are checked against the stories' own text.
  function verifyByText(entries, terms) {
    return Promise.all(entries.map(function (entry) {
      return fetchJSON("search/docs/" + entry.doc + ".json").then(function (fragment) {
        var text = normalize([fragment.h || fragment.t, fragment.x].join("\n"));
        var ok = terms.every(function (term) { return text.indexOf(term.text) >= 0; });
        if (!ok) return null;
        entry.matches = entry.matches.map(function (m, i) {
          return m.verifyByText ? { count: text.split(terms[i].text).length - 1, headline: 0 } : m;
        });
        return entry;
      });
    })).then(function (list) { return list.filter(Boolean); });
  }

  // ---- page ----
  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-input");
  var regionSelect = document.getElementById("search-region");
  var topicSelect = document.getElementById("search-topic");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var pager = document.getElementById("search-pages");
  if (!input || !list) return;
  // The page has its own box: the header's is not shown beside it.
  var headerSearch = document.querySelector(".header-search");
  if (headerSearch) headerSearch.style.display = "none";

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function setCount(n) { list.setAttribute("data-result-count", String(n)); }

  // The snippet: the text around the first match, every match of any term marked.
  function snippet(text, terms) {
    var scalars = Array.from(text), normalized = "", map = [];
    scalars.forEach(function (ch, i) {
      var n = normalizeScalar(ch);
      for (var k = 0; k < Array.from(n).length; k++) map.push(i);
      normalized += n;
    });
    var nscalars = Array.from(normalized);
    var marks = new Array(scalars.length).fill(false);
    var first = -1;
    terms.forEach(function (term) {
      var t = Array.from(term.text);
      for (var at = 0; at + t.length <= nscalars.length; at++) {
        var hit = true;
        for (var j = 0; j < t.length; j++) if (nscalars[at + j] !== t[j]) { hit = false; break; }
        if (!hit) continue;
        for (var j2 = 0; j2 < t.length; j2++) marks[map[at + j2]] = true;
        if (first < 0 || map[at] < first) first = map[at];
      }
    });
    var start = Math.max(0, (first < 0 ? 0 : first) - 30);
    // A snippet cut into a sentence begins after the first punctuation mark before the match (not
    // "…，中国…"), or at the match itself.
    if (start > 0) {
      for (var at0 = start; at0 < first; at0++) {
        if (CLAUSE_MARKS.indexOf(scalars[at0]) >= 0) { start = at0 + 1; break; }
      }
      // Nor on a mark after that one (`”、主题…`): the snippet begins at a word.
      while (start < first && (/\s/.test(scalars[start]) || CLAUSE_MARKS.indexOf(scalars[start]) >= 0)) start++;
    }
    var end = Math.min(scalars.length, start + 110);
    // The end never splits a match: the snippet takes the rest of the match it would cut. (The
    // start cannot: it lies before the first match.)
    while (end < scalars.length && marks[end - 1] && marks[end]) end++;
    var fragment = document.createDocumentFragment();
    if (start > 0) fragment.appendChild(document.createTextNode("…"));
    var buffer = "", marked = false;
    function flush() {
      if (!buffer) return;
      if (marked) { var m = document.createElement("mark"); m.textContent = buffer; fragment.appendChild(m); }
      else fragment.appendChild(document.createTextNode(buffer));
      buffer = "";
    }
    for (var i = start; i < end; i++) {
      if (marks[i] !== marked) { flush(); marked = marks[i]; }
      buffer += scalars[i] === "\n" ? " " : scalars[i];
    }
    flush();
    if (end < scalars.length) fragment.appendChild(document.createTextNode("…"));
    return fragment;
  }

  function link(params) {
    var search = new URLSearchParams();
    Object.keys(params).forEach(function (k) { if (params[k]) search.set(k, params[k]); });
    return "?" + search.toString();
  }

  // What the results contain, as the status line names it: the query's runs of word characters
  // as the reader typed them, quoted one by one ("工会，服务！" finds stories with 工会 and 服务,
  // not the punctuation).
  function quotedWords(query) {
    var words = [], word = "";
    for (var ch of query) {
      var n = normalizeScalar(ch);
      if (n && charClass(n.codePointAt(0)) !== 0) { word += ch; continue; }
      if (word) { words.push(word); word = ""; }
    }
    if (word) words.push(word);
    return words.map(function (w) { return "“" + w + "”"; }).join("");
  }

  // 2022-02-22 as the list pages write it: 2022年2月22日.
  function chineseDate(iso) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return parts ? parts[1] + "年" + (+parts[2]) + "月" + (+parts[3]) + "日" : iso;
  }

  // The name a filter's option shows for `value` (its indent trimmed), "" for no filter, null for
  // a value the page offers no option for (a link to a region the site no longer has).
  function filterName(select, value) {
    if (!value) return "";
    if (!select) return null;
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) return select.options[i].textContent.trim();
    }
    return null;
  }

  // The filters a status line names: "（杭州市 · 产改）", or "".
  function filtersNamed(region, topic) {
    var names = [filterName(regionSelect, region), filterName(topicSelect, topic)].filter(function (n) { return n; });
    return names.length ? "（" + names.join(" · ") + "）" : "";
  }

  // What a reader who found nothing can try: fewer filters, fewer words, or other words.
  function noResultsHint(terms, region, topic) {
    if (region || topic) return "。去掉地区或专题筛选，可能找到更多";
    if (terms.length > 1) return "。少输入几个词再试试";
    return "。换个说法，或只输入其中的两三个字再试试";
  }

  // Shows page `page` of `results` unless a search begun after the one numbered `begun` has.
  function showPage(results, terms, query, region, topic, page, begun) {
    var pages = Math.max(1, Math.ceil(results.length / PAGE_SIZE));
    page = Math.min(Math.max(1, page), pages);
    var slice = results.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    return Promise.all(slice.map(function (r) { return fetchJSON("search/docs/" + r.doc + ".json"); })).then(function (fragments) {
      if (begun !== searchesBegun) return;
      clear(list);
      setCount(results.length);
      var filters = filtersNamed(region, topic);
      status.textContent = (results.length
        ? "找到 " + results.length + " 篇包含" + quotedWords(query) + "的报道" + filters + (pages > 1 ? "，第 " + page + "/" + pages + " 页" : "")
        : "没有找到包含" + quotedWords(query) + "的报道" + filters) + ignoredNote + (results.length ? "" : noResultsHint(terms, region, topic));
      fragments.forEach(function (f) {
        var item = document.createElement("li");
        item.className = "story-item";
        if (f.k) { var kicker = document.createElement("p"); kicker.className = "story-kicker"; kicker.appendChild(snippetTitle(f.k, terms)); item.appendChild(kicker); }
        var title = document.createElement("h3");
        title.className = "story-title";
        var a = document.createElement("a");
        a.href = root + f.u;
        a.appendChild(snippetTitle(f.t, terms));
        title.appendChild(a);
        item.appendChild(title);
        // A headline part a result does not otherwise show (the subtitle, the column) is shown
        // when the query matches in it, so that every result shows why it was found.
        (f.h || "").split("\n").forEach(function (part) {
          if (!part || part === f.t || part === f.k || !containsTerm(part, terms)) return;
          var line = document.createElement("p");
          line.className = "story-part";
          line.appendChild(snippetTitle(part, terms));
          item.appendChild(line);
        });
        var meta = document.createElement("p");
        meta.className = "story-meta";
        meta.textContent = [chineseDate(f.d), f.r].filter(Boolean).join(" · ");
        item.appendChild(meta);
        var text = document.createElement("p");
        text.className = "story-snippet";
        text.appendChild(snippet(f.x, terms));
        item.appendChild(text);
        list.appendChild(item);
      });
      clear(pager);
      pager.hidden = pages <= 1;
      pagerItems(page, pages).forEach(function (item, i) {
        if (i) pager.appendChild(document.createTextNode(" "));
        var el;
        if (item.gap) { el = document.createElement("span"); el.className = "gap"; el.textContent = "…"; }
        else if (item.page === page && !item.rel) { el = document.createElement("span"); el.setAttribute("aria-current", "page"); }
        else {
          el = document.createElement("a");
          el.href = link({ q: query, region: region, topic: topic, page: item.page > 1 ? String(item.page) : "" });
          if (item.rel) el.rel = item.rel;
        }
        if (!item.gap) el.textContent = item.rel === "prev" ? "上一页" : item.rel === "next" ? "下一页" : String(item.page);
        pager.appendChild(el);
      });
    });
  }

  // The pager's items as the list pages lay them out (`Pagination.navigation`): 上一页, the first
  // and last pages and those within PAGER_WINDOW of the current one, a gap where pages are left
  // out, 下一页.
  function pagerItems(page, pages) {
    var items = [], shown = 0;
    if (page > 1) items.push({ page: page - 1, rel: "prev" });
    for (var n = 1; n <= pages; n++) {
      if (n !== 1 && n !== pages && Math.abs(n - page) > PAGER_WINDOW) continue;
      if (n - shown > 1) items.push({ gap: true });
      items.push({ page: n });
      shown = n;
    }
    if (page < pages) items.push({ page: page + 1, rel: "next" });
    return items;
  }

  // Whether `text` holds any of the query's terms (compared normalised, as the index does).
  function containsTerm(text, terms) {
    var normalized = normalize(text);
    return terms.some(function (term) { return normalized.indexOf(term.text) >= 0; });
  }

  // A title with its matches marked (whole title, no ellipsis).
  function snippetTitle(title, terms) {
    var fragment = snippet(title, terms);
    if (fragment.lastChild && fragment.lastChild.nodeType === 3 && fragment.lastChild.nodeValue === "…") fragment.removeChild(fragment.lastChild);
    return fragment;
  }

  // What the status line adds about filters the page has no option for (set by `run`).
  var ignoredNote = "";
  var pageTitle = document.title;

  // How many searches have begun: a search's results are shown only if no later one has begun
  // (a filter stepped through quickly starts several).
  var searchesBegun = 0;

  // Shows `query` and the filters `region` and `topic` (each one the page offers, or "") in the form.
  function showInForm(query, region, topic) {
    input.value = query;
    if (regionSelect) regionSelect.value = region;
    if (topicSelect) topicSelect.value = topic;
  }

  function run() {
    var begun = ++searchesBegun;
    var params = new URLSearchParams(window.location.search);
    var query = (params.get("q") || "").trim();
    var region = params.get("region") || "", topic = params.get("topic") || "";
    // A filter the page offers no option for is left out, and the status line says so, rather
    // than finding nothing.
    var ignored = [];
    if (filterName(regionSelect, region) === null) { ignored.push("地区“" + region + "”"); region = ""; }
    if (filterName(topicSelect, topic) === null) { ignored.push("专题“" + topic + "”"); topic = ""; }
    ignoredNote = ignored.length ? "。本站没有" + ignored.join("、") + "，未按其筛选" : "";
    document.title = query ? query + " · " + pageTitle : pageTitle;
    var page = parseInt(params.get("page") || "1", 10) || 1;
    showInForm(query, region, topic);
    clear(list); setCount(0); pager.hidden = true;
    if (!query) {
      status.textContent = region || topic ? "请输入要搜索的文字，再按地区或专题筛选。" : params.has("q") ? "请输入要搜索的文字。" : "";
      return;
    }
    if (Array.from(query).length > MAX_QUERY) {
      query = Array.from(query).slice(0, MAX_QUERY).join("");
      input.value = query;
    }
    var terms = queryTerms(query);
    if (!terms.length) { status.textContent = "请输入要搜索的文字或数字（标点符号无法搜索）。"; return; }
    status.textContent = "正在搜索…";
    search(query, region, topic).then(function (results) {
      if (begun !== searchesBegun) return;
      return showPage(results, terms, query, region, topic, page, begun);
    }).catch(function () {
      if (begun !== searchesBegun) return;
      clear(list); setCount(0);
      status.textContent = "搜索索引加载失败，请稍后再试。";
    });
  }

  // A filter applies as it is chosen, in place: the address takes it (so the search can still be
  // linked) and the results are found again, while the focus stays on the filter, so that a
  // keyboard can step through its options (a page loaded at every step would lose the focus).
  if (form) {
    // The address holds the filters chosen only (no empty `&topic=`).
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var query = input.value.trim();
      window.location.assign(query ? link({ q: query, region: regionSelect ? regionSelect.value : "", topic: topicSelect ? topicSelect.value : "" }) : "?q=");
    });
    [regionSelect, topicSelect].forEach(function (select) {
      if (!select) return;
      select.addEventListener("change", function () {
        var query = input.value.trim();
        if (!query) return;
        var params = { q: query, region: regionSelect ? regionSelect.value : "", topic: topicSelect ? topicSelect.value : "" };
        window.history.replaceState(null, "", link(params));
        run();
      });
    });
  }
  // A page the browser brings back from its back/forward cache (Back after a second search from
  // this page) shows the results of its address, but keeps in the box what was typed there
  // since: the box and the filters are set from the address again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    var params = new URLSearchParams(window.location.search);
    var region = params.get("region") || "", topic = params.get("topic") || "";
    showInForm(Array.from((params.get("q") || "").trim()).slice(0, MAX_QUERY).join(""),
               filterName(regionSelect, region) === null ? "" : region, filterName(topicSelect, topic) === null ? "" : topic);
  });
  run();
})();
