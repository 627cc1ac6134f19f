"""Visa wizard: the rule engine (standard library only) and its build-time tooling."""
