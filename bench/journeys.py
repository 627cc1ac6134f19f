"""Answer sequences the benchmark replays, one answer at a time (real question ids and values)."""

import datetime as dt

_TRAVEL = (dt.date.today() + dt.timedelta(days=30)).isoformat()
_TAIL = "circumstances=none"

JOURNEYS = [
    f"purpose=work&status=outside&nationality=US&travel_date={_TRAVEL}&stay_days=365&{_TAIL}",
    f"purpose=study&status=outside&nationality=BR&travel_date={_TRAVEL}&stay_days=300&circumstances=none",
    f"purpose=family_chinese&status=outside&nationality=US&travel_date={_TRAVEL}&relationship=sibling&stay_days=90&{_TAIL}",
    f"purpose=transit&status=outside&nationality=US&travel_date={_TRAVEL}&onward=third_country&transit_hours=100",
]
