"""Build-time tooling for the MkDocs site: what the hooks in overrides/hooks call."""
