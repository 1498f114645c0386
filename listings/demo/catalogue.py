"""Realistic, invented demo content: employers and ML roles across every state and visa.

Deterministic for a given seed, so `seed_demo` is idempotent and `seed_bench`
can make any number of roles that look like the real thing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from listings.rules.abn import WEIGHTS


@dataclass(frozen=True)
class DemoEmployer:
    name: str
    slug: str
    website: str
    about: str
    city: str
    state: str


@dataclass
class DemoRole:
    external_id: str
    employer: DemoEmployer
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
    days_ago: int
    extra: dict = field(default_factory=dict)


EMPLOYERS = [
    DemoEmployer(
        "Harbourline Analytics",
        "harbourline-analytics",
        "https://harbourline.example",
        "Demand forecasting for Australian retailers.",
        "Sydney",
        "NSW",
    ),
    DemoEmployer(
        "Cobalt Reef Software",
        "cobalt-reef-software",
        "https://cobaltreef.example",
        "Generative AI for insurance claims.",
        "Sydney",
        "NSW",
    ),
    DemoEmployer(
        "Southern Cross Robotics",
        "southern-cross-robotics",
        "https://scrobotics.example",
        "Perception and autonomy for agriculture.",
        "Brisbane",
        "QLD",
    ),
    DemoEmployer(
        "Yarra Health AI",
        "yarra-health-ai",
        "https://yarrahealth.example",
        "Clinical NLP and medical imaging.",
        "Melbourne",
        "VIC",
    ),
    DemoEmployer(
        "Swan River Mining Tech",
        "swan-river-mining-tech",
        "https://swanriver.example",
        "Predictive maintenance for mine sites.",
        "Perth",
        "WA",
    ),
    DemoEmployer(
        "Adelaide Speech Labs",
        "adelaide-speech-labs",
        "https://adelaidespeech.example",
        "Speech recognition for Australian English.",
        "Adelaide",
        "SA",
    ),
    DemoEmployer(
        "Derwent Marine Intelligence",
        "derwent-marine-intelligence",
        "https://derwentmarine.example",
        "Computer vision for aquaculture.",
        "Hobart",
        "TAS",
    ),
    DemoEmployer(
        "Capital Signal",
        "capital-signal",
        "https://capitalsignal.example",
        "Fraud and risk models for payments.",
        "Canberra",
        "ACT",
    ),
    DemoEmployer(
        "Top End Geospatial",
        "top-end-geospatial",
        "https://topendgeo.example",
        "Satellite imagery models for northern Australia.",
        "Darwin",
        "NT",
    ),
    DemoEmployer(
        "Gold Coast Recommenders",
        "gold-coast-recommenders",
        "https://gcrec.example",
        "Personalisation for travel and events.",
        "Gold Coast",
        "QLD",
    ),
    DemoEmployer(
        "Geelong Energy Forecasting",
        "geelong-energy-forecasting",
        "https://geelongenergy.example",
        "Grid and renewables forecasting.",
        "Geelong",
        "VIC",
    ),
    DemoEmployer(
        "Newcastle Vision Systems",
        "newcastle-vision-systems",
        "https://ncvision.example",
        "Industrial inspection with deep learning.",
        "Newcastle",
        "NSW",
    ),
]

# title, seniority, specialties, occupation (ANZSCO), salary band (AUD a year)
TITLES = [
    ("Machine Learning Engineer", "mid", ["mlops"], "261313", (140_000, 170_000)),
    ("Senior Machine Learning Engineer", "senior", ["mlops", "llm"], "261313", (175_000, 210_000)),
    ("Data Scientist", "mid", ["data-science", "forecasting"], "224115", (120_000, 150_000)),
    ("Senior Data Scientist", "senior", ["data-science"], "224115", (160_000, 190_000)),
    ("NLP Engineer", "mid", ["nlp", "llm"], "261399", (145_000, 175_000)),
    ("Computer Vision Engineer", "mid", ["computer-vision"], "261313", (140_000, 175_000)),
    ("LLM Engineer", "senior", ["llm", "nlp"], "261313", (180_000, 220_000)),
    ("MLOps Engineer", "mid", ["mlops"], "261313", (135_000, 165_000)),
    (
        "Applied Scientist, Recommendations",
        "senior",
        ["recommender-systems", "research"],
        "224115",
        (170_000, 205_000),
    ),
    (
        "Research Scientist, Reinforcement Learning",
        "lead",
        ["reinforcement-learning", "research"],
        "224115",
        (190_000, 240_000),
    ),
    ("Speech Recognition Engineer", "mid", ["speech"], "261399", (140_000, 170_000)),
    ("Junior Machine Learning Engineer", "junior", ["mlops"], "261313", (85_000, 100_000)),
    ("Graduate Data Scientist", "graduate", ["data-science"], "224115", (72_000, 82_000)),
    ("Principal AI Engineer", "principal", ["llm", "mlops"], "261313", (230_000, 280_000)),
    ("Forecasting Scientist", "mid", ["forecasting", "data-science"], "224115", (130_000, 160_000)),
]

DUTIES = {
    "mlops": "build the training and deployment platform our models run on: feature pipelines, model registry, CI/CD for models and monitoring for drift",
    "llm": "fine-tune open-weight LLMs, build retrieval-augmented generation pipelines and design offline and online evaluation",
    "data-science": "frame business questions as modelling problems, build and validate models, and explain the results to decision makers",
    "forecasting": "build probabilistic forecasting models with gradient boosting and deep learning, and measure their accuracy in production",
    "nlp": "train and evaluate language models for classification, extraction and summarisation of Australian text",
    "computer-vision": "train detection and segmentation models on images and video, and deploy them to edge devices",
    "recommender-systems": "design ranking and retrieval models, run A/B tests and improve recommendation quality",
    "reinforcement-learning": "research reinforcement-learning methods for planning and control, and publish where it helps",
    "research": "turn recent papers into working prototypes and share results with the research community",
    "speech": "train speech recognition models for Australian accents and deploy them at low latency",
}

# (visas, streams, sentence). Each is a sentence in the style of real Australian ads.
OFFERS = [
    (["482"], ["482-core"], "We sponsor 482 Skills in Demand (Core Skills) visas for this role."),
    (
        ["482"],
        ["482-specialist"],
        "Visa sponsorship is available for the right candidate through the 482 Specialist Skills stream.",
    ),
    (
        ["482", "186"],
        ["482-core", "186-trt"],
        "We sponsor 482 (Skills in Demand) visas for this role and can support a 186 nomination after two years.",
    ),
    (
        ["186"],
        ["186-direct-entry"],
        "We will sponsor an Employer Nomination Scheme (subclass 186) visa for the successful candidate.",
    ),
    (
        ["482"],
        ["482-core"],
        "Candidates who are not Australian citizens or permanent residents will require sponsorship, which we provide.",
    ),
    (
        ["494"],
        [],
        "This regional role comes with sponsorship for a subclass 494 Skilled Employer Sponsored Regional visa.",
    ),
    (
        ["482", "186"],
        ["482-specialist", "186-trt"],
        "We do sponsor and take over sponsorship of employment visas for this role, including 482 and 186.",
    ),
]

WORKPLACES = ["onsite", "hybrid", "hybrid", "remote"]
TYPES = ["full_time", "full_time", "full_time", "full_time", "contract", "part_time"]
REGIONAL = {
    "Gold Coast",
    "Geelong",
    "Newcastle",
    "Hobart",
    "Adelaide",
    "Darwin",
    "Perth",
    "Canberra",
}


def valid_abn(rng: random.Random) -> str:
    """A random 11-digit number that passes the ABN checksum."""
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(10)]
        check = [digits[0] - 1, *digits[1:]]
        if sum(d * w for d, w in zip(check, WEIGHTS, strict=True)) % 89 == 0:
            return "".join(map(str, digits))


def describe(
    employer: DemoEmployer,
    title: str,
    specialties: list[str],
    workplace: str,
    offer: str,
    salary: tuple[int, int] | None,
) -> str:
    duties = "; ".join(DUTIES[s] for s in specialties)
    where = {
        "onsite": f"You will work from our {employer.city} office.",
        "hybrid": f"We work hybrid: three days a week in our {employer.city} office.",
        "remote": "This role is remote within Australia, with a team day in person each quarter.",
    }[workplace]
    pay = (
        f"<p>The base salary is ${salary[0]:,} – ${salary[1]:,} plus superannuation.</p>"
        if salary
        else ""
    )
    return (
        f"<p>{employer.name}: {employer.about}</p>"
        f"<p>As our {title} you will {duties}.</p>"
        "<ul><li>Strong Python and experience with PyTorch, JAX or XGBoost</li>"
        "<li>Experience taking models from notebook to production</li>"
        "<li>Clear written communication</li></ul>"
        f"<p>{where}</p>{pay}<p>{offer}</p>"
    )


def demo_roles(count: int, *, seed: int = 2026) -> list[DemoRole]:
    """``count`` roles, spread across every employer, state, workplace and visa."""
    rng = random.Random(seed)
    roles = []
    for index in range(count):
        employer = EMPLOYERS[index % len(EMPLOYERS)]
        title, seniority, specialties, occupation, band = TITLES[(index * 7) % len(TITLES)]
        visas, streams, sentence = OFFERS[index % len(OFFERS)]
        if "494" in visas and employer.city not in REGIONAL:
            visas, streams, sentence = OFFERS[0]
        workplace = WORKPLACES[(index // len(EMPLOYERS)) % len(WORKPLACES)]
        spread = rng.randint(-10, 10) * 1000
        salary = (band[0] + spread, band[1] + spread) if index % 9 != 4 else None
        roles.append(
            DemoRole(
                external_id=f"demo-{index + 1:06d}",
                employer=employer,
                title=title,
                description_html=describe(
                    employer, title, specialties, workplace, sentence, salary
                ),
                city=employer.city,
                state=employer.state,
                workplace=workplace,
                employment_type=TYPES[index % len(TYPES)],
                seniority=seniority,
                specialties=specialties,
                salary_min=salary[0] if salary else None,
                salary_max=salary[1] if salary else None,
                visas=visas,
                streams=streams,
                sponsorship="offered",
                evidence=sentence,
                occupation=occupation,
                days_ago=index % 28,
            )
        )
    return roles
