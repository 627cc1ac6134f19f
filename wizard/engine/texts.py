"""A rule bundle's texts by language: the sections that hold them, the second language a checklist
is printed in, and what a page in one language needs of them. The rest of the bundle is the same in
every language, so a browser fetches it once and one language's texts per page."""

from .shapes import Json

# Each is {language: ...}; every other section of a bundle holds no language's words.
TEXT_SECTIONS = ("messages", "ui", "country_names", "country_order")
# A language's texts as texts_for gives them also carry, under this key, the second language's
# document names: {language: {document id: label}}.
DOCUMENT_NAMES = "document_names"


def second_language(bundle: Json, lang: str) -> str | None:
    """The language each document is also named in on the printout, so that a reader and an official
    can each read the same list: the officials' (Chinese) on a page in another language, and on a
    Chinese page the default language (English)."""
    officials: str = bundle["officials_language"]
    also: str = officials if lang != officials else bundle.get("default_language", bundle["languages"][0])
    return also if also != lang else None


def document_names(messages: Json) -> dict[str, str]:
    """Each document's label in one language's messages."""
    return {
        doc: entry["label"]
        for doc, entry in messages.get("documents", {}).items()
        if isinstance(entry, dict) and isinstance(entry.get("label"), str)
    }


def without_texts(bundle: Json) -> Json:
    """The bundle with no language's words: what every page's wizard shares."""
    return {key: value for key, value in bundle.items() if key not in TEXT_SECTIONS}


def texts_for(bundle: Json, lang: str) -> Json:
    """What a page in `lang` needs of the bundle's texts: its own of every text section, and the
    second language's document names for the printout."""
    texts: Json = {section: {lang: bundle[section][lang]} for section in TEXT_SECTIONS if lang in bundle[section]}
    also = second_language(bundle, lang)
    texts[DOCUMENT_NAMES] = {also: document_names(bundle["messages"][also])} if also else {}
    return texts
