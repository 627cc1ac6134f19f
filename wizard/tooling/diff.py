"""Policy diff for reviewers: whose advice changes between two rule sets (git refs or rules
folders). `python -m wizard.tooling.diff OLD NEW [--date YYYY-MM-DD] [--max-examples N]`.
"""

import argparse
import functools
import io
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import yaml

from wizard.engine import Engine

from .arguments import add_date_argument
from .bundle import SETTINGS, compile_rules
from .diff_report import Report, static_changes
from .errors import RuleError
from .rules_date import rules_date


class UsageError(Exception):
    """An argument that names neither a rules folder nor a git commit with a rules/ folder."""


# How the diff works, for --help (the module docstring stays short).
METHOD = """Method. Both rule sets are compiled for the same date by this checkout's tooling and engine (a
ref's rules/ is extracted to a temporary folder, removed afterwards), then walked together: one
walk over the answers, each path answered by both engines.
- Numbers and dates are cut at the thresholds of both rule sets.
- Nationality takes one country per class of countries that both rule sets treat alike (the same
  memberships on every date tried, in OLD and in NEW): a country moved onto or off a list is its
  own class, or shares it only with countries moved alike, so it is named.
- A question only one rule set asks is answered on that side alone, with each of its values; the
  other sets the answer aside, as the wizard does with an answer off its path. When one side has
  all its answers, the other first takes what the engine derives from older question ids
  (wizard/engine/legacy.py), as it does for an old link.
- A path one rule set cannot take (an option or a number it does not accept) is reported as a
  path only the other has, with the outcomes it gives there.
On each path the results are compared: primary outcome, alternatives, and, for each outcome both
show, its checklist (document ids) and duties. Every single change (an outcome OLD -> NEW, an
alternative, a document or a duty added or removed) is a group, counted in paths (a path may be
in several), with the nationalities concerned and a few example answers as wizard fragments
(the answers of both walks; each wizard sets aside those it does not ask). Changed wording (same
ids, new text) and changed questions, options and policy members are listed from the rules
themselves. Exit 0 (a report, not a gate), 1 when a rule set does not compile, 2 for bad
arguments.
"""


def rules_from(spec, scratch):
    """(rules folder, label) for a folder path or a git ref; a ref's rules/ is extracted under
    `scratch`."""
    path = Path(spec)
    if path.is_dir():
        if not (path / "index.yaml").exists() and (path / "rules" / "index.yaml").exists():
            path = path / "rules"
        return path, str(path)
    commit = _git("rev-parse", "--verify", "--quiet", spec + "^{commit}")
    if commit is None:
        shallow = (_git("rev-parse", "--is-shallow-repository") or b"").strip() == b"true"
        raise UsageError(
            "%s is neither a rules folder nor a git commit%s"
            % (spec, " (this clone is shallow: git fetch --unshallow)" if shallow else "")
        )
    commit = commit.decode().strip()
    archive = _git("archive", "--format=tar", commit, "rules")
    if archive is None:
        raise UsageError("%s (%s) has no rules/ folder" % (spec, commit[:7]))
    target = Path(tempfile.mkdtemp(dir=scratch))
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target / "rules", "%s (%s)" % (spec, commit[:7])


# This checkout's rules: the settings an older rule set lacks come from here (see compile_side).
CHECKOUT_INDEX = Path(__file__).resolve().parents[2] / "rules" / "index.yaml"


def _git(*args):
    """git's stdout as bytes, or None when git fails (not a repository, unknown ref, no path)."""
    try:
        done = subprocess.run(("git",) + args, capture_output=True, check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


@functools.cache
def checkout_settings():
    """This checkout's rule-set settings (rules/index.yaml): an older rule set compiles with those
    it lacks (a window, a language), which change no one's advice."""
    if not CHECKOUT_INDEX.exists():
        return {}
    index = yaml.safe_load(CHECKOUT_INDEX.read_text("utf-8"))
    return {key: index[key] for key in SETTINGS if key in index}


def compile_side(rules_dir, label, build_date):
    """The engine for one rule set, or None after printing why it does not compile."""
    try:
        return Engine(compile_rules(rules_dir, build_date, deep=False, older_settings=checkout_settings()).bundle)
    except RuleError as exc:
        print("%s does not compile:" % label)
        for problem in exc.problems:
            print("  %s" % problem)
    except Exception as exc:  # noqa: BLE001 -- the engine cannot load rules the static checks passed (an older tree)
        print("%s does not compile:\n  %s: the engine cannot load these rules: %s" % (label, rules_dir, exc))
    return None


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m wizard.tooling.diff",
        description=__doc__,
        epilog=METHOD,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("old", metavar="OLD", help="a rules folder, or else a git ref (HEAD~1, a branch, a commit)")
    parser.add_argument("new", metavar="NEW", help="the same, for the changed rules")
    add_date_argument(parser, "the date both rule sets are compiled and walked for", "the NEW rules' date")
    parser.add_argument(
        "--max-examples",
        type=int,
        default=3,
        metavar="N",
        help="example answer paths shown per kind of change (default: 3)",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="policy-diff-") as scratch:
        try:
            (old_dir, old_label), (new_dir, new_label) = rules_from(args.old, scratch), rules_from(args.new, scratch)
        except UsageError as exc:
            print(exc)
            return 2
        today = args.date or rules_date(new_dir)
        old, new = compile_side(old_dir, "OLD " + old_label, today), compile_side(new_dir, "NEW " + new_label, today)
    if old is None or new is None:
        return 1
    print("Policy diff, OLD %s -> NEW %s, both compiled and walked for %s" % (old_label, new_label, today))
    for line in static_changes(old.bundle, new.bundle):
        print("  " + line)
    report = Report(old, new, today.isoformat())
    for line in report.lines(max(0, args.max_examples)):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
