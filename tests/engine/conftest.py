"""Engine fixtures: the real rules compiled once per session (build date 2026-11-23)."""
import datetime as dt
from pathlib import Path

import pytest

from wizard.engine import Engine
from wizard.tooling.bundle import compile_rules

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def bundle():
    return compile_rules(ROOT / "rules", dt.date(2026, 11, 23), deep=False).bundle


@pytest.fixture(scope="session")
def engine(bundle):
    return Engine(bundle)


@pytest.fixture
def tourist_fr():
    """A complete set of answers: a French tourist, 20 days from 1 December 2026."""
    return dict(TOURIST_FR)


TOURIST_FR = {"purpose": "tourism", "status": "outside", "nationality": "FR", "travel_date": "2026-12-01",
              "stay_days": "20"}  # visa-free by nationality: no trip-scope or checklist questions
