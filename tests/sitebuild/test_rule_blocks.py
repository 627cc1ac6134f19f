"""Rule facts on guide pages (sitebuild/rule_blocks.py): every marker of every page renders from the
compiled rules in the page's language, and a changed rule value changes every page that shows it."""

import copy
import json
import re
import shutil

import pytest

from sitebuild.languages import languages
from sitebuild.paths import DOCS
from sitebuild.policy_ends import _date
from sitebuild.rule_blocks import MARKER, BlockError, render
from sitebuild.translations import FRONT_MATTER, page_problems
from wizard.tooling.bundle import compile_rules

from shared_rules import BUILD_DATE, RULES, compiled

PAGES = sorted(p for p in DOCS.rglob("*.md") if MARKER.search(p.read_text(encoding="utf-8")))
# Read from the live rules, never pinned, so a real extension or a country joining breaks nothing here.
POLICY = compiled().bundle["policies"]["unilateral_30"]
END = POLICY["valid_to"]
NEW_END = str(int(END[:4]) + 1) + END[4:]
JOINER = min(set(compiled().bundle["countries"]["nationality"]) - set(POLICY["members"]))
JOINED = "2026-11-01"  # before the rules' date: the member is on the list when the page is built


def shown(iso, lang):
    return _date(compiled().bundle, lang, iso)


def lang_of(page):
    return page.relative_to(DOCS).parts[0]


def markers(page, name):
    return [m for m in MARKER.finditer(page.read_text(encoding="utf-8")) if m.group(0).startswith(name)]


@pytest.fixture(scope="module")
def changed_bundle(tmp_path_factory):
    """The real rules, copied, with the 30-day list extended by a year and a nationality it does not
    list joining it: the edits a maintainer makes (policy and changelog), nothing else."""
    rules = tmp_path_factory.mktemp("changed") / "rules"
    shutil.copytree(RULES, rules, ignore=shutil.ignore_patterns("scenarios"))
    policy = rules / "policies" / "unilateral-30-day.yaml"
    text = policy.read_text(encoding="utf-8").replace(END, NEW_END)
    member = "  - {country: %s, valid_from: %s, sources: [S24]}\n" % (JOINER, JOINED)
    text = text.replace("\nreviewed:", "\n" + member + "reviewed:", 1)
    text = re.sub(r"last_extended: [{]date: [0-9-]+", "last_extended: {date: %s" % JOINED, text, count=1)
    policy.write_text(text, encoding="utf-8")
    changelog = rules / "changelog.yaml"
    texts = {path.stem: "A country joined; the list was extended." for path in (rules / "messages").glob("*.yaml")}
    texts["zh"] = "一国适用免签政策；名单延期。"
    entry = "  - {date: %s, policy: unilateral_30, sources: [S24], text: %s}\n" % (JOINED, json.dumps(texts))
    changelog.write_text(changelog.read_text(encoding="utf-8").replace("\nchanges:\n", "\nchanges:\n" + entry, 1))
    return compile_rules(rules, BUILD_DATE, deep=False).bundle, rules


def test_pages_in_both_languages_carry_rule_markers():
    assert {lang_of(p) for p in PAGES} == {language.code for language in languages()}
    assert any(markers(p, "<!-- rules: countries unilateral_30") for p in PAGES)


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(DOCS)) for p in PAGES])
def test_every_marker_of_every_page_renders_in_the_pages_language(page):
    out = render(page.read_text(encoding="utf-8"), compiled().bundle, lang_of(page), RULES, str(page))
    assert "<!-- rules:" not in out


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(DOCS)) for p in PAGES])
def test_a_list_extended_by_a_year_and_a_country_joining_change_every_page_that_shows_them(page, changed_bundle):
    bundle, rules = changed_bundle
    lang = lang_of(page)
    source = page.read_text(encoding="utf-8")
    before = render(source, compiled().bundle, lang, RULES)
    after = render(source, bundle, lang, rules)
    name = bundle["country_names"][lang][JOINER]
    if markers(page, "<!-- rules: end unilateral_30"):
        # the history keeps the old end (the day it was announced): it is about that date
        current = render(
            MARKER.sub(lambda m: "" if m.group(1) == "history" else m.group(0), source), bundle, lang, rules
        )
        assert shown(END, lang) in before and shown(END, lang) not in current
        assert shown(NEW_END, lang) in after
    if markers(page, "<!-- rules: countries unilateral_30"):
        assert f"| {name} |" not in before and f"| {name} | " in after
        assert after.count(shown(NEW_END, lang)) > 40  # the members without an end of their own moved
    members = compiled().bundle["policies"]["unilateral_30"]["members"]
    # Malaysia and Singapore left for good (every period with a final end): they are not counted.
    gone = sum(1 for periods in members.values() if all(p.get("end") == "final" for p in periods))
    for marker in markers(page, "<!-- rules: count unilateral_30"):
        assert str(len(members) - gone) == render(marker.group(0), compiled().bundle, lang, RULES)
        assert render(marker.group(0), bundle, lang, rules) == str(
            int(render(marker.group(0), compiled().bundle, lang, RULES)) + 1
        )
    if markers(page, "<!-- rules: history unilateral_30"):
        assert "A country joined" in after or "一国适用免签政策" in after


