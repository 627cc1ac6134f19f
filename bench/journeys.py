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

# The eight results of issue 27, by the answers their paths ask (exactly those) and the outcome each
# must end in. The phone test of the first screen and the result-size bench both replay them.
_SOON = (TODAY + dt.timedelta(days=20)).isoformat()
RESULT_JOURNEYS = {
    "L": (
        "purpose=tourism&status=outside&nationality=US&stay_days=20&trip_scope=mainland&circumstances=none"
        "&special_status=none",
        "visa_l",
    ),
    "240-hour transit": (
        "purpose=transit&status=outside&nationality=US&onward=third_country&transit_hours=100",
        "vf_transit_240",
    ),
    "30-day visa-free": (
        f"purpose=tourism&status=outside&nationality=FR&travel_date={_SOON}&stay_days=10",
        "vf_unilateral_30",
    ),
    "Z": ("purpose=work&status=outside&nationality=NG&stay_days=365&circumstances=none", "visa_z"),
    "X1": ("purpose=study&status=outside&nationality=NG&stay_days=365&circumstances=none", "visa_x1"),
    "Q2": (
        "purpose=family_chinese&status=outside&nationality=NG&relationship=parent&stay_days=60&circumstances=none"
        "&special_status=none",
        "visa_q2",
    ),
    "PR": ("purpose=settle&status=in_china&pr_basis=spouse&marriage_years=5&residence_years=5", "pr_apply"),
    "residence renewal": ("purpose=work&status=in_china&china_task=renew_permit&stay_ended=no", "rp_renewal"),
}
