"""The wizard's state as browser-side wait functions, for tests and the benchmark. Each is safe to
poll before the page has parsed the wizard (an iframe's first document is about:blank)."""

ROOT = "document.getElementById('wizard')"


def state_is(*states: str) -> str:
    """A function (not an expression: a CSP forbids eval) true once the wizard's state is one of `states`."""
    return f"() => {{ const r = {ROOT}; return !!r && {list(states)!r}.includes(r.dataset.state); }}"


READY = state_is("ready")
FAILED = state_is("failed")
# The view shows what Python made of the current fragment.
RENDERED = (
    f"() => {{ const r = {ROOT}; return !!r && r.dataset.state === 'ready' && !r.dataset.pending"
    " && r.dataset.rendered === location.hash; }"
)