def test_a_new_visa_category_changes_the_counts_on_every_page_that_states_them():
    bundle = compiled().bundle
    more = dict(bundle, outcomes=dict(bundle["outcomes"], visa_n={"kind": "visa", "visa": "N"}))
    pages = [p for p in PAGES if markers(p, "<!-- rules: visa-categories")]
    assert {lang_of(p) for p in pages} == {language.code for language in languages()}
    for marker in ("<!-- rules: visa-categories -->", "<!-- rules: visa-subtypes -->"):
        assert int(render(marker, more, "en", RULES)) == int(render(marker, bundle, "en", RULES)) + 1
    both = "<!-- rules: visa-categories -->/<!-- rules: visa-subtypes -->"
    assert render(both, bundle, "zh", RULES) == render(both, bundle, "en", RULES)  # J1 and J2: one category, two types


def _with_visa_n(bundle, **texts):
    """bundle, deep-copied, with one more visa outcome (N) whose message texts are texts in every
    language: the edits a maintainer makes for a new category, nothing else."""
    more = copy.deepcopy(bundle)
    more["outcomes"]["visa_n"] = {"kind": "visa", "visa": "N", "guide": "visas/tourism-l/", "sources": ["S06"]}
    for lang in more["messages"]:
        more["messages"][lang]["outcomes"]["visa_n"] = {key: f"{value} {lang}" for key, value in texts.items()}
    return more


ROW_TEXTS = {
    "title": "N visa",
    "summary": "For N.",
    "who": "Newcomers",
    "key_documents": "An N letter",
    "stay": "Short",
}


def table_rows(markdown):
    return [line for line in markdown.splitlines() if re.match(r"\| [A-Z][0-9]? \| ", line)]


def test_a_new_visa_outcome_adds_a_row_to_the_category_table_on_every_languages_page():
    bundle = compiled().bundle
    more = _with_visa_n(bundle, **ROW_TEXTS)
    pages = [p for p in PAGES if markers(p, "<!-- rules: visa-table")]
    assert {lang_of(p) for p in pages} == {language.code for language in languages()}
    for page in pages:
        lang, source, where = lang_of(page), page.read_text(encoding="utf-8"), page.relative_to(DOCS / lang_of(page))
        before = table_rows(render(source, bundle, lang, RULES, str(where)))
        after = table_rows(render(source, more, lang, RULES, str(where)))
        assert len(before) == len(_visas_of(bundle)) and len(after) == len(before) + 1
        row = f"| N | Newcomers {lang} | An N letter {lang} | Short {lang} | [N visa {lang}](tourism-l.md) |"
        assert after[after.index(row) - 1].startswith("| M | ")  # in letter order


def _visas_of(bundle):
    return [o for o in bundle["outcomes"].values() if o.get("kind") == "visa"]


def test_the_category_table_links_each_guide_from_the_page_it_is_on():
    bundle = compiled().bundle
    here = render("<!-- rules: visa-table -->", bundle, "en", RULES, "visas/index.md")
    there = render("<!-- rules: visa-table -->", bundle, "zh", RULES, "wizard/index.md")
    assert "(tourism-l.md) |" in here and "(../visas/tourism-l.md) |" in there
    assert f"[{bundle['messages']['zh']['outcomes']['visa_l']['title']}](../visas/tourism-l.md)" in there


def test_the_category_table_keeps_the_k_visas_not_confirmed_wording_in_each_language():
    bundle = compiled().bundle
    for lang, unconfirmed in (("en", "exact terms not confirmed"), ("zh", "具体期限未经核实")):
        rows = table_rows(render("<!-- rules: visa-table -->", bundle, lang, RULES))
        k_row = next(row for row in rows if row.startswith("| K | "))
        assert unconfirmed in k_row, k_row


