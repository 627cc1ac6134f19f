"""The shared --date argument: every rule tool refuses a malformed date the same way, in one line."""

import datetime as dt

import pytest

from wizard.tooling import bundle, cli, diff, enumerate as enumerate_paths, validate
from wizard.tooling.arguments import iso_date

from shared_rules import BUILD_DATE, TODAY

TOOLS = {
    "bundle": (bundle.main, ["--out", "unused.json"]),
    "validate": (validate.main, ["--quick"]),
    "enumerate": (enumerate_paths.main, []),
    "diff": (diff.main, ["rules", "rules"]),
    "cli": (cli.main, []),
}


def test_a_date_in_iso_form_is_read_as_that_day():
    assert iso_date(TODAY) == BUILD_DATE
    assert iso_date("2030-02-28") == dt.date(2030, 2, 28)


@pytest.mark.parametrize("tool", sorted(TOOLS))
@pytest.mark.parametrize("text", ["2026-13-01", "29/11/2026", "tomorrow"])
def test_every_tool_refuses_a_malformed_date_before_doing_any_work(tool, text, capsys):
    main, other_arguments = TOOLS[tool]
    with pytest.raises(SystemExit) as exited:
        main([*other_arguments, "--date", text])
    assert exited.value.code == 2
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert error.endswith("error: argument --date: must be YYYY-MM-DD, not %r" % text)
