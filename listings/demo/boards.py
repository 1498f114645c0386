"""Demo job boards in Ashby's posting-API format, generated from the demo catalogue.

Dates are whole days before ``today`` so that seeding twice on one day yields the same bytes,
and the second ingest finds every record unchanged.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

from listings.models import Role

from .catalogue import DemoEmployer, DemoRole, demo_roles

WORKPLACE = {"onsite": "OnSite", "hybrid": "Hybrid", "remote": "Remote"}
EMPLOYMENT = {
    "full_time": "FullTime",
    "part_time": "PartTime",
    "contract": "Contract",
    "internship": "Intern",
}
STATE_NAMES = dict(Role.State.choices)  # "NSW" -> "New South Wales", as Ashby writes regions


def ashby_job(role: DemoRole, *, today: date) -> dict:
    published = datetime.combine(today - timedelta(days=role.days_ago), time(9, 30), tzinfo=UTC)
    salary = []
    if role.salary_min:
        salary = [
            {
                "compensationType": "Salary",
                "interval": "1 YEAR",
                "currencyCode": "AUD",
                "minValue": role.salary_min,
                "maxValue": role.salary_max,
            }
        ]
    url = f"https://jobs.ashbyhq.com/{role.employer.slug}/{role.external_id}"
    return {
        "id": role.external_id,
        "title": role.title,
        "department": "Engineering",
        "employmentType": EMPLOYMENT[role.employment_type],
        "location": role.city,
        "publishedAt": published.isoformat(),
        "isListed": True,
        "isRemote": role.workplace == "remote",
        "workplaceType": WORKPLACE[role.workplace],
        "address": {
            "postalAddress": {
                "addressCountry": "Australia",
                "addressRegion": STATE_NAMES[role.state],
                "addressLocality": role.city,
            }
        },
        "jobUrl": url,
        "applyUrl": f"{url}/application",
        "descriptionHtml": role.description_html,
        "shouldDisplayCompensationOnJobPostings": bool(salary),
        "compensation": {"summaryComponents": salary},
    }


def ashby_boards(count: int, *, today: date) -> dict[DemoEmployer, bytes]:
    """One Ashby board per demo employer, holding that employer's share of ``count`` roles."""
    jobs: dict[DemoEmployer, list[dict]] = defaultdict(list)
    for role in demo_roles(count):
        jobs[role.employer].append(ashby_job(role, today=today))
    return {
        employer: json.dumps({"apiVersion": "1", "jobs": board}, indent=1).encode()
        for employer, board in jobs.items()
    }