def test_a_visa_outcome_without_its_row_texts_fails_the_page_with_its_line():
    more = _with_visa_n(compiled().bundle, title="N visa", summary="For N.")
    with pytest.raises(BlockError, match=r"^docs/x\.md:3: .*outcomes\.visa_n lacks who, key_documents, stay"):
        render("a\n\n<!-- rules: visa-table -->", more, "zh", RULES, "docs/x.md")


WIZARD_PAGES = [DOCS / lang / "wizard" / "index.md" for lang in ("en", "zh")]


def _purpose_rows(bundle, page):
    lang = lang_of(page)
    out = render(page.read_text(encoding="utf-8"), bundle, lang, RULES, "wizard/index.md")
    texts = bundle["messages"][lang]["options"]["purpose"]
    return {value: line for line in out.splitlines() for value, text in texts.items() if line.startswith(f"| {text} |")}


def _purpose_option(bundle, value):
    question = next(q for q in bundle["questions"] if q["id"] == "purpose")
    return question, next((o for o in question["options"] if o["value"] == value), None)


def test_the_wizard_pages_purpose_table_has_a_row_per_purpose_answer_in_each_language():
    bundle = compiled().bundle
    question, _ = _purpose_option(bundle, "tourism")
    for page in WIZARD_PAGES:
        assert markers(page, "<!-- rules: purposes")
        rows = _purpose_rows(bundle, page)
        assert set(rows) == {o["value"] for o in question["options"]}
        assert "(../visas/tourism-l.md)" in rows["tourism"] and "(../permanent-residence/index.md)" in rows["settle"]


def test_a_changed_purpose_guide_and_a_new_purpose_change_the_wizard_page_in_each_language():
    bundle = compiled().bundle
    more = copy.deepcopy(bundle)
    question, crew = _purpose_option(more, "crew")
    crew["guides"] = ["visas/work-z-talent-r/"]
    question["options"].append({"value": "pilgrimage", "guides": ["visas/tourism-l/", "visa-free/"]})
    for lang in ("en", "zh"):
        more["messages"][lang]["options"]["purpose"]["pilgrimage"] = f"Pilgrimage {lang}"
    for page in WIZARD_PAGES:
        before, after = _purpose_rows(bundle, page), _purpose_rows(more, page)
        assert "(../visas/transit-g-crew-c.md)" in before["crew"]
        assert "(../visas/work-z-talent-r.md)" in after["crew"] and "transit-g-crew-c" not in after["crew"]
        assert set(after) - set(before) == {"pilgrimage"}
        assert "(../visas/tourism-l.md)" in after["pilgrimage"] and "(../visa-free/index.md)" in after["pilgrimage"]


@pytest.mark.parametrize(
    "guides, reason",
    [
        (None, r"purpose 'crew' has no guides"),
        (["visas/no-such-page/"], r"'visas/no-such-page/' has no page in docs/zh/"),
    ],
)
def test_a_purpose_without_a_guide_page_fails_the_page_with_its_line(guides, reason):
    more = copy.deepcopy(compiled().bundle)
    _, crew = _purpose_option(more, "crew")
    crew.pop("guides")
    if guides:
        crew["guides"] = guides
    with pytest.raises(BlockError, match=r"^docs/x\.md:3: <!-- rules: purposes -->: .*" + reason):
        render("a\n\n<!-- rules: purposes -->", more, "zh", RULES, "docs/x.md")


