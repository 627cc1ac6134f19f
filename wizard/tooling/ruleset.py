"""Find, parse and schema-check every file of a rules folder; group the data by kind."""

import itertools
import time
from pathlib import Path

from .errors import Problems, RuleError
from .schemas import KIND_SCHEMAS, Schemas
from .yamlfiles import MAX_FILES, MAX_TOTAL_BYTES, TIME_BUDGET_SECONDS, load

SINGLE_KINDS = ("index", "sources", "questions", "conditions", "routes", "documents", "duties", "how_to_get")


class RuleSet:
    """The parsed rule files: `single[kind]` for one-per-set kinds, lists for the rest."""

    def __init__(self, root):
        self.root = root
        self.single = {}
        self.policies = []  # LoadedFile per policy
        self.outcomes = []  # LoadedFile per outcomes file
        self.messages = {}  # lang -> LoadedFile
        self.schemas = None


def display_path(root, path):
    return "%s/%s" % (root.name, path.relative_to(root).as_posix())


def read(root: Path):
    """Load and schema-check everything. Raises RuleError with every problem found."""
    root = Path(root)
    problems = Problems()
    rules = RuleSet(root)
    schema_dir = root / "schema"
    if not schema_dir.is_dir():
        raise RuleError([_p(root.name + "/schema", "the schema folder is missing")])
    rules.schemas = Schemas(schema_dir)
    deadline = time.monotonic() + TIME_BUDGET_SECONDS
    found = (p for p in root.rglob("*.yaml") if p.relative_to(root).parts[0] not in ("schema", "messages", "scenarios"))
    files = sorted(itertools.islice(found, MAX_FILES + 1))
    if len(files) > MAX_FILES:
        raise RuleError(
            [_p(root.name, "more than %d rule files; the rules may have at most %d" % (MAX_FILES, MAX_FILES))]
        )
    total = 0

    def load_counted(path):
        nonlocal total
        loaded = load(path, display_path(root, path), deadline)
        total += loaded.size
        if total > MAX_TOTAL_BYTES:
            raise RuleError(
                [_p(loaded.display, "the rule files together pass %d bytes; stopped here" % MAX_TOTAL_BYTES)]
            )
        return loaded

    for path in files:
        try:
            loaded = load_counted(path)
        except RuleError as exc:
            problems.items += exc.problems
            if total > MAX_TOTAL_BYTES:
                break
            continue
        data = loaded.data
        kind = data.get("kind") if isinstance(data, dict) else None
        if isinstance(kind, (list, dict)):  # unhashable: it cannot even be looked up in KIND_SCHEMAS
            shape = "list" if isinstance(kind, list) else "mapping"
            problems.add(loaded, "/kind", "kind is a %s; expected one of %s" % (shape, ", ".join(KIND_SCHEMAS)))
            continue
        if kind not in KIND_SCHEMAS:
            problems.add(
                loaded, "/kind", "unknown or missing kind %r; expected one of %s" % (kind, ", ".join(KIND_SCHEMAS))
            )
            continue
        if not rules.schemas.check(loaded, KIND_SCHEMAS[kind], problems):
            continue
        if kind == "policy":
            rules.policies.append(loaded)
        elif kind == "outcomes":
            rules.outcomes.append(loaded)
        elif kind in rules.single:
            problems.add(
                loaded, "/kind", "a second %r file; %s already defines it" % (kind, rules.single[kind].display)
            )
        else:
            rules.single[kind] = loaded
    for kind in SINGLE_KINDS if not problems else ():  # a file that failed to load may be it
        if kind not in rules.single and kind != "conditions":
            problems.add("%s/%s.yaml" % (root.name, kind), "", "missing: no file with kind %r" % kind)
    for path in sorted(itertools.islice((root / "messages").glob("*.yaml"), MAX_FILES)):
        try:
            loaded = load_counted(path)
        except RuleError as exc:
            problems.items += exc.problems
            continue
        if rules.schemas.check(loaded, "messages.schema.json", problems):
            rules.messages[path.stem] = loaded
    if not rules.messages:
        problems.add(root.name + "/messages", "", "no message catalogue found")
    problems.raise_if_any()
    return rules


def _p(file, reason):
    from .errors import Problem

    return Problem(file, "", reason)
