"""Answer sequences the benchmark replays, one answer at a time (real question ids and values)."""

import datetime as dt

from sitebuild.wizard_page import build_date

# The bench's pages are dated the rules' own date (bench/run.py), so the journeys are the same on any day.
TODAY = build_date()
_TRAVEL = (TODAY + dt.timedelta(days=30)).isoformat()
_TAIL = "circumstances=none"

JOURNEYS = [
    f"purpose=work&status=outside&nationality=US&travel_date={_TRAVEL}&stay_days=365&{_TAIL}",
    f"purpose=study&status=outside&nationality=BR&travel_date={_TRAVEL}&stay_days=300&circumstances=none",
    f"purpose=family_chinese&status=outside&nationality=US&travel_date={_TRAVEL}&relationship=sibling&stay_days=90&{_TAIL}",
    f"purpose=transit&status=outside&nationality=US&travel_date={_TRAVEL}&onward=third_country&transit_hours=100",
]
