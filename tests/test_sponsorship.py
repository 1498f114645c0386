"""The role classifier, rule by rule: tables of real-world-style sentences.

None of these sentences is in the development set (tests/data/sponsorship_dev.jsonl);
they show that the rules generalise beyond it. Each trap named in the domain notes
(/work/shared/domain/visas.md, section 7) has at least one row.
"""

from __future__ import annotations

import pytest

from listings.rules.sponsorship import (
    NOT_OFFERED,
    OFFERED,
    UNKNOWN,
    Classification,
    candidate_pays_phrase,
    classify,
    detect_sponsorship,
    is_ml_role,
    visas_named,
)

# --------------------------------------------------------------------------
# Sponsorship offered, and the subclasses named
# --------------------------------------------------------------------------

OFFERS = [
    ("Visa sponsorship: We do sponsor visas!", ()),
    ("We do sponsor and take over sponsorship of employment visas for this role.", ()),
    (
        "Candidates who are not Australian citizens or PR will require sponsorship, which we provide.",
        (),
    ),
    ("482 visa sponsorship available.", ("482",)),
    ("This regional role comes with sponsorship for a subclass 494 visa.", ("494",)),
    ("We're open to sponsoring a TSS visa for exceptional candidates.", ("482",)),
    ("We'll cover the cost of your visa and relocation to Melbourne.", ()),
    ("This role is open to candidates requiring sponsorship.", ()),
    ("We support employer-sponsored visas (subclass 482) and PR pathways.", ("482",)),
    ("The package includes relocation and 482 visa sponsorship.", ("482",)),
    ("Sponsorship may be available for the right candidate.", ()),
    ("We are happy to sponsor the right candidate.", ()),
    ("Relocation and visa support provided.", ()),
    ("We will sponsor your visa and cover relocation.", ()),
    ("International applicants are welcome; we sponsor work visas.", ()),
    ("Sponsorship is offered only to candidates already in Australia.", ()),
    ("Visa sponsorship will be provided if required.", ()),
    ("Need a visa? We can help.", ()),
    ("Open to applicants worldwide - we handle relocation and visas.", ()),
    ("Benefits: visa sponsorship, relocation, free lunch", ()),
    ("Applicants must have the right to work in Australia or be eligible for sponsorship.", ()),
    (
        "Full working rights are required, however sponsorship may be considered for exceptional candidates.",
        (),
    ),
    ("Candidates who are not citizens and who need sponsorship are welcome to apply.", ()),
    ("Sponsorship: Yes", ()),
    ("Sponsorship considered case by case.", ()),
    ("Sponsorship for the right candidate", ()),
    ("We may be able to sponsor exceptional candidates.", ()),
    ("We are unable to offer relocation assistance, but visa sponsorship is available.", ()),
    (
        "Applicants with existing Australian work rights are preferred, although we can sponsor for exceptional applicants.",
        (),
    ),
    (
        "Applicants from all backgrounds, including those requiring visa sponsorship, are encouraged to apply.",
        (),
    ),
    # Visa the company beside a real offer.
    ("At Visa, we offer visa sponsorship for this role.", ()),
    # Subclasses by number, old name and new name.
    ("We can sponsor a subclass 482 or 186 visa for the successful applicant.", ("186", "482")),
    ("TSS visa sponsorship available.", ("482",)),
    ("457 / 482 sponsorship on offer for senior engineers.", ("482",)),
    ("We offer 482 / Skills in Demand visa sponsorship and relocation to Sydney.", ("482",)),
    ("This is a sponsored role under the Skills in Demand (Core Skills) stream.", ("482",)),
    ("We sponsor 186 (Employer Nomination Scheme) for the successful candidate.", ("186",)),
    ("ENS nomination is available after two years on a TSS visa.", ("186", "482")),
    (
        "Our client is able to offer 494 sponsorship to suitably qualified candidates in Toowoomba.",
        ("494",),
    ),
    ("Regional employer sponsored visas are available for this Cairns-based position.", ("494",)),
    ("PR pathway available via 186 after 2 years.", ("186",)),
    (
        "The successful candidate will be offered a 482 visa with a pathway to permanent residency.",
        ("482",),
    ),
    # The candidate's current visa is not what is offered.
    ("We sponsor 186 permanent residency for current 482 visa holders after 12 months.", ("186",)),
    # A refusal that names a subclass refuses only that one.
    ("We sponsor 482 visas but cannot sponsor 186 nominations.", ("482",)),
    # Salaries and addresses beside a real offer.
    ("Salary $186k plus super, and 482 visa sponsorship available.", ("482",)),
    ("We have 494 employees nationwide and offer visa sponsorship.", ()),
]


