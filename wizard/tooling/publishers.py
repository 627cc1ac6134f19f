"""The accepted source publishers (rules/publishers.yaml) and whether a URL is on one of them:
one list for the rules check (checks.py) and the guide-page check (sitebuild).
"""

from pathlib import Path
from urllib.parse import urlparse

from .yamlfiles import load

PUBLISHERS_FILE = "publishers.yaml"


def accepted_domains(rules_root) -> tuple:
    """The accepted domains, lower case, as listed in <rules_root>/publishers.yaml.

    Raises RuleError (file:line: reason) when the file cannot be read or parsed; the schema
    check of the rules build says what is wrong with its shape.
    """
    path = Path(rules_root) / PUBLISHERS_FILE
    loaded = load(path, "%s/%s" % (Path(rules_root).name, PUBLISHERS_FILE))
    data = loaded.data if isinstance(loaded.data, dict) else {}
    return normalised(data.get("domains") or ())


def normalised(domains) -> tuple:
    """Domains as compared: lower case, no surrounding space or trailing dot."""
    return tuple(str(d).strip().lower().rstrip(".") for d in domains)


def host_of(url) -> str:
    """The URL's host name, lower case, without port or trailing dot ('' when it has none)."""
    try:
        host = urlparse(str(url).strip()).hostname or ""
    except ValueError:  # e.g. a malformed IPv6 literal
        return ""
    return host.rstrip(".").lower()


def is_accepted(url, domains) -> bool:
    """True when the URL is http(s) and its host is an accepted domain or a subdomain of one.

    'gov.cn' accepts 'www.gov.cn' and 'cs.mfa.gov.cn' but not 'notgov.cn' or 'gov.cn.example.com'.
    """
    if urlparse(str(url).strip()).scheme not in ("http", "https"):
        return False
    host = host_of(url)
    if not host:
        return False
    return any(host == d or host.endswith("." + d) for d in domains)
