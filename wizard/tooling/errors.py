"""Problems found in rule files, and RuleError: one line each, `rules/<file>:<location>: <reason>`."""


class Problem:
    """One finding. `location` is 'line:pointer', a pointer, or a line; `reason` is one line."""

    __slots__ = ("file", "pointer", "line", "reason")

    def __init__(self, file, pointer, reason, line=None):
        self.file = file
        self.pointer = pointer or ""
        self.line = line
        self.reason = " ".join(str(reason).split())

    @property
    def location(self):
        if self.line is not None and self.pointer:
            return "%d:%s" % (self.line, self.pointer)
        if self.line is not None:
            return str(self.line)
        return self.pointer or "/"

    def __str__(self):
        return "%s:%s: %s" % (self.file, self.location, self.reason)

    __repr__ = __str__


class RuleError(Exception):
    """Raised when rule files are broken; str() is the first problem, `.problems` has them all."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(str(self.problems[0]) if self.problems else "rules are broken")

    def __str__(self):
        return str(self.problems[0]) if self.problems else "rules are broken"


class Problems:
    """Collects problems while checking; each problem knows its file's line map."""

    def __init__(self):
        self.items = []

    def add(self, source, pointer, reason):
        """`source` is a LoadedFile (or a display path string)."""
        if isinstance(source, str):
            self.items.append(Problem(source, pointer, reason))
        else:
            self.items.append(Problem(source.display, pointer, reason, source.line_of(pointer)))

    def __bool__(self):
        return bool(self.items)

    def raise_if_any(self):
        if self.items:
            raise RuleError(self.items)