@pytest.mark.parametrize(("sentence", "visas"), OFFERS)
def test_offered(sentence, visas):
    assert detect_sponsorship(sentence) == (OFFERED, sentence, visas)


# --------------------------------------------------------------------------
# Sponsorship ruled out for this role
# --------------------------------------------------------------------------

REFUSALS = [
    # Explicit refusals and their negations.
    "This role does not come with visa sponsorship.",
    "We are not willing to sponsor visas.",
    "We do not support visa sponsorship for this role.",
    "This role is not open to candidates requiring sponsorship.",
    "Unfortunately, we are not in a position to offer visa sponsorship at this time.",
    "Candidates requiring visa sponsorship will not be considered.",
    "Xplor does not sponsor visas, either at the time of hire or at any later time.",
    "We can't sponsor visas.",
    "We will not sponsor.",
    "We don't offer sponsorship for this role.",
    "Visa sponsorship isn't available.",
    "Visa sponsorship not provided.",
    "Sponsorship is not yet available for this position.",
    "This role is not eligible for visa sponsorship.",
    "No visa sponsorship.",
    "Contractors only; no sponsorship.",
    "Must be able to work in Australia without sponsorship.",
    "Candidates must not now or in the future require sponsorship.",
    "Sponsorship: not available",
    "Visa Sponsorship Available: No",
    "Visa: Not available",
    "We do not currently offer visa sponsorship, but this may change in future.",
    # Working rights required.
    "Must have full working rights in Australia.",
    "The ideal candidate must have full working rights in Australia.",
    "Please note that you must have the right to live and work in Australia to apply.",
    "Candidates must be eligible to work in Australia.",
    "You must have full Australian working rights; we are not able to sponsor visas for this role.",
    "Full Australian working rights (citizen or PR) - this role does not offer sponsorship",
    # Citizens or permanent residents only.
    "Be an Australian Citizen or Permanent Resident",
    "Due to client requirements, applicants must be Australian citizens.",
    "Must be an Australian Citizen (due to security requirements)",
    "Citizenship/residency: Citizen or PR required",
    "Australian citizens, permanent residents and NZ citizens only.",
    "Must be an Australian citizen or permanent resident, or hold a valid visa with unrestricted work rights.",
    "Australian resident with valid work rights – visa holders cannot be considered",
    "Temporary visa holders are not eligible for this role.",
    # Security clearances are for citizens only.
    "This role requires an existing NV1 clearance or the ability to obtain one.",
    "Australian citizenship required (you must be eligible for a Baseline or NV1 security clearance)",
    "Successful applicants will need to obtain and maintain an AGSVA Negative Vetting 2 clearance.",
    "You'll need to hold, or be willing to obtain, an NV1 clearance.",
]


@pytest.mark.parametrize("sentence", REFUSALS)
def test_not_offered(sentence):
    assert detect_sponsorship(sentence) == (NOT_OFFERED, sentence, ())


# --------------------------------------------------------------------------
# Nothing decisive: the traps
# --------------------------------------------------------------------------

NOTHING_DECISIVE = [
    # Visas as what the company's product does, not an offer for this job.
    "Our models already support applications for the 482, 186 and 494 visas.",
    "Our platform supports visa sponsorship workflows for HR teams.",
    "We help our customers sponsor visas faster.",
    # "Sponsor" in its other senses.
    "You'll work with our executive sponsor and the Chief Data Officer.",
    "The project has strong executive sponsorship from the CFO.",
    "You will be the technical sponsor for the project.",
    "We offer sponsorship of our annual Women in AI conference.",
    "We sponsor staff to attend conferences.",
    "We're proud to sponsor the Sydney ML meetup.",
    "We sponsor our people to grow.",
    "This fellowship is sponsored by the Australian Research Council.",
    "We help employers sponsor overseas workers.",
    "Many of our clients sponsor visas for data scientists.",
    # Past sponsorship is a history, not an offer.
    "We have sponsored over 50 engineers from 20 countries.",
    # Visa the company.
    "Visa is a world leader in digital payments. At Visa, we offer hybrid work.",
    "You will build fraud models for Visa and Mastercard transactions.",
    "Join Visa Inc. and help us offer payment products in 200 countries.",
    "Visa is hiring a Senior Data Scientist in Sydney. Visa offers competitive benefits including parental leave.",
    # Numbers that are not subclasses.
    "Our office is at 482 George Street, Sydney.",
    "We serve 186 councils and 494 schools.",
    # Preferences are not requirements.
    "Australian citizenship is highly regarded.",
    "NV1 clearance is desirable but not essential.",
    "Australian working rights are advantageous.",
    "Security clearance: not required.",
    # Questions and visas the candidate already holds.
    "Do you require visa sponsorship?",
    "Will you now or in the future require sponsorship?",
    "Are you an Australian citizen or permanent resident?",
    "Skills in Demand visa holders welcome.",
    "Candidates on a working holiday visa are welcome to apply.",
    # Requirements unrelated to visas.
    "Only shortlisted candidates will be contacted.",
    "Must hold a current Australian driver's licence.",
]


