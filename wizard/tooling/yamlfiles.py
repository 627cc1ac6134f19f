"""Read YAML rule files into plain data with the line of every node, refusing hostile files (limits below).
Only true/false are booleans (NO, Norway's code, and yes/no stay strings); dates stay ISO strings.
"""

import hashlib
import os
import pickle
import stat
import sys
import time

import yaml

from .errors import Problem, RuleError

# libyaml's parser when PyYAML has it (5-10x faster); the pure-Python one otherwise.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STRING_TAGS = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool"}

# Limits, each far above what the real rules need (largest file 34 KB, deepest nesting 10, 41 files)
# and far below what hurts: libyaml's composer recurses in C (50,000 levels kill the process), the
# conversion and the schema check recurse in Python, and aliases multiply work ("billion laughs").
MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 50
MAX_FILES = 300
MAX_TOTAL_BYTES = 16 * 1024 * 1024
# Reading and checking every rule file takes well under a second; a file that is still being
# scanned after this long is refused rather than holding the build.
TIME_BUDGET_SECONDS = 20.0
_CLOCK_EVERY = 4096  # events between looks at the clock

# Files parsed in this process, by the digest of their bytes: (data, lines), pickled so each load
# gets its own copy. A process that reads many copies of the rules (the tests, the policy diff)
# parses each unchanged file once. Only files that parsed are kept; a refused file is read afresh.
_PARSED: dict[bytes, bytes] = {}


class LoadedFile:
    """A parsed file: its data, its display path (rules/...) and pointer -> line."""

    def __init__(self, path, display, data, lines, size=0):
        self.path = path
        self.display = display
        self.data = data
        self.lines = lines
        self.size = size

    def line_of(self, pointer):
        """Line of the node at `pointer`, or of its nearest ancestor."""
        pointer = pointer or ""
        while True:
            if pointer in self.lines:
                return self.lines[pointer]
            if not pointer:
                return None
            pointer = pointer.rsplit("/", 1)[0]


def pointer_join(base, key):
    return "%s/%s" % (base, str(key).replace("~", "~0").replace("/", "~1"))


class _BadNode(Exception):
    """A node the conversion refuses, with the line and pointer to report it at."""

    def __init__(self, line, pointer, reason):
        super().__init__(reason)
        self.line, self.pointer, self.reason = line, pointer, reason


def _convert(node, pointer, lines, loader):
    lines[pointer] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = {}
        for key_node, value_node in node.value:
            key = _convert(key_node, pointer + "/?", {}, loader)
            if not isinstance(key, str):
                key = str(key)
            if key in out:  # YAML would keep the last value and silently lose the first
                line = key_node.start_mark.line + 1
                raise _BadNode(line, pointer_join(pointer, key), "duplicate key %r; write each key once" % key)
            out[key] = _convert(value_node, pointer_join(pointer, key), lines, loader)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, pointer_join(pointer, i), lines, loader) for i, item in enumerate(node.value)]
    if node.tag in _STRING_TAGS and node.value.lower() not in ("true", "false"):
        return node.value
    try:
        return loader.construct_object(node, deep=True)
    except ValueError as exc:  # int() past Python's digit limit, or a value its constructor refuses
        line = node.start_mark.line + 1
        digits = sum(ch.isdigit() for ch in node.value)
        if node.tag == "tag:yaml.org,2002:int" and digits > sys.get_int_max_str_digits():
            reason = "an integer of %d digits; rule files may use at most %d" % (digits, sys.get_int_max_str_digits())
        else:
            reason = "cannot read the value: %s" % exc
        raise _BadNode(line, pointer, reason) from None


def _refuse(display, reason, line=None):
    raise RuleError([Problem(display, "", reason, line)])


def read_regular_file(path, display, limit=MAX_FILE_BYTES):
    """The bytes of `path` if it is a regular file within `limit`; RuleError otherwise.

    stat() comes before open(): opening a FIFO would wait for a writer forever."""
    try:
        info = os.stat(path)
    except OSError as exc:
        _refuse(display, "cannot read the file: %s" % exc.strerror)
    if not stat.S_ISREG(info.st_mode):
        _refuse(display, "not a regular file; rule files must be plain files")
    if info.st_size > limit:
        _refuse(display, "the file is %d bytes; a rule file may have at most %d" % (info.st_size, limit))
    try:
        with open(path, "rb", opener=lambda name, flags: os.open(name, flags | os.O_NONBLOCK)) as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        _refuse(display, "cannot read the file: %s" % exc.strerror)
    if len(data) > limit:  # it grew since stat()
        _refuse(display, "the file is over %d bytes; a rule file may have at most %d" % (limit, limit))
    return data


def _scan(text, display, deadline):
    """Walk the parser's events (libyaml's parser keeps its own stack: no recursion) and refuse
    aliases and deep nesting before anything recursive sees the file."""
    depth = 0
    count = 0
    for event in yaml.parse(text, Loader=_Loader):
        count += 1
        if isinstance(event, yaml.AliasEvent):
            _refuse(
                display,
                "YAML alias *%s: aliases are not allowed in rule files; write the value out" % event.anchor,
                event.start_mark.line + 1,
            )
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                _refuse(display, "nested more than %d levels deep" % MAX_DEPTH, event.start_mark.line + 1)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        if count % _CLOCK_EVERY == 0 and time.monotonic() > deadline:
            _refuse(
                display,
                "still reading after %g seconds; the file is too complex" % TIME_BUDGET_SECONDS,
                event.start_mark.line + 1,
            )


def load(path, display, deadline=None):
    """Parse one file; a syntax error or a refused file raises RuleError naming the file and line."""
    if deadline is None:
        deadline = time.monotonic() + TIME_BUDGET_SECONDS
    raw = read_regular_file(path, display)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        _refuse(display, "not UTF-8 text: %s" % exc.reason, raw.count(b"\n", 0, exc.start) + 1)
    digest = hashlib.sha256(raw).digest()
    if digest in _PARSED:
        data, lines = pickle.loads(_PARSED[digest])
        return LoadedFile(path, display, data, lines, len(raw))
    loader = None
    try:
        _scan(text, display, deadline)
        loader = _Loader(text)
        node = loader.get_single_node()
        lines = {"": 1}  # an empty file's problems are at line 1
        data = _convert(node, "", lines, loader) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise RuleError([Problem(display, "", "YAML syntax error: %s" % (exc.problem or exc.context), line)]) from exc
    except yaml.reader.ReaderError as exc:  # a character YAML refuses, at a byte offset (libyaml's)
        line = raw.count(b"\n", 0, exc.position) + 1
        char = exc.character if isinstance(exc.character, int) else ord(exc.character[:1] or "\0")
        raise RuleError(
            [Problem(display, "", "character U+%04X is not allowed: %s" % (char, exc.reason), line)]
        ) from exc
    except _BadNode as exc:
        raise RuleError([Problem(display, exc.pointer, exc.reason, exc.line)]) from exc
    except (yaml.YAMLError, ValueError) as exc:
        raise RuleError([Problem(display, "", "YAML error: %s" % exc)]) from exc
    except (RecursionError, MemoryError) as exc:  # the limits above should make these unreachable
        raise RuleError([Problem(display, "", "too complex to read (%s)" % type(exc).__name__)]) from exc
    finally:
        if loader is not None:
            loader.dispose()
    _PARSED[digest] = pickle.dumps((data, lines), protocol=pickle.HIGHEST_PROTOCOL)
    return LoadedFile(path, display, data, lines, len(raw))
