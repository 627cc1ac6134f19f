"""Build-time tooling for the wizard: validate and compile rules, enumerate paths, the CLI.

May use third-party packages (jsonschema, PyYAML, Babel); never shipped to the browser.
"""
