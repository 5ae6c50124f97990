// The search page (search.html): the Pagefind bundles written by the build, one per story
// language (plugins/news_digest/search.py). Each bundle is searched with its own language's
// stemmer and the results are merged by score. The markup is built with DOM calls, never from
// HTML strings, and no inline style is written: the page's CSP allows neither.

const $ = (id) => document.getElementById(id);
// The site's root, from the page (SITEURL, relative or absolute): pages and index are under it.
const siteRoot = new URL($("site-search").dataset.siteRoot || "./", location.href);
const bundleRoot = new URL("pagefind/", siteRoot);
const PAGE_SIZE = 10;
// The page's own words, in the site's language (data-words-* on #site-search, from the
// template's catalogue); {name} is filled in here.
const WORDS = $("site-search").dataset;
const say = (key, values = {}) =>
  (WORDS[key] || "").replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
const FILTERS = ["topic", "source", "language"];

const ui = {
  box: $("site-search"),
  form: $("search-form"),
  input: $("search-input"),
  status: $("search-status"),
  list: $("search-results"),
  more: $("search-more"),
  unavailable: $("search-unavailable"),
  selects: Object.fromEntries(FILTERS.map((f) => [f, $(`filter-${f}`)])),
};

let instances = []; // [{lang, pagefind}]
let ranked = []; // every hit of the current search, best first: {lang, hit}
let next = 0; // the next hit of `ranked` to show
let shownUrls = new Set();
let searchId = 0;
let debounce = 0;
let lastWhat = "";

async function loadBundles() {
  // Revalidated: after a build the bundles may change (their own files carry content hashes).
  const response = await fetch(new URL("languages.json", bundleRoot), { cache: "no-cache" });
  if (!response.ok) throw new Error(`no search index (${response.status})`);
  const { bundles } = await response.json();
  const langs = Object.keys(bundles || {}).filter((l) => /^[a-z]{2,3}$/.test(l));
  if (!langs.length) return [];
  // Each language through its own copy of pagefind.js (its own module, worker and WebAssembly
  // stemmer): two languages loaded into one module's worker overwrite each other. A
  // language's months (one bundle each, newest first) are merged into one search.
  return Promise.all(langs.sort().map(async (lang) => {
    const months = Object.keys(bundles[lang]).filter((m) => /^[\w-]+$/.test(m)).sort().reverse();
    const base = (month) => new URL(`${lang}/${month}/`, bundleRoot);
    const module = await import(new URL("pagefind.js", base(months[0])).href);
    const instance = module.createInstance({ basePath: base(months[0]).pathname });
    for (const month of months.slice(1)) await instance.mergeIndex(base(month).pathname);
    await instance.init();
    return { lang, pagefind: instance };
  }));
}

async function fillFilters() {
  const values = Object.fromEntries(FILTERS.map((f) => [f, new Set()]));
  for (const { pagefind } of instances) {
    const filters = await pagefind.filters();
    for (const f of FILTERS) Object.keys(filters[f] || {}).forEach((v) => values[f].add(v));
  }
  for (const f of FILTERS) {
    const select = ui.selects[f];
    for (const value of [...values[f]].sort((a, b) => a.localeCompare(b))) {
      select.append(new Option(value, value));
    }
    select.closest(".search-filter").hidden = values[f].size < 2;
  }
}

function chosenFilters() {
  const chosen = {};
  for (const f of FILTERS) if (ui.selects[f].value) chosen[f] = ui.selects[f].value;
  return chosen;
}

function setStatus(text) {
  ui.status.textContent = text;
}

// Pagefind's excerpt is HTML with <mark> around the matched words: keep only those marks
// and the text, parsed in an inert document.
function excerptNodes(excerpt) {
  const doc = new DOMParser().parseFromString(`<p>${excerpt || ""}</p>`, "text/html");
  const nodes = [];
  for (const node of doc.body.firstChild ? doc.body.firstChild.childNodes : []) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(node.textContent));
    }
  }
  return nodes;
}

