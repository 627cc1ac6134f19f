"""The script policies and response headers, defined once in sitebuild/script_policy.py."""

from sitebuild import script_policy


def test_the_hosting_headers_match_the_documented_policy():
    assert (
        script_policy.hosting_headers("/wizard-embed/")["Content-Security-Policy"]
        == script_policy.EMBED_CSP + "; frame-ancestors http: https:"
    )
    assert script_policy.hosting_headers("/zh/wizard-embed/index.html")["Content-Security-Policy"].startswith(
        script_policy.EMBED_CSP
    )
    assert script_policy.hosting_headers("/wizard/") == {
        "Content-Security-Policy": script_policy.WIZARD_PAGE_CSP + "; frame-ancestors 'none'",
        "X-Frame-Options": "DENY",
    }
    assert (
        script_policy.hosting_headers("/visas/")["Content-Security-Policy"]
        == script_policy.PAGE_CSP + "; frame-ancestors 'none'"
    )
    assert script_policy.hosting_headers("/pyodide/pyodide.asm.wasm") == {"Content-Type": "application/wasm"}


def test_the_embed_policy_allows_webassembly_but_no_eval_and_no_inline_script():
    policy = script_policy.EMBED_CSP
    assert "'wasm-unsafe-eval'" in policy and "'unsafe-eval'" not in policy.replace("'wasm-unsafe-eval'", "")
    assert "'unsafe-inline'" not in policy and "default-src 'none'" in policy
