"""sitebuild/wizard_page.py: the site's languages each need the wizard's catalogue, and the site and the
rules agree on the default language."""

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


def test_a_site_whose_default_language_is_not_the_rules_one_is_refused(compiled_rules, monkeypatch):
    monkeypatch.setattr(wizard_page, "default_language", lambda: Language("zh", "简体中文", True))
    with pytest.raises(RuleError) as caught:
        wizard_page.check_site_languages(compiled_rules.bundle)
    assert [str(p) for p in caught.value.problems] == [
        "rules/index.yaml:/default_language: 'en', but the site's default language (mkdocs.yml) is 'zh'"
    ]