function resultItem(data, lang) {
  const li = document.createElement("li");
  li.className = "search-result";
  const article = document.createElement("article");
  const languages = (data.filters && data.filters.language) || [];
  if (languages.length === 1) article.lang = lang;
  const h3 = document.createElement("h3");
  h3.className = "search-result-title";
  const link = document.createElement("a");
  link.href = new URL(String(data.url).replace(/^\/+/, ""), siteRoot).href;
  link.textContent = (data.meta && data.meta.title) || data.url;
  h3.append(link);
  article.append(h3);
  const facts = [];
  const filters = data.filters || {};
  if (filters.topic && filters.topic.length) facts.push(filters.topic.join(", "));
  if (filters.source && filters.source.length) {
    const sources = [...new Set(filters.source)];
    const rest = sources.length - 3;
    facts.push(rest > 0
      ? say(rest === 1 ? "wordsMoreOne" : "wordsMoreMany", { list: sources.slice(0, 3).join(", "), n: rest })
      : sources.join(", "));
  }
  if (languages.length) facts.push(languages.join(", "));
  if (facts.length) {
    const meta = document.createElement("p");
    meta.className = "search-result-meta";
    meta.textContent = facts.join(" · ");
    article.append(meta);
  }
  const excerpt = document.createElement("p");
  excerpt.className = "search-result-excerpt";
  excerpt.append(...excerptNodes(data.excerpt));
  article.append(excerpt);
  li.append(article);
  return li;
}

// Show the next PAGE_SIZE stories; a story covered in two languages is in two bundles and
// is shown once, where it scored best.
async function showMore(id) {
  const items = [];
  while (items.length < PAGE_SIZE && next < ranked.length) {
    const batch = ranked.slice(next, next + PAGE_SIZE);
    next += batch.length;
    const loaded = await Promise.all(batch.map(({ hit }) => hit.data()));
    if (id !== searchId) return [];
    loaded.forEach((data, n) => {
      if (items.length < PAGE_SIZE && !shownUrls.has(data.url)) {
        shownUrls.add(data.url);
        items.push(resultItem(data, batch[n].lang));
      }
    });
  }
  ui.list.append(...items);
  ui.more.hidden = next >= ranked.length;
  return items;
}

function report() {
  const shown = ui.list.children.length;
  const what = lastWhat;
  if (!shown) setStatus(say("wordsNone", { what }));
  else if (next >= ranked.length) {
    setStatus(say(shown === 1 ? "wordsFoundOne" : "wordsFoundMany", { n: shown, what }));
  } else setStatus(say("wordsShowing", { shown, n: ranked.length, what }));
}

function remember(term, filters) {
  const params = new URLSearchParams();
  if (term) params.set("q", term);
  for (const [f, v] of Object.entries(filters)) params.set(f, v);
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

async function search() {
  const id = ++searchId;
  const term = ui.input.value.trim();
  const filters = chosenFilters();
  remember(term, filters);
  ranked = [];
  next = 0;
  shownUrls = new Set();
  if (!term && !Object.keys(filters).length) {
    ui.list.replaceChildren();
    ui.more.hidden = true;
    setStatus("");
    return;
  }
  setStatus(say("wordsSearching"));
  const answers = await Promise.all(instances.map(async ({ lang, pagefind }) => {
    const found = await pagefind.search(term || null, { filters });
    return ((found && found.results) || []).map((hit) => ({ lang, hit }));
  }));
  if (id !== searchId) return;
  ranked = answers.flat().sort((a, b) => b.hit.score - a.hit.score);
  ui.list.replaceChildren();
  await showMore(id);
  if (id !== searchId) return;
  lastWhat = term ? say("wordsFor", { term }) : "";
  report();
}

function restore() {
  const params = new URLSearchParams(location.search);
  ui.input.value = params.get("q") || "";
  for (const f of FILTERS) {
    const value = params.get(f);
    if (value && [...ui.selects[f].options].some((o) => o.value === value)) {
      ui.selects[f].value = value;
    }
  }
}

async function start() {
  try {
    instances = await loadBundles();
    await fillFilters();
  } catch (error) {
    ui.unavailable.hidden = false;
    console.warn("Search is unavailable:", error);
    return;
  }
  ui.box.hidden = false;
  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(debounce);
    search();
  });
  ui.input.addEventListener("input", () => {
    clearTimeout(debounce);
    debounce = setTimeout(search, 250);
  });
  for (const select of Object.values(ui.selects)) select.addEventListener("change", search);
  ui.more.addEventListener("click", async () => {
    const items = await showMore(searchId);
    report();
    const first = items[0] && items[0].querySelector("a");
    if (first) first.focus(); // keyboard users continue from the first new result
  });
  restore();
  if (ui.input.value || Object.keys(chosenFilters()).length) await search();
}

start();
