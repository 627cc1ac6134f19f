"""What a host would send for a request path, read from the site's hosting configs: `_headers` as
Netlify parses and matches it, and an nginx snippet as nginx picks its location. Small and faithful
to the cited behaviour, so the tests can compare both with sitebuild.script_policy.hosting_headers."""

import re
import shlex
from dataclasses import dataclass, field

# --- _headers --------------------------------------------------------------------------------------
# Netlify's parser (netlify/build, packages/headers-parser/src/line_parser.ts): lines are trimmed,
# blank and '#' lines skipped, a line starting with '/' opens a rule, other lines are `name: value`
# (split at the first colon); a line without a colon is ignored.


def parse_headers_file(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("/"):
            rules.append((line, []))
            continue
        if ":" not in line:
            continue
        name, value = (part.strip() for part in line.split(":", 1))
        if not rules:
            raise ValueError(f"_headers:{number}: header {name} before any path")
        rules[-1][1].append((name, value))
    return rules


def _part_regexp(part: str) -> str:
    if part.startswith(":"):
        return "([^/]+)"
    if part == "*":
        return "?(.*)"
    if "*" in part:
        return part.replace("*", "(.*)")  # as Netlify does: the rest of such a part is not escaped
    return re.escape(part)


def path_regexp(path: str) -> re.Pattern:
    """Netlify's matcher for a rule's path (headers-parser/src/for_regexp.ts), case-insensitive."""
    parts = [part.rstrip() for part in path.split("/") if part.rstrip()]
    return re.compile("^/" + "/".join(map(_part_regexp, parts)) + "/?$", re.I)


def headers_file_headers(text: str, path: str) -> dict[str, list[str]]:
    """Every header the matching rules give a path, in file order; a name given twice keeps both values
    (Cloudflare Pages joins them with a comma), so a caller sees any header set by two rules."""
    found: dict[str, list[str]] = {}
    for pattern, headers in parse_headers_file(text):
        if path_regexp(pattern).match(path):
            for name, value in headers:
                found.setdefault(name, []).append(value)
    return found


# --- nginx -----------------------------------------------------------------------------------------
# Location choice (nginx.org/en/docs/http/ngx_http_core_module.html#location): an exact `=` match ends
# the search; else the longest matching prefix is remembered, and used at once if it is `^~`; else the
# regex locations are tried in order and the first match is used; else the remembered prefix.
# A URI ending in '/' is served by an internal redirect to its index file (index.html by default),
# "processed in a different location" (nginx.org/r/index).


@dataclass
class Location:
    modifier: str
    pattern: str
    add_header: list[tuple[str, str, bool]] = field(default_factory=list)  # name, value, always
    types: dict[str, str] = field(default_factory=dict)  # extension -> type


def _tokens(text: str) -> list[str]:
    lexer = shlex.shlex(text, posix=True, punctuation_chars=";{}")  # '#' starts a comment
    lexer.escape = ""  # nginx keeps a regex's backslashes
    lexer.wordchars += "~^=*\\.$:/-"
    return list(lexer)


def parse_nginx(text: str) -> list[Location]:
    """The snippet's location blocks (it sets nothing outside them)."""
    tokens, locations, at = _tokens(text), [], 0
    while at < len(tokens):
        if tokens[at] != "location":
            raise ValueError(f"nginx snippet: expected a location block, found {tokens[at]!r}")
        brace = tokens.index("{", at)
        words = tokens[at + 1 : brace]
        location = Location(*(words if len(words) == 2 else ["", words[0]]))
        at = brace + 1
        while tokens[at] != "}":
            end = tokens.index(";", at) if tokens[at] != "types" else tokens.index("}", at)
            directive = tokens[at:end]
            if directive[0] == "add_header":
                location.add_header.append((directive[1], directive[2], directive[3:] == ["always"]))
            elif directive[0] == "types":
                entries = " ".join(directive[2:]).split(";")
                for entry in filter(str.strip, entries):
                    mime, *extensions = entry.split()
                    location.types.update(dict.fromkeys(extensions, mime))
            else:
                raise ValueError(f"nginx snippet: a directive this reader does not know: {directive}")
            at = end + 1
        locations.append(location)
        at += 1
    return locations


def nginx_location(locations: list[Location], uri: str) -> Location | None:
    for location in locations:
        if location.modifier == "=" and location.pattern == uri:
            return location
    prefixes = [loc for loc in locations if loc.modifier in ("", "^~") and uri.startswith(loc.pattern)]
    longest = max(prefixes, key=lambda loc: len(loc.pattern), default=None)
    if longest is not None and longest.modifier == "^~":
        return longest
    for location in locations:
        if location.modifier in ("~", "~*") and re.search(
            location.pattern, uri, re.I if location.modifier == "~*" else 0
        ):
            return location
    return longest


def nginx_headers(text: str, path: str) -> dict[str, list[str]]:
    """The headers the snippet's chosen location adds to a response for path (Content-Type from its
    own types map); an add_header without `always` is left out, as on an error response."""
    uri = path + "index.html" if path.endswith("/") else path
    location = nginx_location(parse_nginx(text), uri)
    found: dict[str, list[str]] = {}
    if location is None:
        return found
    for name, value, always in location.add_header:
        if always:
            found.setdefault(name, []).append(value)
    extension = uri.rsplit(".", 1)[-1] if "." in uri.rsplit("/", 1)[-1] else ""
    if extension in location.types:
        found.setdefault("Content-Type", []).append(location.types[extension])
    return found
