"""Sources shown to users must be on an accepted publisher's domain (rules/publishers.yaml)."""

import shutil
from pathlib import Path

import pytest

from wizard.tooling.bundle import compile_rules
from wizard.tooling.errors import RuleError
from wizard.tooling.publishers import accepted_domains, is_accepted
from wizard.tooling.yamlfiles import load

from shared_rules import BUILD_DATE

RULES = Path(__file__).resolve().parents[2] / "rules"


def test_a_government_subdomain_is_accepted_and_a_lookalike_is_not():
    domains = accepted_domains(RULES)
    assert is_accepted("https://cs.mfa.gov.cn/wgrlh/page.shtml", domains)
    assert is_accepted("http://www.NPC.gov.cn./x", domains)
    assert not is_accepted("https://notgov.cn/x", domains)
    assert not is_accepted("https://gov.cn.example.com/x", domains)
    assert not is_accepted("ftp://www.gov.cn/x", domains)
    assert not is_accepted("not a url", domains)


def test_the_mirror_domains_found_in_the_review_are_not_accepted():
    domains = accepted_domains(RULES)
    for url in (
        "http://www.ming7.cn/china/2013-07/22/content_16813093.htm",
        "http://dlbhrb.com/index.php/2023/11/03/pufa4",
        "http://www.sqzimxl.cn/p/528233.html",
        "http://www.orobotics.cn/m/chinalic/x.htm",
        "https://m.110ask.com/wenda/1.html",
        "http://www.yuzhongnet.com/a/201811/15/x.html",
    ):
        assert not is_accepted(url, domains), url


def test_a_rules_source_on_a_mirror_domain_fails_the_build_with_file_line_and_pointer(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(RULES, target, ignore=shutil.ignore_patterns("scenarios"))
    path = target / "sources.yaml"
    text = path.read_text(encoding="utf-8")
    sid, source = next((sid, s) for sid, s in load(path, "rules/sources.yaml").data["sources"].items() if "url" in s)
    old = "url: %s\n" % source["url"]
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, "url: http://www.ming7.cn/china/2025/0902/copy.html\n"), encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        compile_rules(target, BUILD_DATE, deep=False)
    message = str(caught.value)
    assert (
        message.startswith("rules/sources.yaml:")
        and ":/sources/%s/url: www.ming7.cn is not on an accepted" % sid in message
    )


def test_every_rules_source_with_a_link_is_on_an_accepted_domain():
    import yaml

    domains = accepted_domains(RULES)
    sources = yaml.safe_load((RULES / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    bad = [sid for sid, s in sources.items() if "url" in s and not is_accepted(s["url"], domains)]
    assert not bad, bad