@pytest.mark.parametrize("sentence", NOTHING_DECISIVE)
def test_unknown(sentence):
    assert detect_sponsorship(sentence) == (UNKNOWN, "", ())


# --------------------------------------------------------------------------
# Whole ads: which statement decides
# --------------------------------------------------------------------------


def test_role_specific_no_outranks_company_boilerplate():
    text = (
        "We sponsor 482 visas for many roles across the group.\n"
        "This position requires unrestricted working rights."
    )
    assert detect_sponsorship(text) == (
        NOT_OFFERED,
        "This position requires unrestricted working rights.",
        (),
    )


def test_while_clause_gives_way_to_the_main_clause():
    sentence = "While we sponsor many roles, this role requires full working rights."
    assert detect_sponsorship(sentence) == (NOT_OFFERED, sentence, ())


def test_role_specific_offer_outranks_general_refusal():
    text = (
        "Sponsorship is not available for our graduate intake.\n"
        "For this principal role we will sponsor a 482 visa for the successful candidate."
    )
    status, evidence, visas = detect_sponsorship(text)
    assert (status, visas) == (OFFERED, ("482",))
    assert evidence.startswith("For this principal role")


def test_working_rights_preferred_then_sponsorship_considered():
    text = "Australian working rights are preferred. Sponsorship may be considered for outstanding applicants."
    assert detect_sponsorship(text) == (
        OFFERED,
        "Sponsorship may be considered for outstanding applicants.",
        (),
    )


def test_subclasses_only_from_offering_sentences():
    text = (
        "Our product helps agents lodge 482, 186 and 494 visa applications.\n"
        "Visa sponsorship is available for this role."
    )
    assert detect_sponsorship(text) == (OFFERED, "Visa sponsorship is available for this role.", ())


def test_eligibility_field_outranks_the_description():
    got = classify(
        title="Machine Learning Engineer",
        description_html="<p>Train ranking models in PyTorch.</p><p>Visa sponsorship available.</p>",
        eligibility_text="Visa Sponsorship Available: No",
    )
    assert got == Classification(
        is_ml_role=True,
        sponsorship=NOT_OFFERED,
        visas=(),
        evidence="Visa Sponsorship Available: No",
    )


def test_classify_reads_html_and_returns_clean_evidence():
    got = classify(
        title="Senior Computer Vision Engineer",
        description_html=(
            "<h2>About&nbsp;the role</h2><p>Train detection models for <b>mine-site</b> cameras.</p>"
            "<ul><li>PyTorch</li><li><strong>482 / Skills&nbsp;in&nbsp;Demand</strong>  visa sponsorship"
            " &amp; relocation</li></ul>"
        ),
    )
    assert got == Classification(
        is_ml_role=True,
        sponsorship=OFFERED,
        visas=("482",),
        evidence="482 / Skills in Demand visa sponsorship & relocation",
    )


def test_classify_without_any_visa_statement_is_unknown():
    got = classify(title="Data Scientist", description_html="<p>Build churn models.</p>")
    assert got == Classification(is_ml_role=True, sponsorship=UNKNOWN, visas=(), evidence="")


# --------------------------------------------------------------------------
# ML role or not
# --------------------------------------------------------------------------

ML_ROLES = [
    ("Senior Machine Learning Engineer", ""),
    ("Lead Data Scientist - Pricing", ""),
    ("AI/ML Engineer", ""),
    ("Senior NLP Scientist", ""),
    ("Computer Vision Researcher", ""),
    ("MLOps Platform Lead", ""),
    ("Conversational AI Developer", ""),
    ("Data Engineer - ML Platform", "Own the feature store and training pipelines."),
    ("Applied Scientist", "You will train and evaluate deep learning models with PyTorch."),
    ("Research Engineer", "Train large language models and build evaluation harnesses."),
    (
        "Quantitative Researcher",
        "Build machine learning alpha models with XGBoost and deep learning.",
    ),
    (
        "Postdoctoral Fellow",
        "Develop deep learning models for protein structure prediction and publish at NeurIPS.",
    ),
    (
        "Software Engineer",
        "You will train, fine-tune and deploy LLMs and computer vision models with PyTorch.",
    ),
    (
        "Principal Engineer, Recommendations",
        "Own our ranking models, embeddings and PyTorch training.",
    ),
]

