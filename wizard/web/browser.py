"""The object the browser's worker talks to: built once from the rule bundle, then one call a step.

Replies are JSON text, so nothing crosses the JavaScript boundary as a live Python object.
"""

import json

from wizard.engine import Engine

from .session import handle

# The probe: the first question on a fixed day.
PROBE = {"raw_fragment": "", "today": "2000-01-01"}


class Wizard:
    def __init__(self, bundle_text: str):
        """From a whole bundle, or from the site's shared one (no language's words), then add_texts."""
        self.engine = Engine(json.loads(bundle_text))
        self.language = self.engine.default_language  # the language whose texts were added last

    def add_texts(self, texts_text: str) -> None:
        """One language's texts (texts-<lang>.json): the page's own, added once Python has started."""
        texts = json.loads(texts_text)
        if not isinstance(texts, dict) or not isinstance(texts.get("messages"), dict) or not texts["messages"]:
            raise ValueError("not a language's texts: no messages")
        self.engine.add_texts(texts)
        self.language = next(iter(texts["messages"]))

    def probe(self) -> str:
        """A fixed step's reply, which a memory snapshot records when made and must give again when
        restored: in the language last added, whose texts the snapshot holds."""
        return self.step(lang=self.language, **PROBE)

    def step(self, raw_fragment: str, lang: str, today: str) -> str:
        # The catalogues are complete (the build checks them); a language asked for at run time
        # that the Wizard lacks gets the default language's strings (or the one it has), as the
        # engine gives its texts.
        every_ui = self.engine.bundle.get("ui") or {}
        ui = every_ui.get(lang) or every_ui.get(self.engine.default_language) or next(iter(every_ui.values()), None)
        if ui is None:
            raise ValueError("no language's texts were added")
        return json.dumps(handle(self.engine, raw_fragment, lang, today, ui), ensure_ascii=False)