def test_the_country_table_says_when_a_first_day_or_terms_are_not_confirmed_in_each_language():
    """The rows are read from the rules' own flags, so a member confirmed later breaks nothing here."""
    bundle = compiled().bundle
    members = bundle["policies"]["mutual_exemption"]["members"]
    unsure = [
        (code, p) for code, periods in sorted(members.items()) for p in periods if p.get("start_confirmed") is False
    ]
    sure = [(code, p) for code, periods in sorted(members.items()) for p in periods if "start_confirmed" not in p]
    assert unsure and sure, "the rules no longer have both kinds of member: the test needs one of each"
    for lang, unconfirmed in (("en", "(exact first day not confirmed)"), ("zh", "（确切起始日期未能核实）")):
        table = render("<!-- rules: countries mutual_exemption -->", bundle, lang, RULES)
        names = bundle["country_names"][lang]
        code, period = unsure[0]
        row = next(line for line in table.splitlines() if line.startswith("| %s | " % names[code]))
        assert shown(period["valid_from"], lang) in row and unconfirmed in row, row
        code, period = sure[0]
        row = next(line for line in table.splitlines() if line.startswith("| %s | " % names[code]))
        assert "| %s | %s |" % (names[code], shown(period["valid_from"], lang)) in row, row
    en = render("<!-- rules: countries mutual_exemption -->", bundle, "en", RULES)
    zh = render("<!-- rules: countries mutual_exemption -->", bundle, "zh", RULES)
    assert "terms not confirmed; check with 12367" in en and "at most 90 days in any 180 days" in en
    assert "条款未能核实" in zh


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "a\n<!-- rules: countries no_such_policy -->",
            "docs/x.md:2: <!-- rules: countries no_such_policy -->: unknown policy",
        ),
        (
            "<!-- rules: flags unilateral_30 -->",
            "docs/x.md:1: <!-- rules: flags unilateral_30 -->: unknown block 'flags'",
        ),
        ("<!-- rules: count -->", "docs/x.md:1: <!-- rules: count -->: 'count' needs a policy id"),
        ("\n\n<!-- rules: Count unilateral_30 -->", "docs/x.md:3: <!-- rules: Count unilateral_30 -->: not a marker"),
        ("<!-- rules: end mutual_exemption -->", "has no end date to show"),
    ],
)
def test_a_bad_marker_fails_with_file_and_line(text, reason):
    with pytest.raises(BlockError, match=re.escape(reason)):
        render(text, compiled().bundle, "en", RULES, "docs/x.md")


def test_a_translation_that_drops_or_changes_a_marker_is_reported(tmp_path):
    source = DOCS / "en" / "visa-free" / "unilateral-30-day.md"
    text = (DOCS / "zh" / "visa-free" / "unilateral-30-day.md").read_text(encoding="utf-8")
    assert page_problems(source, text, "zh") == []
    dropped = text.replace("<!-- rules: count unilateral_30 -->", "50", 1)
    assert any("rule blocks differ" in p for p in page_problems(source, dropped, "zh"))


# Pages that write one of those dates about another fact (not a copy of a policy's end), and what.
# Pages (in every language) whose prose states another fact that falls on a policy's end date.
OTHER_FACTS_ON_AN_END_DATE = {
    "newcomers/apply-for-a-visa.md": "the reported extension of the visa-fee cut and fingerprint waiver",
}


def test_no_page_body_copies_a_dated_policys_end_by_hand():
    """The end dates of the dated policies appear on pages only through markers (front matter, the
    sources' own titles, is not page text)."""
    ends = {p["valid_to"] for p in compiled().bundle["policies"].values() if p.get("valid_to")}
    copies = [
        f"{page.relative_to(DOCS)}: {end}"
        for page in sorted(DOCS.rglob("*.md"))
        if page.relative_to(DOCS).as_posix().split("/", 1)[1] not in OTHER_FACTS_ON_AN_END_DATE
        for end in ends
        if end in FRONT_MATTER.sub("", page.read_text(encoding="utf-8"), count=1)
    ]
    assert copies == []


def test_the_visa_table_links_the_same_guides_from_the_offline_builds_file_urls():
    """The offline copy's bundle names guides as files (sitebuild.wizard_page.guide_url)."""
    import copy

    from sitebuild.wizard_page import guide_url

    bundle = compiled().bundle
    offline = copy.deepcopy(bundle)
    for outcome in offline["outcomes"].values():
        if outcome.get("guide"):
            outcome["guide"] = guide_url(outcome["guide"], directory_urls=False)
    for lang in ("en", "zh"):
        web = render("<!-- rules: visa-table -->", bundle, lang, RULES, f"docs/{lang}/visas/index.md")
        assert render("<!-- rules: visa-table -->", offline, lang, RULES, f"docs/{lang}/visas/index.md") == web
        assert ".html" not in web


@pytest.mark.parametrize("policy", ["hainan_30", "transit_240"])
def test_a_country_leaving_a_list_changes_the_count_in_every_heading_and_line_that_states_it(policy):
    """The Hainan heading and the transit count of the G-visa page were hand-written numbers."""
    bundle = compiled().bundle
    fewer = copy.deepcopy(bundle)
    fewer["policies"][policy]["members"].popitem()
    pages = [p for p in PAGES if markers(p, f"<!-- rules: count {policy} -->")]
    assert {lang_of(p) for p in pages} == {language.code for language in languages()}
    n = len(bundle["policies"][policy]["members"])
    for page in pages:
        source = page.read_text(encoding="utf-8")
        for line in (line for line in source.splitlines() if f"<!-- rules: count {policy} -->" in line):
            lang = lang_of(page)
            assert str(n) in render(line, bundle, lang, RULES) and str(n - 1) in render(line, fewer, lang, RULES)
