"""The wizard's web layer: turns a URL fragment into the engine's answers and its view into HTML.

Standard library only: it runs at build time (to pre-render the first question) and in the browser.
"""
