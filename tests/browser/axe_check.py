"""axe-core run in a page under the site's script policy: its source is evaluated through DevTools,
because the policy refuses a script tag (as it should)."""

from sitebuild.paths import NODE_MODULES

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")


def violations(page, context: str = "document", impacts: tuple[str, ...] | None = None) -> list[str]:
    """axe's violations in `context` (a JS expression for the node to check), one line each."""
    page.evaluate(AXE.read_text("utf-8"))
    found = page.evaluate(
        f"async () => (await axe.run({context})).violations.map("
        "v => ({id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' '))}))"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {v['targets']}"
        for v in found
        if impacts is None or v["impact"] in impacts
    ]
