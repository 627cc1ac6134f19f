"""The source ids the guide pages cite in their front matter (`sources: [S24, {S08: "Art. 35"}]`),
read beside the rules so the registry's unused-source warning counts pages as citers too."""

from pathlib import Path

import yaml

FRONT_MATTER_END = "\n---"


def page_cited_sources(docs: Path) -> set[str]:
    """Every id cited by a page under docs (empty when there is no docs folder)."""
    cited: set[str] = set()
    for page in sorted(docs.rglob("*.md")) if docs.is_dir() else ():
        text = page.read_text(encoding="utf-8")
        if not text.startswith("---\n") or FRONT_MATTER_END not in text[3:]:
            continue
        meta = yaml.safe_load(text[4 : text.index(FRONT_MATTER_END, 3)]) or {}
        for entry in meta.get("sources") or []:
            cited.update(entry if isinstance(entry, dict) else [entry])
    return {str(sid) for sid in cited}
