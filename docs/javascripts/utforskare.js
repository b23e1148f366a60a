/* The quote explorer on /citat/ (issue 16): facets and a text filter over citat.json, progressively enhanced
   over the static registers, which stay the view without JavaScript. The markup it fills stands in
   docs/citat.md (#utforskare, hidden until this script has the data). The state lives in the query string
   (?roll=junior&tema=rekrytering&sok=…; not q=, which Material's search takes
   for its own): shareable, and the back button walks it. Every facet field may hold a
   string, a list or null. Nothing from the data reaches the page but as text (textContent). The names of
   norms and kinds of discretion come from citat.json ("etiketter": the vocabularies' labels, written by
   export.quotes.labels from docs/_data/). */
const FACETS = [
  // [URL parameter, legend, the values of a quote, id prefix of the register heading that names a value]
  ["rost", "Röst", (q) => q.rost_id, "rost-"],
  ["roll", "Roll", (q) => q.roll],
  ["tema", "Tema", (q) => q.teman, "tema-"],
  ["norm", "Norm", (q) => q.norm],
  ["utrymme", "Handlingsutrymme", (q) => q.handlingsutrymme],
  ["kapitel", "Kapitel", (q) => q.url.split("#")[0].replace(/\/+$/, "").replace(/\//g, "-")],
];
// the facet → its field in citat.json's "etiketter" (the vocabularies' labels, published from docs/_data/)
const FIELD = { tema: "teman", norm: "norm", utrymme: "handlingsutrymme" };

const box = document.getElementById("utforskare");
const list = (v) => (Array.isArray(v) ? v : v == null || v === "" ? [] : [v]);
const norm = (s) => s.normalize("NFC").toLowerCase().replace(/\s+/g, " ");
const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
};

function pages(q) {
  return "s. " + q.sida + (q.sida_slut && q.sida_slut !== q.sida ? "\u2013" + q.sida_slut : "");
}

async function start() {
  const source = new URL("../citat.json", import.meta.url);
  const response = await fetch(source);
  if (!response.ok) throw new Error(response.status);
  const data = await response.json();
  const quotes = data.citat;
  const labels = data.etiketter || {};
  const root = new URL("./", response.url || source); // the site's root: citat.json lies there
  const form = box.querySelector(".utforskare-form");
  const facetsNode = box.querySelector(".utforskare-faser");
  const search = box.querySelector(".utforskare-sok input");
  const status = box.querySelector(".utforskare-antal");
  const hitsNode = box.querySelector(".utforskare-traffar");

  function label(facet, id, q) {
    const [name, , , prefix] = facet;
    const heading = prefix && document.getElementById(prefix + id);
    if (heading) return heading.firstChild.textContent.trim();
    const named = (labels[FIELD[name]] || {})[id];
    if (named) return named;
    if (name === "kapitel") return q.kapitel;
    return id;
  }

  // the values of every facet, each once, with its label; voices, themes, norms in Swedish alphabetical
  // order, roles too, chapters in reading order
  const values = FACETS.map((facet) => {
    const seen = new Map();
    for (const q of quotes) for (const id of list(facet[2](q))) if (!seen.has(id)) seen.set(id, label(facet, id, q));
    const entries = [...seen];
    if (facet[0] !== "kapitel") entries.sort((a, b) => a[1].localeCompare(b[1], "sv"));
    return entries;
  });
  const texts = quotes.map((q) => norm(q.text));

  // one fieldset of checkboxes per facet
  const boxes = FACETS.map((facet, i) => {
    const set = el("fieldset", "utforskare-fas utforskare-fas-" + facet[0]);
    const options = el("div", "utforskare-val-lista");
    set.append(el("legend", null, facet[1]), options);
    const inputs = values[i].map(([id, text]) => {
      const lab = el("label", "utforskare-val");
      const input = el("input");
      input.type = "checkbox";
      input.name = facet[0];
      input.value = id;
      const count = el("span", "utforskare-n");
      const name = el("span", null, text + " ");
      name.append(count);
      lab.append(input, name);
      options.append(lab);
      return { input, count };
    });
    facetsNode.append(set);
    return inputs;
  });

  const state = () => ({
    facets: boxes.map((inputs) => inputs.filter((b) => b.input.checked).map((b) => b.input.value)),
    q: norm(search.value).trim(),
  });

  function matches(q, i, s, skip, extra) {
    if (s.q && !texts[i].includes(s.q)) return false;
    return FACETS.every((facet, f) => {
      const chosen = f === skip ? s.facets[f].concat(extra) : s.facets[f];
      if (!chosen.length) return true;
      return list(facet[2](q)).some((v) => chosen.includes(v));
    });
  }

  function mark(parent, text, q) {
    const lower = norm(text);
    if (!q || lower.length !== text.length) return parent.append(text);
    let at = 0;
    for (let i = lower.indexOf(q); i >= 0; i = lower.indexOf(q, at)) {
      parent.append(text.slice(at, i), el("mark", null, text.slice(i, i + q.length)));
      at = i + q.length;
    }
    parent.append(text.slice(at));
  }

  function hit(q, s) {
    const item = el("li", "utforskare-traff");
    const quote = el("blockquote");
    for (const para of q.text.split(/\n\s*\n/)) mark(quote.appendChild(el("p")), para, s.q);
    const source = el("p", "utforskare-kalla", `(${q.rost}, ${q.roll}) `);
    const link = el("a", null, `${pages(q)}, ${q.kapitel}`);
    link.href = new URL(q.url, root).href;
    source.append(link);
    item.append(quote, source);
    return item;
  }

  function render() {
    const s = state();
    const hits = quotes.filter((q, i) => matches(q, i, s, -1));
    boxes.forEach((inputs, f) => inputs.forEach(({ input, count }) => {
      // how many quotes the list would show if this value were added to its facet
      count.textContent = `(${quotes.filter((q, i) => matches(q, i, s, f, [input.value])).length})`;
    }));
    hitsNode.replaceChildren(...hits.map((q) => hit(q, s)));
    status.textContent = `${hits.length} citat`;
  }

  function toURL() {
    const params = new URLSearchParams();
    FACETS.forEach((facet, f) => boxes[f].forEach((b) => b.input.checked && params.append(facet[0], b.input.value)));
    if (search.value.trim()) params.set("sok", search.value.trim());
    const query = params.toString();
    return location.pathname + (query ? "?" + query : "");
  }

  function fromURL() {
    const params = new URLSearchParams(location.search);
    FACETS.forEach((facet, f) => {
      const chosen = params.getAll(facet[0]);
      boxes[f].forEach((b) => { b.input.checked = chosen.includes(b.input.value); });
    });
    search.value = params.get("sok") || "";
    render();
  }

  let typing = false;
  function save(replace) {
    const url = toURL();
    if (url !== location.pathname + location.search) history[replace ? "replaceState" : "pushState"](null, "", url);
    render();
  }
  form.addEventListener("change", (e) => {
    if (e.target === search) return;
    typing = false;
    save();
  });
  search.addEventListener("input", () => {
    // the first keystroke of a search makes a history entry, the next ones replace it
    save(typing);
    typing = true;
  });
  form.addEventListener("submit", (e) => e.preventDefault());
  box.querySelector(".utforskare-rensa").addEventListener("click", () => {
    boxes.flat().forEach((b) => { b.input.checked = false; });
    search.value = "";
    typing = false;
    save();
  });
  addEventListener("popstate", () => { typing = false; fromURL(); });

  fromURL();
  box.hidden = false;
}

// without the data the explorer gives up its reserved place and the registers below remain the page
if (box) start().catch(() => box.classList.add("utforskare-fel"));
