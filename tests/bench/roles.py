"""Invented but realistic roles in bulk, for `seed_bench`: the shape of a busy board.

Deterministic for a seed. Compared with the demo catalogue it has hundreds of employers,
weighted states and workplaces, salaries that spread around the thresholds, a mix of
statuses (so filters have something to exclude) and a vocabulary with common and rare
words, so keyword searches return anything from a handful of roles to most of them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from listings.demo.catalogue import DUTIES, OFFERS

PREFIXES = [
    "Banksia",
    "Kookaburra",
    "Wattle",
    "Coral",
    "Ironbark",
    "Southern",
    "Tasman",
    "Harbour",
    "Outback",
    "Bluegum",
    "Eucalypt",
    "Quokka",
    "Wombat",
    "Echidna",
    "Platypus",
    "Galah",
    "Jacaranda",
    "Mallee",
    "Spinifex",
    "Boab",
    "Numbat",
    "Bilby",
    "Lyrebird",
    "Cassowary",
    "Kestrel",
    "Sandstone",
    "Granite",
    "Saltbush",
    "Brolga",
    "Magpie",
]
SUFFIXES = [
    "Analytics",
    "AI",
    "Labs",
    "Robotics",
    "Health",
    "Data",
    "Insights",
    "Systems",
    "Intelligence",
    "Software",
    "Energy",
    "Bank",
    "Insurance",
    "Logistics",
    "Retail Tech",
    "Mining Tech",
    "Vision",
    "Genomics",
    "Fintech",
    "Media",
]
DOMAINS = [
    ("fraud detection for payments", ["fraud", "payments", "risk"]),
    ("clinical decision support", ["clinical", "health", "imaging"]),
    ("demand forecasting for retailers", ["retail", "forecasting", "supply"]),
    ("predictive maintenance on mine sites", ["mining", "maintenance", "sensors"]),
    ("crop yield prediction", ["agriculture", "satellite", "yield"]),
    ("grid and renewables forecasting", ["energy", "grid", "renewables"]),
    ("claims automation for insurers", ["insurance", "claims", "documents"]),
    ("personalised recommendations for travel", ["travel", "recommendations", "ranking"]),
    ("autonomous navigation for warehouses", ["robotics", "autonomy", "warehouse"]),
    ("speech recognition for Australian English", ["speech", "audio", "accents"]),
    ("credit risk models for lenders", ["credit", "lending", "risk"]),
    ("genomic variant interpretation", ["genomics", "bioinformatics", "variants"]),
    ("satellite imagery of northern Australia", ["geospatial", "satellite", "imagery"]),
    ("search ranking for an online marketplace", ["search", "marketplace", "ranking"]),
    ("aquaculture computer vision", ["aquaculture", "marine", "vision"]),
]
# (title, seniority, specialties, ANZSCO, salary band): ordinary titles are common, niche ones rare.
TITLES = [
    ("Machine Learning Engineer", "mid", ["mlops"], "261313", (130_000, 170_000), 14),
    (
        "Senior Machine Learning Engineer",
        "senior",
        ["mlops", "llm"],
        "261313",
        (170_000, 215_000),
        10,
    ),
    ("Data Scientist", "mid", ["data-science"], "224115", (115_000, 150_000), 12),
    (
        "Senior Data Scientist",
        "senior",
        ["data-science", "forecasting"],
        "224115",
        (150_000, 195_000),
        8,
    ),
    ("NLP Engineer", "mid", ["nlp", "llm"], "261399", (140_000, 175_000), 5),
    ("Computer Vision Engineer", "mid", ["computer-vision"], "261313", (135_000, 175_000), 5),
    ("LLM Engineer", "senior", ["llm", "nlp"], "261313", (175_000, 225_000), 6),
    ("MLOps Engineer", "mid", ["mlops"], "261313", (130_000, 165_000), 6),
    (
        "Applied Scientist, Recommendations",
        "senior",
        ["recommender-systems"],
        "224115",
        (165_000, 210_000),
        3,
    ),
    (
        "Research Scientist, Reinforcement Learning",
        "lead",
        ["reinforcement-learning", "research"],
        "224115",
        (185_000, 245_000),
        1,
    ),
    ("Speech Recognition Engineer", "mid", ["speech"], "261399", (135_000, 170_000), 2),
    ("Junior Machine Learning Engineer", "junior", ["mlops"], "261313", (80_000, 100_000), 4),
    ("Graduate Data Scientist", "graduate", ["data-science"], "224115", (70_000, 85_000), 3),
    ("Principal AI Engineer", "principal", ["llm", "mlops"], "261313", (225_000, 290_000), 1),
    (
        "Forecasting Scientist",
        "mid",
        ["forecasting", "data-science"],
        "224115",
        (125_000, 160_000),
        2,
    ),
    ("Data Engineer, ML Platform", "mid", ["mlops"], "261313", (125_000, 160_000), 5),
    (
        "Bioinformatics Machine Learning Scientist",
        "senior",
        ["research", "data-science"],
        "224115",
        (140_000, 180_000),
        1,
    ),
    (
        "Quantitative Researcher, Machine Learning",
        "senior",
        ["research", "forecasting"],
        "224115",
        (190_000, 260_000),
        1,
    ),
]
# Tools named in ads: a few in most of them, a long tail in few (Zipf-like weights).
TOOLS = [
    ("Python", 60),
    ("SQL", 40),
    ("PyTorch", 35),
    ("AWS", 25),
    ("Docker", 22),
    ("Kubernetes", 15),
    ("TensorFlow", 14),
    ("Spark", 12),
    ("Airflow", 9),
    ("GCP", 8),
    ("Azure", 8),
    ("scikit-learn", 8),
    ("XGBoost", 7),
    ("Databricks", 6),
    ("dbt", 5),
    ("JAX", 4),
    ("Hugging Face", 4),
    ("Ray", 3),
    ("Triton", 2),
    ("ONNX", 2),
    ("Rust", 2),
    ("Scala", 2),
    ("CUDA", 2),
    ("Go", 1),
    ("Julia", 0.6),
    ("Haskell", 0.3),
    ("OCaml", 0.2),
    ("Fortran", 0.15),
]
# (state, weight, cities); remote roles sometimes name no city at all.
STATES = [
    ("NSW", 34, ["Sydney", "Newcastle", "Wollongong", "Parramatta"]),
    ("VIC", 27, ["Melbourne", "Geelong", "Ballarat"]),
    ("QLD", 14, ["Brisbane", "Gold Coast", "Townsville"]),
    ("WA", 8, ["Perth", "Fremantle"]),
    ("SA", 5, ["Adelaide"]),
    ("ACT", 6, ["Canberra"]),
    ("TAS", 4, ["Hobart", "Launceston"]),
    ("NT", 2, ["Darwin"]),
]
METRO = {"Sydney", "Parramatta", "Melbourne", "Brisbane"}
WORKPLACES = [("onsite", 30), ("hybrid", 50), ("remote", 20)]
TYPES = [("full_time", 82), ("contract", 11), ("part_time", 4), ("internship", 3)]
STATUSES = [("approved", 92), ("pending", 3), ("expired", 2), ("closed", 2), ("rejected", 1)]
SPONSORSHIP = [("offered", 88), ("unknown", 10), ("not_offered", 2)]
UNKNOWN_SENTENCE = "Applicants must have the right to work in Australia or be able to obtain it."


@dataclass(frozen=True)
class BenchEmployer:
    name: str
    slug: str
    website: str
    about: str


@dataclass
class BenchRole:
    employer_index: int
    title: str
    description_html: str
    city: str
    state: str
    workplace: str
    employment_type: str
    seniority: str
    specialties: list[str]
    salary_min: int | None
    salary_max: int | None
    visas: list[str]
    streams: list[str]
    sponsorship: str
    evidence: str
    occupation: str
    status: str
    posted_days_ago: float
    open_days: int


def bench_employers(count: int = 600) -> list[BenchEmployer]:
    employers = []
    for index in range(count):
        prefix = PREFIXES[index % len(PREFIXES)]
        suffix = SUFFIXES[(index // len(PREFIXES)) % len(SUFFIXES)]
        round_ = index // (len(PREFIXES) * len(SUFFIXES))
        name = f"{prefix} {suffix}" + (f" {round_ + 1}" if round_ else "")
        slug = "bench-" + name.lower().replace(" ", "-")
        domain, _ = DOMAINS[index % len(DOMAINS)]
        employers.append(
            BenchEmployer(
                name=name,
                slug=slug,
                website=f"https://{slug}.example",
                about=f"{name} builds machine-learning products for {domain}.",
            )
        )
    return employers


def _pick(rng: random.Random, weighted):
    return rng.choices([w[0] for w in weighted], weights=[w[1] for w in weighted])[0]


def bench_roles(count: int, *, employers: int = 600, seed: int = 482) -> list[BenchRole]:
    """``count`` roles over ``employers`` employers, deterministic for ``seed``."""
    rng = random.Random(seed)
    title_weights = [t[5] for t in TITLES]
    tool_names = [t[0] for t in TOOLS]
    tool_weights = [t[1] for t in TOOLS]
    roles = []
    for _ in range(count):
        employer_index = min(int(rng.paretovariate(1.2)) - 1, employers - 1)
        employer_index = (employer_index * 7919 + rng.randrange(employers)) % employers
        title, seniority, specialties, occupation, band, _w = rng.choices(
            TITLES, weights=title_weights
        )[0]
        state, _, cities = rng.choices(STATES, weights=[s[1] for s in STATES])[0]
        city = rng.choice(cities)
        workplace = _pick(rng, WORKPLACES)
        if workplace == "remote" and rng.random() < 0.4:
            city, state = "", ""
        domain, domain_words = DOMAINS[employer_index % len(DOMAINS)]
        tools = list(dict.fromkeys(rng.choices(tool_names, weights=tool_weights, k=4)))
        sponsorship = _pick(rng, SPONSORSHIP)
        visas, streams, sentence = rng.choice(OFFERS)
        if "494" in visas and (city in METRO or not city):
            visas, streams, sentence = OFFERS[0]
        if sponsorship != "offered":
            visas, streams, sentence = [], [], UNKNOWN_SENTENCE
        spread = rng.randint(-25, 25) * 1000
        salary = None if rng.random() < 0.12 else (band[0] + spread, band[1] + spread)
        duties = "; ".join(DUTIES[s] for s in specialties)
        where = {
            "onsite": f"You will work from our {city or 'Sydney'} office.",
            "hybrid": f"We work hybrid, three days a week in our {city or 'Sydney'} office.",
            "remote": "This role is remote within Australia.",
        }[workplace]
        pay = (
            f"<p>The base salary is ${salary[0]:,} – ${salary[1]:,} plus superannuation.</p>"
            if salary
            else "<p>Competitive salary.</p>"
        )
        description = (
            f"<p>We apply machine learning to {domain}: {', '.join(domain_words)}.</p>"
            f"<p>As our {title} you will {duties}.</p>"
            f"<ul><li>Experience with {', '.join(tools)}</li>"
            "<li>Taking models from notebook to production</li>"
            "<li>Clear written communication</li></ul>"
            f"<p>{where}</p>{pay}<p>{sentence}</p>"
        )
        roles.append(
            BenchRole(
                employer_index=employer_index,
                title=title,
                description_html=description,
                city=city,
                state=state,
                workplace=workplace,
                employment_type=_pick(rng, TYPES),
                seniority=seniority,
                specialties=specialties,
                salary_min=salary[0] if salary else None,
                salary_max=salary[1] if salary else None,
                visas=visas,
                streams=streams,
                sponsorship=sponsorship,
                evidence=sentence if sponsorship == "offered" else "",
                occupation=occupation,
                status=_pick(rng, STATUSES),
                posted_days_ago=rng.random() * 60,
                open_days=rng.randint(30, 90),
            )
        )
    return roles
