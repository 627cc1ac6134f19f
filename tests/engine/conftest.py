"""Engine fixtures: the real rules compiled once per session (build date 2026-11-23, shared with
the other test folders through tests/conftest.py)."""

import pytest


@pytest.fixture(scope="session")
def bundle(compiled_rules):
    return compiled_rules.bundle


@pytest.fixture(scope="session")
def engine(rules_engine):
    return rules_engine


@pytest.fixture
def tourist_fr():
    """A complete set of answers: a French tourist, 20 days from 1 December 2026."""
    return dict(TOURIST_FR)


TOURIST_FR = {
    "purpose": "tourism",
    "status": "outside",
    "nationality": "FR",
    "travel_date": "2026-12-01",
    "stay_days": "20",
}  # visa-free by nationality: no trip-scope or checklist questions
