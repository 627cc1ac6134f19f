"""A temporary copy of the project with one more language, whose files are English's under another
locale: proves a language is files, not code (tests/site/test_added_language.py).

The copy holds the repository's tracked files (git ls-files) and links .venv and node_modules."""

import re
import subprocess
from pathlib import Path

import yaml

from sitebuild.paths import ROOT
from sitebuild.translations import fingerprint

# A locale CLDR knows, no branch adds, and whose plurals and dates differ from English's.
TEST_LOCALE = "de"
TEST_NAME = "Deutsch (Test)"
# The rule files whose texts are keyed by language (`en:`, `zh:`, ...), each text on one line.
RULE_TEXTS = ("changelog.yaml", "coverage.yaml")


def copy_project(target: Path) -> Path:
    """The repository's tracked files under `target`, with its installed packages linked."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        source, copy = ROOT / name, target / name
        if source.is_file():
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(source.read_bytes())
    for linked in (".venv", "node_modules"):
        (target / linked).symlink_to(ROOT / linked)
    return target


def add_language(project: Path, code: str = TEST_LOCALE, name: str = TEST_NAME) -> None:
    """The five kinds of file docs-dev/recipes.md ("A new language") names, copied from English."""
    english = "en"
    docs = project / "docs"
    for source in sorted((docs / english).rglob("*")):
        target = docs / code / source.relative_to(docs / english)
        if source.is_dir():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix != ".md":
            target.write_bytes(source.read_bytes())
            continue
        text = source.read_text(encoding="utf-8")
        stamp = f"translation_of: {fingerprint(source)}\n"
        text = text.replace("---\n", "---\n" + stamp, 1) if text.startswith("---\n") else f"---\n{stamp}---\n" + text
        target.write_text(text, encoding="utf-8")
    messages = (project / "rules" / "messages" / f"{english}.yaml").read_text(encoding="utf-8")
    messages = re.sub(r"(?m)^  language: en$", f"  language: {code}", messages, count=1)
    messages = re.sub(r"(?m)^  name: English$", f"  name: {name}", messages, count=1)
    messages = re.sub(r"(?m)^  date_locale: .*\n", "", messages, count=1)  # English's en_GB: dates of its own
    (project / "rules" / "messages" / f"{code}.yaml").write_text(messages, encoding="utf-8")
    strings = project / "strings"
    (strings / f"{code}.yml").write_bytes((strings / f"{english}.yml").read_bytes())
    for rule_file in RULE_TEXTS:
        _add_rule_texts(project / "rules" / rule_file, code)
    _add_site_language(project / "mkdocs.yml", code, name)


def _add_rule_texts(path: Path, code: str) -> None:
    """Each English text again under `code:`, written line by line to keep the file's comments."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    out = []
    for line in lines:
        out.append(line)
        match = re.match(r"^(\s+)en: (.*\n)", line)
        if match:
            out.append(f"{match.group(1)}{code}: {match.group(2)}")
    path.write_text("".join(out), encoding="utf-8")


def _add_site_language(path: Path, code: str, name: str) -> None:
    """The language's entry after the last one of the i18n plugin's `languages` list."""
    text = path.read_text(encoding="utf-8")
    marker = "  # Only for the downloadable offline copy"
    if marker not in text:
        raise ValueError("mkdocs.yml changed shape: no offline plugin comment after the i18n languages")
    entry = f"        - locale: {code}\n          name: {yaml.safe_dump(name).splitlines()[0]}\n          build: true\n"
    path.write_text(text.replace(marker, entry + marker, 1), encoding="utf-8")
