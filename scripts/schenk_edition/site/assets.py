"""The published site holds and sends only what its pages use (run by the MkDocs hook
scripts/hooks/prune_assets.py: `on_config`, `on_post_page`, `on_post_build`).

- Left out: Material's source maps and the Lunr language files of the languages the search does not use (the
  search plugin's `lang`), about 2 MB no page loads (`prune_files`).
- The edition's own stylesheets (mkdocs.yml `extra_css`: edition.css, lasa.css, utskrift.css, readable and
  commented in docs/stylesheets/) are sent as ONE minified file, BUNDLE, in their order (`edition_css`): the
  print rules are already inside `@media print`, so the print view and the PDF get the same rules. The sources
  stay readable; the built site has only the bundle.
- The edition's own scripts (docs/javascripts/) lose their comments and indentation (`minify_js`, line by line:
  nothing inside a line is touched).
- Material's stylesheets (main.*.css, palette.*.css) lose the rules no page can use (`prune_css`): a rule stays
  unless one of its selectors names a class, id, attribute or attribute value that occurs nowhere in the site —
  in no HTML file and in no script (Material's bundle and search worker, the edition's scripts), which is where
  every class a page can ever carry comes from — and then the custom properties nothing reads any more. Material
  ships the styles of every feature (admonitions, tabs, code, diagrams, the blog, 19 colour palettes); the
  edition uses few of them. tests/browser/test_styles.py shows that no element of any page, in any scheme,
  width, state or print, gets a different computed style from the pruned stylesheets. The pruned stylesheets
  are kept in .cache/assets/ under the hash of everything they are computed from (`pruned_material_css`).
- The HTML of every page loses the whitespace the templates leave (`collapse_whitespace`): a run of whitespace
  with a line break becomes one line break, which renders the same; `<pre>`, `<code>`, `<textarea>`, `<script>`
  and `<style>` are left as they are.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable

from ..core.diskcache import Key, cached
from ..core.paths import ASSET_CACHE

_MAP_COMMENT = re.compile(r"\n?(?://# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)\s*$")

BUNDLE = "stylesheets/utgava.min.css"
MATERIAL_CSS = ("main.*.min.css", "palette.*.min.css")



def search_languages(plugins) -> list[str]:
    """The languages of the search index (the search plugin's `lang`; English when there is no plugin)."""
    search = plugins.get("material/search") or plugins.get("search")
    langs = search.config.lang if search is not None else None
    return list(langs or ["en"])


def local_css(docs_dir: Path, extra_css: list) -> list[str]:
    """The edition's own stylesheets of `extra_css` (files in docs/), in their order: what BUNDLE replaces."""
    return [str(p) for p in extra_css if str(p).endswith(".css") and (docs_dir / str(p)).is_file()]


# ---- CSS ------------------------------------------------------------------------------------------------------

_CSS_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|/\*.*?\*/|\s+|[^"\'/\s]+|/', re.S)
_STRING = re.compile(r'("(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\')')


def minify_css(css: str) -> str:
    """Comments out, whitespace to one space, no space around `{ } ; , >` or after `:`, no `;` before `}`;
    strings, `calc()`'s operators and the spaces that separate parts of a selector or a value are kept."""
    out: list[str] = []
    for m in _CSS_TOKEN.finditer(css):
        token = m.group(0)
        if token.startswith("/*") or token[0].isspace():
            if out and out[-1] != " ":
                out.append(" ")
            continue
        out.append(token)
    parts = _STRING.split("".join(out))
    for i in range(0, len(parts), 2):  # the even parts are outside strings
        part = re.sub(r"\s*([{};,>])\s*", r"\1", parts[i]).replace(";}", "}")
        parts[i] = re.sub(r":\s+", ":", part)  # a space after a colon never separates (before one it may)
    return "".join(parts).strip()


_SPECIAL = re.compile(r"[\"'()\[\]{};,\\]")


def _scan(text: str, start: int, stops: str) -> int:
    """The index of the first character of `stops` at the top level from `start` (outside strings, brackets and
    parentheses), or len(text)."""
    depth, quote, pos = 0, "", start
    while m := _SPECIAL.search(text, pos):
        c, pos = m.group(0), m.end()
        if c == "\\":
            pos += 1
        elif quote:
            if c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif depth == 0 and c in stops:
            return m.start()
    return len(text)


def _split(text: str, sep: str) -> list[str]:
    parts, i = [], 0
    while i <= len(text):
        j = _scan(text, i, sep)
        parts.append(text[i:j])
        i = j + 1
    return parts


_GROUPS = re.compile(r"@(?:media|supports|layer|container|document)\b")


def parse_css(css: str) -> list:
    """A minified stylesheet as a list of nodes: (prelude, declarations) for a rule or an at-rule with a block
    of declarations (@font-face, @page, @keyframes' blocks are kept whole), (prelude, [children]) for a
    grouping at-rule (@media, @supports …), (statement, None) for a statement (@charset, @import)."""
    nodes, i = [], 0
    while i < len(css):
        j = _scan(css, i, "{;}")
        if j >= len(css):
            if css[i:].strip():
                nodes.append((css[i:], None))
            break
        if css[j] in ";}":
            if css[i:j + 1].strip(";} "):
                nodes.append((css[i:j + 1], None))
            i = j + 1
            continue
        depth, k = 1, j + 1
        while depth:
            k = _scan(css, k, "{}")
            if k >= len(css):
                raise ValueError("unbalanced braces in a stylesheet")
            depth += 1 if css[k] == "{" else -1
            k += 1
        prelude, body = css[i:j], css[j + 1:k - 1]
        nodes.append((prelude, parse_css(body) if _GROUPS.match(prelude.strip()) else body))
        i = k
    return nodes


def emit_css(nodes: list) -> str:
    out = []
    for prelude, body in nodes:
        if body is None:
            out.append(prelude)
        elif isinstance(body, list):
            out.append(prelude + "{" + emit_css(body) + "}")
        else:
            out.append(prelude + "{" + body + "}")
    return "".join(out)


_TAG = re.compile(r"<[A-Za-z][^>]*>")
_WORD = re.compile(r"[\w-]+")


# a name a script builds: the word right before `${` or before a string's end and `+` (the lookbehind makes the
# search linear: without it each position inside a long word was tried, a tenth of a second over Material's bundle)
_PREFIX = re.compile(r"(?<![\w-])([\w-]+)(?:\$\{|[\"'`]\s*\+)")
_MENTION = re.compile(r"--[\w-]+")


class Usage:
    """What the built site can put on an element: the words of its HTML (tag and attribute names, attribute
    values) and of its scripts, the beginnings of the names its scripts build (`md-tag--${…}`), and the custom
    properties its HTML (style attributes) and scripts name."""

    def __init__(self, html: list[str], scripts: list[str]):
        self.words: set[str] = set()
        self.prefixes: set[str] = set()
        self.mentioned: set[str] = set()  # where a custom property may be read: style attributes, scripts
        tags: set[str] = set()  # the pages share most of their tags (header, navigation): each read once
        for text in html:
            tags.update(_TAG.findall(text))
            self.mentioned.update(_MENTION.findall(text))
        self.words.update(_WORD.findall(" ".join(tags)))  # the tags' words: tag and attribute names and values
        for text in scripts:
            self.words.update(_WORD.findall(text))
            self.prefixes.update(_PREFIX.findall(text))
            self.mentioned.update(_MENTION.findall(text))
        self.prefixes.discard("-")

    def has(self, word: str) -> bool:
        return word in self.words or any(word.startswith(p) for p in self.prefixes if len(p) > 2)

    def key(self) -> bytes:
        """Everything `prune_css` reads of the usage, in a fixed order."""
        return json.dumps([sorted(self.words), sorted(self.prefixes), sorted(self.mentioned)]).encode("utf-8")


_ALTERNATIVES = {"is", "where", "has", "matches", "-webkit-any", "-moz-any"}
_FUNCTION = re.compile(r"::?([\w-]+)\(")  # :not(), :nth-child(), :lang(), ::part() …: nothing required
_PSEUDO = re.compile(r"::?[\w-]+")
_CLASS_OR_ID = re.compile(r"[.#]((?:[\w-]|\\.)+)")
_ATTRIBUTE = re.compile(r"\[\s*([\w-]+)\s*(?:[~|^$*]?=\s*(\"[^\"]*\"|'[^']*'|[^\]\s]+)\s*(?:[is]\s*)?)?\]")


def selector_used(selector: str, usage: Usage) -> bool:
    """False only when the selector cannot match on any page of the site: a class, id, attribute name or
    plain attribute value it requires occurs nowhere in the site. An alternative list (`:is(a, b)`) needs one
    alternative that can match; what a negation or another functional pseudo-class names is not required."""
    s = selector
    while m := _FUNCTION.search(s):  # the outermost first: what a negation holds is never required
        end = _scan(s, m.end(), ")")
        if m.group(1) in _ALTERNATIVES:
            if not any(selector_used(alt, usage) for alt in _split(s[m.end():end], ",")):
                return False
        s = s[:m.start()] + " " + s[end + 1:]
    for name, value in _ATTRIBUTE.findall(s):
        if not usage.has(name.lower()):
            return False
        plain = value.strip("\"'")
        if value and re.fullmatch(r"[\w-]+", plain) and not usage.has(plain):
            return False
    s = _ATTRIBUTE.sub(" ", s)
    s = _PSEUDO.sub(" ", s)
    return all(usage.has(re.sub(r"\\(.)", r"\1", word)) for word in _CLASS_OR_ID.findall(s))


def _prune_rules(nodes: list, usage: Usage) -> list:
    out = []
    for prelude, body in nodes:
        if isinstance(body, list):
            kept = _prune_rules(body, usage)
            if kept:
                out.append((prelude, kept))
        elif body is None or prelude.lstrip().startswith("@"):
            out.append((prelude, body))
        else:
            selectors = [s for s in _split(prelude, ",") if selector_used(s.strip(), usage)]
            if selectors:
                out.append((",".join(selectors), body))
    return out


_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_CUSTOM = re.compile(r"\s*(--[\w-]+)\s*:")


def _declarations(nodes: list):
    for _, body in nodes:
        if isinstance(body, list):
            yield from _declarations(body)
        elif isinstance(body, str):
            yield body


def _prune_properties(nodes: list, read: set[str]) -> list:
    out = []
    for prelude, body in nodes:
        if isinstance(body, list):
            kept = _prune_properties(body, read)
            if kept:
                out.append((prelude, kept))
        elif isinstance(body, str) and not prelude.lstrip().startswith("@"):
            decls = [d for d in _split(body, ";")
                     if d.strip() and not ((m := _CUSTOM.match(d)) and m.group(1) not in read)]
            if decls:
                out.append((prelude, ";".join(decls)))
        else:
            out.append((prelude, body))
    return out


def prune_css(sheets: dict[str, str], usage: Usage, others: list[str]) -> dict[str, str]:
    """Material's stylesheets (name -> text) without the rules no page can use, then without the custom
    properties that nothing reads: no var() of the kept rules, of `others` (the edition's stylesheets), of a
    style attribute or a script names them (repeated: a property read only by a dropped one goes too)."""
    trees = {name: _prune_rules(parse_css(text), usage) for name, text in sheets.items()}
    while True:
        read = set(usage.mentioned)
        for text in others:
            read.update(_VAR.findall(text))
        for tree in trees.values():
            for body in _declarations(tree):
                read.update(_VAR.findall(body))
        pruned = {name: _prune_properties(tree, read) for name, tree in trees.items()}
        if pruned == trees:
            return {name: emit_css(tree) for name, tree in trees.items()}
        trees = pruned


# ---- JavaScript and HTML -------------------------------------------------------------------------------------


def minify_js(js: str) -> str:
    """Whole-line comments, blank lines and indentation out, line by line; a line with code is otherwise kept
    as it is (no risk to strings or regular expressions). A script with a template literal over several
    lines is returned unchanged (its lines are text)."""
    if any(line.count("`") % 2 for line in js.splitlines()):
        return js
    out, in_comment = [], False
    for line in js.splitlines():
        s = line.strip()
        if in_comment:
            in_comment = "*/" not in s
            if not in_comment and not s.endswith("*/"):
                return js  # code after a comment's end on its line: leave the file as it is
            continue
        if s.startswith("/*"):
            in_comment = "*/" not in s
            if not in_comment and not s.endswith("*/"):
                return js
            continue
        if not s or s.startswith("//"):
            continue
        out.append(s)
    return "\n".join(out) + "\n"


_VERBATIM = re.compile(r"(<(pre|code|textarea|script|style)\b.*?</\2>)", re.S | re.I)
_BREAK_RUN = re.compile(r"[ \t]*\n\s*")


def collapse_whitespace(html: str) -> str:
    """Every run of whitespace holding a line break becomes one line break (HTML renders both as one space),
    outside `<pre>`, `<code>`, `<textarea>`, `<script>` and `<style>`."""
    parts = _VERBATIM.split(html)
    out = []
    for i, part in enumerate(parts):
        if i % 3 == 0:
            out.append(_collapse_breaks(part))
        elif i % 3 == 1:
            out.append(part)
    return "".join(out).lstrip("\n")


def _collapse_breaks(text: str) -> str:
    """`_BREAK_RUN.sub("\n", text)`, line by line (five times faster: the pattern is tried at every space of the
    text): spaces and tabs before a line break go, and all whitespace after it up to the next text."""
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    middle = [kept for kept in (line.lstrip().rstrip(" \t") for line in lines[1:-1]) if kept]
    return "\n".join([lines[0].rstrip(" \t"), *middle, lines[-1].lstrip()])


# ---- the built site ------------------------------------------------------------------------------------------


def prune_files(site: Path, langs: list[str]) -> None:
    """Material's source maps out (and the comments that name them), and the Lunr files of every language but
    `langs` (the search's)."""
    assets = site / "assets"
    # what Material's search worker imports (workers/search.*.js): these and nothing else (removed first: the
    # files that stay are then read for their source-map comments)
    keep = {"lunr.stemmer.support.min.js"} | {f"lunr.{lang}.min.js" for lang in langs if lang != "en"}
    if len(langs) > 1:
        keep.add("lunr.multi.min.js")
    if "ja" in langs:
        keep.add("tinyseg.js")
    if {"hi", "th"} & set(langs):
        keep.add("wordcut.js")
    lunr = assets / "javascripts" / "lunr"
    for path in lunr.rglob("*.js") if lunr.exists() else []:
        if path.name not in keep:
            path.unlink()
    for source_map in assets.rglob("*.map"):
        source_map.unlink()
    for path in list(assets.rglob("*.min.js")) + list(assets.rglob("*.min.css")):
        text = path.read_text(encoding="utf-8")
        stripped = _MAP_COMMENT.sub("", text)
        if stripped != text:
            path.write_text(stripped, encoding="utf-8")


def edition_css(docs_dir: Path, sources: list[str]) -> str:
    """BUNDLE: the edition's stylesheets in their order, minified."""
    return minify_css("\n".join((docs_dir / s).read_text(encoding="utf-8") for s in sources))


def material_css(site: Path) -> list[Path]:
    return sorted(p for pattern in MATERIAL_CSS for p in (site / "assets" / "stylesheets").glob(pattern))


def site_texts(site: Path) -> tuple[list[str], list[str]]:
    """The texts of every HTML file and every script of the built site, in a fixed order."""
    return ([p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))],
            [p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.js"))])


def site_usage(site: Path) -> Usage:
    return Usage(*site_texts(site))


# ---- the cache of the pruned stylesheets ---------------------------------------------------------------------

# Material's pruned stylesheets of earlier builds, in the project's .cache/assets/ (gitignored), each under the
# SHA-256 of everything `prune_css` reads and runs (`cache_key`): an entry is never stale, since a change of any
# input is a new key. An absolute path is used as it is (tests).
CACHE = Path(ASSET_CACHE)
KEEP = 16  # cached entries kept (the newest): a site's and its usage's, for 8 builds


def cache_key(sheets: dict[str, str], usage: Usage, others: list[str]) -> str:
    """The SHA-256 of what `prune_css(sheets, usage, others)` reads and runs: the stylesheets (by name and text),
    the usage's words, prefixes and custom properties, the edition's stylesheets, this module's code (it imports
    nothing of ours but the cache) and the Python that runs it (`core.diskcache.Key`)."""
    key = _sheets_key(sheets)
    key.add("usage", usage.key())
    for text in others:
        key.add("other", text.encode("utf-8"))
    return key.hexdigest()


def _sheets_key(sheets: dict[str, str]) -> Key:
    """A key over this module's code and the stylesheets (by name and text): the start of both keys."""
    key = Key()
    key.add("code", Path(__file__).read_bytes())
    for name, text in sorted(sheets.items()):
        key.add(f"sheet {name}", text.encode("utf-8"))
    return key


def texts_key(sheets: dict[str, str], html: list[str], scripts: list[str], others: list[str]) -> str:
    """The SHA-256 of the same input as `cache_key` before the usage is read from it: the site's HTML and
    scripts themselves (hashing them is a fifth of the time reading their usage takes)."""
    key = _sheets_key(sheets)
    for label, texts in (("html", html), ("script", scripts), ("other", others)):
        key.add(f"{label}s", str(len(texts)).encode())
        for text in texts:
            key.add(label, text.encode("utf-8"))
    return key.hexdigest()


def _valid(sheets: dict[str, str]) -> Callable[[object], bool]:
    def valid(kept: object) -> bool:
        return isinstance(kept, dict) and sorted(kept) == sorted(sheets) and all(isinstance(v, str)
                                                                               for v in kept.values())
    return valid


def _folder(root: Path) -> Path:
    return CACHE if CACHE.is_absolute() else root / CACHE


def pruned_material_css(sheets: dict[str, str], usage: Usage, others: list[str], root: Path) -> dict[str, str]:
    """`prune_css(sheets, usage, others)`, or what an earlier build computed from the same input (`cache_key`),
    kept under `root` / CACHE by the package's one disk cache (`core.diskcache.cached`: an entry that cannot be
    read is computed again; a read-only checkout builds without the cache)."""
    return cached(_folder(root), cache_key(sheets, usage, others), lambda: prune_css(sheets, usage, others),
                  _valid(sheets), keep=KEEP)


def pruned_site_css(sheets: dict[str, str], html: list[str], scripts: list[str], others: list[str],
                    root: Path) -> dict[str, str]:
    """`pruned_material_css` for a site of these HTML files and scripts: a site seen before (`texts_key`) is not
    read for its usage at all; a changed site whose usage is the same (an edit of the text) still finds the
    pruned stylesheets under the usage's key."""
    return cached(_folder(root), texts_key(sheets, html, scripts, others),
                  lambda: pruned_material_css(sheets, Usage(html, scripts), others, root), _valid(sheets),
                  keep=KEEP)


# ---- the whole step ------------------------------------------------------------------------------------------


def finish_site(site: Path, docs: Path, sources: list[str], langs: list[str]) -> None:
    """The built site as it is published: unused files out, BUNDLE in place of `sources` (the edition's
    stylesheets), the edition's scripts minified, Material's stylesheets pruned. Run after every page and every
    other HTML file is written (the usage is read from the site)."""
    prune_files(site, langs)
    if sources:
        (site / BUNDLE).parent.mkdir(parents=True, exist_ok=True)
        (site / BUNDLE).write_text(edition_css(docs, sources), encoding="utf-8")
        for source in sources:
            (site / source).unlink(missing_ok=True)
    for path in sorted((site / "javascripts").glob("*.js")):
        source = docs / "javascripts" / path.name
        if source.is_file():  # from the sources each build: a `--dirty` build never minifies twice
            path.write_text(minify_js(source.read_text(encoding="utf-8")), encoding="utf-8")
    sheets = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in material_css(site)}
    if sheets:
        ours = [(site / BUNDLE).read_text(encoding="utf-8")] if sources else []
        pruned = pruned_site_css(sheets, *site_texts(site), ours, docs.parent)
        for name in sheets:
            (site / name).write_text(pruned[name], encoding="utf-8")
