"""Build-time HTML templates: every value is escaped unless handed over as markup, a value a template
uses but is not given fails naming the template and line, and every template in the folder compiles."""

import pytest
from markupsafe import Markup

from sitebuild.html_templates import FOLDER, TemplateValueMissing, environment, policy_attribute, render

HOSTILE = '"><script>alert(1)</script>'
WIDGET_STRINGS = (
    "preparing",
    "downloading",
    "starting",
    "failed_heading",
    "failed_stalled",
    "failed_file",
    "failed_no_wasm",
    "failed_not_started",
    "failed_error",
    "failed_kept",
    "retry",
    "failed_text",
    "failed_link",
    "runtime_wrong_type",
    "runtime_damaged",
    "script_missing",
    "hosting_help",
    "hosting_link",
)


def widget(**changes):
    values = {
        "lang": "en",
        "site_root": "../",
        "steps_url": "../assets/wizard/steps-en.js",
        "built": "2026-11-29",
        "stall_ms": 20000,
        "start_ms": 60000,
        "download_bytes": 13_700_000,
        "ui": {key: key for key in WIDGET_STRINGS},
        "guides_url": "../visas/",
        "hosting_url": "webmasters/#hosting",
        "first_step": Markup('<form data-question="purpose"></form>'),
    }
    return render("wizard-widget.html", **{**values, **changes})


def test_a_hostile_string_in_the_widget_is_escaped_in_text_and_in_attributes():
    html = widget(ui=dict.fromkeys(WIDGET_STRINGS, HOSTILE), guides_url=HOSTILE, hosting_url=HOSTILE)
    assert HOSTILE not in html and "<script" not in html
    assert html.count("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;") == len(WIDGET_STRINGS) + 2


def test_html_handed_over_as_markup_goes_in_as_it_is_and_a_plain_string_does_not():
    assert '<div data-wizard-view><form data-question="purpose"></form></div>' in widget()
    assert "&lt;form" in widget(first_step='<form data-question="purpose"></form>')


def test_a_value_the_template_uses_but_is_not_given_fails_naming_the_template_and_its_line():
    with pytest.raises(TemplateValueMissing, match=r"^sitebuild/templates/embed-notice\.html:2: 'ui' is undefined$"):
        render("embed-notice.html", home_url="../")


def test_a_missing_string_fails_naming_the_string():
    with pytest.raises(TemplateValueMissing, match=r"^sitebuild/templates/wizard-widget\.html:\d+: .*'preparing'"):
        widget(ui={key: key for key in WIDGET_STRINGS if key != "preparing"})


def test_a_missing_value_inside_a_macro_names_the_line_in_the_macro():
    with pytest.raises(
        TemplateValueMissing, match=r"^sitebuild/templates/webmasters-builder\.html:\d+: .*'embed_no_preset'"
    ):
        render(
            "webmasters-builder.html",
            ui={"embed_copied": "", "embed_language": ""},
            site_root="",
            frames="{}",
            lang="en",
            languages=[("en", "English")],
            questions=[{"id": "purpose", "text": "Purpose?", "options": [("work", "Work")]}],
        )


def test_a_policy_keeps_its_single_quotes_but_not_what_would_end_the_attribute():
    assert policy_attribute("script-src 'self'") == "script-src 'self'"
    assert policy_attribute('a" onload="x') == "a&quot; onload=&quot;x"
    assert render("policy-meta.html", policy="script-src 'self'") == (
        '<meta http-equiv="Content-Security-Policy" content="script-src \'self\'">'
    )


def test_every_template_in_the_folder_compiles():
    names = sorted(path.name for path in FOLDER.glob("*.html"))
    assert len(names) >= 10
    for name in names:
        environment().get_template(name)
