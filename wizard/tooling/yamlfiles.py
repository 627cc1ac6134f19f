"""Read YAML rule files into plain data, remembering the line of every node (for messages).

Only true/false are booleans (NO, Norway's code, and yes/no stay strings); dates stay ISO strings.
"""
import yaml

from .errors import Problem, RuleError

# libyaml's parser when PyYAML has it (5-10x faster); the pure-Python one otherwise.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STRING_TAGS = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool"}


class LoadedFile:
    """A parsed file: its data, its display path (rules/...) and pointer -> line."""

    def __init__(self, path, display, data, lines):
        self.path = path
        self.display = display
        self.data = data
        self.lines = lines

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


def _convert(node, pointer, lines, loader):
    lines[pointer] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = {}
        for key_node, value_node in node.value:
            key = _convert(key_node, pointer + "/?", {}, loader)
            if not isinstance(key, str):
                key = str(key)
            if key in out:
                raise ValueError("line %d: duplicate key %r" % (key_node.start_mark.line + 1, key))
            out[key] = _convert(value_node, pointer_join(pointer, key), lines, loader)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, pointer_join(pointer, i), lines, loader) for i, item in enumerate(node.value)]
    if node.tag in _STRING_TAGS and node.value.lower() not in ("true", "false"):
        return node.value
    return loader.construct_object(node, deep=True)


def load(path, display):
    """Parse one file; a syntax error raises RuleError naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError([Problem(display, "", "cannot read the file: %s" % exc)])
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        lines = {}
        data = _convert(node, "", lines, loader) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise RuleError([Problem(display, "", "YAML syntax error: %s" % (exc.problem or exc.context), line)])
    except (yaml.YAMLError, ValueError) as exc:
        raise RuleError([Problem(display, "", "YAML error: %s" % exc)])
    finally:
        loader.dispose()
    return LoadedFile(path, display, data, lines)
