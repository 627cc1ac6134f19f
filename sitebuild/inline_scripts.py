"""Every page's script policy in the HTML: Material's inline scripts moved into files (same order, still
parser-blocking) and a <meta> Content-Security-Policy added, so no page needs 'unsafe-inline'."""

import hashlib
import re
from pathlib import Path

from markupsafe import Markup

from .html_templates import render

FOLDER = "assets/javascripts/inline/"
# A classic inline script: no src, and a type that is JavaScript (JSON data blocks stay inline).
SCRIPT = re.compile(r"<script(?P<attrs>(?:\s+[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.I)
HAS_POLICY = re.compile(r"<meta\s+http-equiv=[\"']Content-Security-Policy[\"']", re.I)


class PageShapeChanged(RuntimeError):
    """A page lacks what the rewriting relies on (its charset <meta>)."""


def _is_inline_javascript(attrs: str) -> bool:
    if re.search(r"\bsrc\s*=", attrs, re.I):
        return False
    kind = re.search(r"\btype\s*=\s*[\"']?([^\"'\s>]+)", attrs, re.I)
    return kind is None or kind.group(1).lower() in ("text/javascript", "application/javascript", "module")


def file_name(body: str) -> str:
    return FOLDER + hashlib.sha256(body.encode("utf-8")).hexdigest()[:20] + ".js"


def externalize(html: str, site_root: str, site_dir: Path, policy: str) -> str:
    """The page with each inline script as a file under site_dir/FOLDER (site_root: the relative or
    absolute URL of the site root from this page) and `policy` in a <meta> unless it has its own."""

    def move(match):
        attrs, body = match.group("attrs") or "", match.group("body")
        if not _is_inline_javascript(attrs) or not body.strip():
            return match.group(0)
        name = file_name(body)
        target = site_dir / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body, encoding="utf-8")
        # The page's own attributes go in as written: they are Material's markup, already HTML.
        return render("external-script.html", attributes=Markup(attrs), src=site_root + name)

    html = SCRIPT.sub(move, html)
    if HAS_POLICY.search(html):
        return html
    charset = CHARSET.search(html)
    if not charset:
        raise PageShapeChanged("no <meta charset=utf-8> to put the Content-Security-Policy after")
    meta = render("policy-meta.html", policy=policy)
    return html[: charset.end()] + meta + html[charset.end() :]
