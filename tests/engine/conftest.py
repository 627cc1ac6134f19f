"""Engine fixtures: the real rules compiled once per session (for their own date, shared with the
other test folders through tests/conftest.py), and the dated copy (tests/dated_policy.py) whose
30-day list is a fixture, for every test that needs a visa-free result by nationality."""

import pytest

import dated_policy


@pytest.fixture(scope="session")
def bundle(compiled_rules):
    return compiled_rules.bundle


@pytest.fixture(scope="session")
def engine(rules_engine):
    return rules_engine


@pytest.fixture(scope="session")
def dated_engine():
    """The engine on the dated copy; ask it on dated_policy.TODAY."""
    return dated_policy.dated_engine()


@pytest.fixture
def tourist_fr():
    """A complete set of answers for the dated copy: a French tourist (FR is on its fixture list),
    20 days from dated_policy.TRAVEL_DATE. Visa-free by nationality: no trip-scope or checklist
    questions."""
    return dict(TOURIST_FR)


TOURIST_FR = {
    "purpose": "tourism",
    "status": "outside",
    "nationality": "FR",
    "travel_date": dated_policy.TRAVEL_DATE,
    "stay_days": "20",
}
