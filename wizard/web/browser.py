"""The object the browser's worker talks to: built once from the rule bundle, then one call a step.

Replies are JSON text, so nothing crosses the JavaScript boundary as a live Python object.
"""

import json

from wizard.engine import Engine

from .session import handle


class Wizard:
    def __init__(self, bundle_text: str):
        bundle = json.loads(bundle_text)
        self.engine = Engine(bundle)
        self.ui = bundle["ui"]

    def step(self, raw_fragment: str, lang: str, today: str) -> str:
        # The catalogues are complete (the build checks them); a language asked for at run time
        # that the rules lack gets the default language's strings, as the engine gives its texts.
        ui = self.ui.get(lang) or self.ui[self.engine.default_language]
        return json.dumps(handle(self.engine, raw_fragment, lang, today, ui), ensure_ascii=False)
