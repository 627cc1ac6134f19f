"""Reading rule files: each load gets its own data, also when the same bytes were read before."""

from wizard.tooling.yamlfiles import load


def test_two_loads_of_the_same_bytes_give_equal_data_that_does_not_share_any_object(tmp_path):
    path = tmp_path / "policy.yaml"
    path.write_text("kind: policy\nmembers:\n  - {country: FR, from: 2023-12-01}\n", encoding="utf-8")
    first = load(path, "rules/policy.yaml")
    first.data["members"][0]["country"] = "DE"  # a compile step that edits what it read
    second = load(path, "rules/policy.yaml")
    assert second.data == {"kind": "policy", "members": [{"country": "FR", "from": "2023-12-01"}]}
    assert second.line_of("/members/0/country") == 3


def test_a_file_edited_between_two_loads_is_read_afresh(tmp_path):
    path = tmp_path / "policy.yaml"
    path.write_text("kind: policy\nid: a\n", encoding="utf-8")
    assert load(path, "rules/policy.yaml").data["id"] == "a"
    path.write_text("kind: policy\n\nid: b\n", encoding="utf-8")
    again = load(path, "rules/policy.yaml")
    assert again.data["id"] == "b" and again.line_of("/id") == 3
