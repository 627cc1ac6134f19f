"""JSON Schema (draft 2020-12) checks of rule files, catalogues and scenario files."""

import hashlib
import json
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from .errors import Problem, RuleError
from .yamlfiles import pointer_join, read_regular_file

KIND_SCHEMAS = {
    "index": "index.schema.json",
    "sources": "sources.schema.json",
    "policy": "policy.schema.json",
    "questions": "questions.schema.json",
    "conditions": "conditions.schema.json",
    "routes": "routes.schema.json",
    "outcomes": "outcomes.schema.json",
    "documents": "documents.schema.json",
    "duties": "duties.schema.json",
    "publishers": "publishers.schema.json",
    "changelog": "changelog.schema.json",
    "how_to_get": "how-to-get.schema.json",
    "coverage": "coverage.schema.json",
    "official_links": "official-links.schema.json",
}


# Documents found valid in this process, by (the schemas' digest, schema name, the document's digest).
# Validating is a pure function of schema and document, and the slowest part of compiling the rules:
# a process that compiles many copies of the rules (the tests, the policy diff) checks each unchanged
# file once. Only "valid" is remembered; problems are always found afresh, with their places.
_VALID: set[tuple[str, str, str]] = set()


def _digest(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=repr).encode("utf-8")).hexdigest()


class Schemas:
    """All schemas of a rules/schema folder, with their relative $refs resolvable."""

    def __init__(self, schema_dir: Path):
        self.docs = {p.name: _read_schema(p, schema_dir) for p in sorted(schema_dir.glob("*.schema.json"))}
        self.digest = _digest(self.docs)
        registry = Registry().with_resources((name, Resource.from_contents(doc)) for name, doc in self.docs.items())
        self.validators = {
            name: Draft202012Validator(doc, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)
            for name, doc in self.docs.items()
        }

    def check(self, loaded, schema_name, problems):
        """Add one problem per schema error (the most specific first); True when valid."""
        key = (self.digest, schema_name, _digest(loaded.data))
        if key in _VALID:
            return True
        validator = self.validators[schema_name]
        errors = sorted(validator.iter_errors(loaded.data), key=lambda e: (list(e.absolute_path), e.message))
        seen = set()
        for error in errors:
            leaf = _deepest(error)
            pointer = ""
            for part in leaf.absolute_path:
                pointer = pointer_join(pointer, part)
            if pointer in seen:
                continue
            seen.add(pointer)
            problems.add(loaded, pointer, _message(leaf))
        if not errors:
            _VALID.add(key)
        return not errors


def _read_schema(path, schema_dir):
    """One schema file, read with the rule files' limits (a regular file, size-bounded)."""
    display = "%s/%s/%s" % (schema_dir.parent.name, schema_dir.name, path.name)
    try:
        return json.loads(read_regular_file(path, display).decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        raise RuleError([Problem(display, "", "not a JSON schema: %s" % type(exc).__name__)]) from exc


def _deepest(error):
    """For oneOf/anyOf failures, the sub-error that got furthest is the useful one."""
    while error.context:
        error = max(error.context, key=lambda e: (len(e.absolute_path), -len(e.message)))
    return error


def _message(error):
    msg = error.message
    shown = repr(error.instance)
    if len(shown) > 60 and shown in msg:  # keep the reason readable when the value is huge
        msg = msg.replace(shown, shown[:40] + "...", 1)
    if len(msg) > 160:
        msg = msg[:157] + "..."
    if error.validator == "pattern" and "date" in str(error.schema.get("pattern", "")):
        return "%s is not a date (YYYY-MM-DD)" % json.dumps(error.instance)
    return "schema: " + msg
