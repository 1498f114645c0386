"""The search URLs `make bench` rotates through: what seekers actually ask for.

Visa, state, workplace, salary, type and specialty filters alone and combined; keywords
common (most roles) and rare (a few hundred or none); relevance, newest and salary sorts;
later pages. Deterministic, so runs compare.
"""

from __future__ import annotations

from urllib.parse import urlencode

KEYWORDS = [
    # common: in a large share of roles
    "machine learning",
    "python",
    "pytorch",
    "data scientist",
    "senior",
    "aws",
    # middling
    "fraud pytorch",
    "computer vision",
    "nlp",
    "forecasting",
    "kubernetes spark",
    "llm",
    '"reinforcement learning"',
    "recommendations -senior",
    "speech or audio",
    "mlops engineer",
    # rare: a handful of roles, or none
    "haskell",
    "julia",
    "fortran",
    "ocaml genomics",
    "quantitative researcher",
    "aquaculture",
]
VISAS = [["482"], ["186"], ["494"], ["482", "186"]]
STATES = [["NSW"], ["VIC"], ["QLD"], ["WA"], ["SA"], ["ACT"], ["TAS"], ["NT"], ["NSW", "VIC"]]
WORKPLACES = ["onsite", "hybrid", "remote"]
SALARIES = [90_000, 120_000, 150_000, 180_000, 220_000]
SPECIALTIES = ["nlp", "computer-vision", "mlops", "llm", "data-science", "forecasting"]
STREAMS = ["482-core", "482-specialist", "186-trt", "186-direct-entry"]
TYPES = ["contract", "part_time", "internship"]


def _url(**params) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "", [])}, doseq=True)
    return f"/jobs/?{query}" if query else "/jobs/"


def search_urls() -> list[str]:
    """At least 100 distinct, realistic /jobs/ URLs."""
    urls = [_url(), _url(sponsorship="any"), _url(sort="salary"), _url(page=2), _url(page=5)]
    urls += [_url(visa=v) for v in VISAS]
    urls += [_url(state=s) for s in STATES]
    urls += [_url(workplace=w) for w in WORKPLACES]
    urls += [_url(salary_min=s) for s in SALARIES]
    urls += [_url(specialty=s) for s in SPECIALTIES]
    urls += [_url(stream=s) for s in STREAMS]
    urls += [_url(type=t) for t in TYPES]
    urls += [_url(q=q) for q in KEYWORDS]
    # Combined, as seekers narrow down: visa x state, then more.
    for i, visa in enumerate(VISAS):
        for state in STATES[i % 3 :: 3]:
            urls.append(_url(visa=visa, state=state))
    for i, q in enumerate(KEYWORDS):
        urls.append(
            _url(
                q=q,
                visa=VISAS[i % len(VISAS)],
                state=STATES[i % len(STATES)] if i % 2 else None,
                workplace=WORKPLACES[i % 3] if i % 3 == 0 else None,
            )
        )
    for i, salary in enumerate(SALARIES):
        urls.append(_url(visa="482", salary_min=salary, workplace=WORKPLACES[i % 3], sort="salary"))
        urls.append(_url(state=STATES[i][0], specialty=SPECIALTIES[i], salary_min=salary))
    for i, specialty in enumerate(SPECIALTIES):
        urls.append(_url(specialty=specialty, stream=STREAMS[i % len(STREAMS)], sort="newest"))
    # Later pages of broad searches.
    urls += [_url(visa="482", page=p) for p in (2, 3, 10)]
    urls += [_url(q="python", page=p) for p in (2, 4)]
    urls += [_url(state="NSW", workplace="hybrid", page=3), _url(sort="salary", page=20)]
    urls += [_url(visa="482", state="VIC", q="pytorch", sort="newest", page=2)]
    return list(dict.fromkeys(urls))