NOT_ML_ROLES = [
    # The job's function is not model building, whatever the topic.
    ("AI Sales Specialist", "Sell our generative AI platform to enterprises."),
    ("Solutions Engineer - AI", "Run presales demos of our LLM platform."),
    ("AI Product Manager", "Own the roadmap for our ML features."),
    ("Machine Learning Recruitment Consultant", "Place ML engineers with our clients."),
    ("Machine Learning Lecturer", "Teach undergraduate machine learning."),
    ("AI Trainer (Freelance)", "Write and rate prompts for chatbots."),
    ("Head of AI Partnerships", ""),
    # "Machine" and "learning" on their own.
    ("Heavy Machinery Operator", "Operate excavators on civil sites."),
    ("Learning Support Officer", "Support students in the classroom."),
    ("Machine Vision Technician", "Maintain inspection cameras on the packing line."),
    # Analysts, warehouses and other kinds of model.
    ("Business Intelligence Analyst", "Build Tableau dashboards and data models."),
    ("Data Analyst", "SQL and Power BI; some predictive models."),
    ("Data Engineer", "Build Airflow pipelines and dbt models in Snowflake."),
    ("Actuarial Modeller", "Maintain GLM pricing models in Emblem."),
    (
        "Research Scientist - Materials Chemistry",
        "Run synthesis experiments and characterise catalysts.",
    ),
    ("Software Engineer", "Build REST APIs in Java for our payments platform."),
]


@pytest.mark.parametrize(("title", "text"), ML_ROLES)
def test_ml_role(title, text):
    assert is_ml_role(title, text)


@pytest.mark.parametrize(("title", "text"), NOT_ML_ROLES)
def test_not_ml_role(title, text):
    assert not is_ml_role(title, text)


# --------------------------------------------------------------------------
# Subclasses named in a sentence
# --------------------------------------------------------------------------

VISAS_NAMED = [
    ("We sponsor the 482 visa.", ("482",)),
    ("482/186 sponsorship available", ("186", "482")),
    ("482 or 494 visa", ("482", "494")),
    ("We offer 457 sponsorship", ("482",)),
    ("Temporary Skill Shortage visa", ("482",)),
    ("skills in demand visa", ("482",)),
    ("TSS and ENS available", ("186", "482")),
    ("Subclass 186 (Direct Entry)", ("186",)),
    ("Skilled Employer Sponsored Regional visa", ("494",)),
    ("SESR visa available", ("494",)),
    ("sponsorship for a 482 (Core Skills stream) visa", ("482",)),
    # Not subclasses: addresses, salaries, counts, other senses of the words.
    ("Level 2, 494 Hay Street, Perth", ()),
    ("494 Smith St, Adelaide - sponsorship available", ()),
    ("Salary $186,000 + super", ()),
    ("186,000 visa applications lodged last year", ()),
    ("482 employees and visa sponsorship available", ()),
    ("Python skills in demand", ()),
    ("Candidates on a 482 visa may apply", ()),
]


@pytest.mark.parametrize(("sentence", "visas"), VISAS_NAMED)
def test_visas_named(sentence, visas):
    assert visas_named(sentence) == visas


# --------------------------------------------------------------------------
# Candidate pays (possible scam)
# --------------------------------------------------------------------------

CANDIDATE_PAYS = [
    "Sponsorship fee of $5,000 applies.",
    "You will cover the visa costs.",
    "Candidates must pay for their own sponsorship.",
    "Visa costs are at the candidate's own expense.",
    "The $3,000 nomination fee will be deducted from your salary.",
    "Self-funded sponsorship available.",
    "Applicants pay the visa application charge and nomination fee.",
]
EMPLOYER_PAYS = [
    "We cover all visa and migration agent fees.",
    "No sponsorship fees are charged.",
    "We pay the sponsorship costs.",
    "It is illegal for an employer to charge a sponsorship fee.",
    "Relocation costs covered.",
]


@pytest.mark.parametrize("sentence", CANDIDATE_PAYS)
def test_candidate_pays_is_flagged(sentence):
    assert candidate_pays_phrase(f"<p>Great team.</p><p>{sentence}</p>") == sentence


@pytest.mark.parametrize("sentence", EMPLOYER_PAYS)
def test_employer_pays_is_not_flagged(sentence):
    assert candidate_pays_phrase(sentence) == ""
