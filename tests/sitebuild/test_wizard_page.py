"""sitebuild/wizard_page.py: the site's languages each need the wizard's catalogue."""

import pytest

from sitebuild import wizard_page
from sitebuild.languages import Language, languages
from wizard.tooling.errors import RuleError


def test_every_language_of_the_site_has_the_wizard_s_texts(compiled_rules):
    wizard_page.check_site_languages(compiled_rules.bundle)


def test_a_site_language_without_a_wizard_catalogue_names_the_file_to_add(compiled_rules, monkeypatch):
    monkeypatch.setattr(wizard_page, "languages", lambda: (*languages(), Language("fr", "Français", False)))
    with pytest.raises(RuleError) as caught:
        wizard_page.check_site_languages(compiled_rules.bundle)
    assert [str(p) for p in caught.value.problems] == [
        "rules/messages/fr.yaml:/: missing: mkdocs.yml lists the language 'fr'"
    ]
