"""Compares each translated page with its English source: structure (headings and their anchors,
links, tables) and staleness (the English text changed after the translation was made).

Also holds each translation to its termbase (strings/<code>.termbase.yml): one term per English term,
under the key `<code>:`, with the official page it comes from (`source:`) or why there is none (`note:`).
Run `python -m sitebuild.translations` for a report; tests/site/test_translations.py enforces it.
"""

import hashlib
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from markdown.extensions.toc import slugify

from . import rule_blocks
from .languages import default_language, languages
from .paths import DOCS, UI_STRINGS

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{#([\w-]+)\})?\s*$")
LINK = re.compile(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
FENCE = re.compile(r"^(```|~~~)")
ADMONITION_TITLE = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s+[\w-]+\s+"[^"]*"')


@dataclass(frozen=True)
class Structure:
    headings: tuple[tuple[int, str], ...]
    links: tuple[str, ...]
    tables: tuple[tuple[int, int], ...]
    # Rule blocks (sitebuild/rule_blocks.py) are rendered per language: shared, never translated.
    blocks: tuple[str, ...] = ()


def fingerprint(path: Path) -> str:
    """What a translation records in `translation_of`: the start of the English file's sha256."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def front_matter(text: str) -> dict:
    match = FRONT_MATTER.match(text)
    return yaml.safe_load(match.group(1)) or {} if match else {}


def structure(text: str) -> Structure:
    body = FRONT_MATTER.sub("", text, count=1)
    headings, links, tables, blocks = [], [], [], []
    rows, columns, fenced = 0, 0, False
    for line in body.splitlines() + [""]:
        if FENCE.match(line.strip()):
            fenced = not fenced
        if fenced:
            continue
        stripped = line.strip()
        if stripped.startswith("|"):
            rows += 1
            columns = max(columns, stripped.strip("|").count("|") + 1)
        elif rows:
            tables.append((rows, columns))
            rows, columns = 0, 0
        heading = HEADING.match(line)
        if heading and heading.group(1) != "#":
            level, title, explicit = len(heading.group(1)), heading.group(2), heading.group(3)
            headings.append((level, explicit or slugify(title, "-")))
        links.extend(LINK.findall(line))
        blocks.extend(marker.group(0) for marker in rule_blocks.LOOSE.finditer(line))
    return Structure(tuple(headings), tuple(sorted(links)), tuple(tables), tuple(blocks))


# The termbases made before every entry had to name its source (issue 28): their entries may lack one.
UNSOURCED_TERMBASES = frozenset({"zh"})
URL = re.compile(r"https?://\S+$")


def _is_term_source(source: object) -> bool:
    """A termbase entry's source: the page's URL, or a mapping of its URL and its title."""
    if isinstance(source, dict):
        return set(source) == {"url", "title"} and _is_term_source(source["url"]) and bool(str(source["title"]).strip())
    return isinstance(source, str) and bool(URL.match(source))


@lru_cache(maxsize=16)
def _termbase_data(text: str):
    """A termbase file's YAML, parsed once per content: every page of a language is checked against it."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


def termbase_path(code: str) -> Path:
    return UI_STRINGS / f"{code}.termbase.yml"


def termbase(code: str, path: Path | None = None) -> dict:
    """The language's termbase: {'terms': [{en, <code>, reject: [regex], source | note}], 'links': {english: translated}}."""
    path = path or termbase_path(code)
    if not path.exists():
        return {"terms": [], "links": {}}
    data = _termbase_data(path.read_text(encoding="utf-8"))
    return {"terms": data.get("terms", []), "links": data.get("links", {})}


def termbase_problems(code: str, path: Path | None = None) -> list[str]:
    """What is wrong with a termbase file itself: one line per entry, naming its index and English term."""
    path = path or termbase_path(code)
    if not path.exists():
        return []
    name = path.name
    try:
        data = _termbase_data(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        return [f"{name}: not YAML: {str(error).splitlines()[0]}"]
    if not isinstance(data, dict) or not set(data) <= {"terms", "links"}:
        return [f"{name}: expected a mapping with `terms` and `links` only"]
    problems = []
    terms, links = data.get("terms", []), data.get("links", {})
    if not isinstance(terms, list):
        return [f"{name}: `terms` is not a list"]
    allowed = {"en", code, "reject", "source", "note"}
    for index, term in enumerate(terms):
        where = f"{name}: terms[{index}]"
        if not isinstance(term, dict):
            problems.append(f"{where}: not a mapping")
            continue
        where += f" ({term.get('en', '?')})"
        for key in ("en", code):
            if not isinstance(term.get(key), str) or not term[key].strip():
                problems.append(f"{where}: no `{key}:` text")
        unknown = sorted(set(term) - allowed)
        if unknown:
            problems.append(f"{where}: unknown keys {unknown} (a {code} termbase has en, {code}, reject, source, note)")
        rejects = term.get("reject", [])
        if not isinstance(rejects, list):
            problems.append(f"{where}: `reject` is not a list")
            rejects = []
        for pattern in rejects:
            try:
                re.compile(pattern)
            except (re.error, TypeError) as error:
                problems.append(f"{where}: reject pattern {pattern!r} is not a regular expression: {error}")
        source, note = term.get("source"), term.get("note")
        if source is not None and not _is_term_source(source):
            problems.append(f"{where}: `source:` is not a URL or a {{url, title}} mapping: {source!r}")
        if note is not None and not (isinstance(note, str) and note.strip()):
            problems.append(f"{where}: `note:` is empty")
        if code not in UNSOURCED_TERMBASES and source is None and note is None:
            problems.append(f"{where}: neither `source:` (the official page using the term) nor `note:` (why none)")
    if not isinstance(links, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in links.items()):
        problems.append(f"{name}: `links` is not a mapping of English-site links to this language's")
    return problems


def term_problems(text: str, terms: list, code: str) -> list[str]:
    """A line per rejected variant found in the page body (outside code blocks and link targets)."""
    problems, fenced = [], False
    body = FRONT_MATTER.sub("", text, count=1)
    first_line = text[: len(text) - len(body)].count("\n") + 1
    for number, line in enumerate(body.splitlines(), start=first_line):
        if FENCE.match(line.strip()):
            fenced = not fenced
        if fenced:
            continue
        # Link targets and admonition titles (!!! note "标题") are Markdown syntax, not prose.
        prose = ADMONITION_TITLE.sub("", re.sub(r"\]\([^)]*\)", "]", line))
        for term in terms:
            for pattern in term.get("reject", []):
                for found in re.finditer(pattern, prose):
                    problems.append(
                        f"line {number}: '{found.group(0)}' rejected by the termbase; use '{term[code]}' ({term['en']})"
                    )
    return problems


def localized(structure_: Structure, links: dict) -> Structure:
    """The English structure with links the termbase sends elsewhere for this language."""
    return Structure(
        structure_.headings,
        tuple(sorted(links.get(link, link) for link in structure_.links)),
        structure_.tables,
        structure_.blocks,
    )


def differences(source: Structure, translation: Structure) -> list[str]:
    problems = []
    if source.headings != translation.headings:
        problems.append(f"headings/anchors differ: {list(source.headings)} vs {list(translation.headings)}")
    if source.links != translation.links:
        missing = sorted(set(source.links) - set(translation.links))
        extra = sorted(set(translation.links) - set(source.links))
        problems.append(f"links differ: missing {missing}, extra {extra}")
    if source.tables != translation.tables:
        problems.append(f"tables differ (rows, columns): {list(source.tables)} vs {list(translation.tables)}")
    if source.blocks != translation.blocks:
        problems.append(
            f"rule blocks differ (the same markers, in order): {list(source.blocks)} vs {list(translation.blocks)}"
        )
    return problems


def page_problems(source: Path, text: str, code: str) -> list[str]:
    """How a translation's text departs from its English page's structure and from its termbase."""
    # A broken termbase is reported once (termbase_problems), not as a failure on every page.
    terms = {"terms": [], "links": {}} if termbase_problems(code) else termbase(code)
    english = localized(structure(source.read_text(encoding="utf-8")), terms["links"])
    return differences(english, structure(text)) + term_problems(text, terms["terms"], code)


def translation_pairs():
    """(English path, translated path, language code) for every page of every other language."""
    source_root = DOCS / default_language().code
    for language in languages():
        if language.default:
            continue
        for source in sorted(source_root.rglob("*.md")):
            yield source, DOCS / language.code / source.relative_to(source_root), language.code


def report() -> list[str]:
    lines = [problem for language in languages() for problem in termbase_problems(language.code)]
    for source, translated, code in translation_pairs():
        name = translated.relative_to(DOCS)
        if not translated.exists():
            lines.append(f"{name}: missing translation")
            continue
        text = translated.read_text(encoding="utf-8")
        recorded = str(front_matter(text).get("translation_of", ""))
        if recorded != fingerprint(source):
            lines.append(
                f"{name}: stale, made from {recorded or 'an unrecorded version'}, English is now {fingerprint(source)}"
            )
        for problem in page_problems(source, text, code):
            lines.append(f"{name}: {problem}")
    return lines


if __name__ == "__main__":
    problems = report()
    print("\n".join(problems) if problems else "Every translation matches its English page.")
    sys.exit(1 if problems else 0)
