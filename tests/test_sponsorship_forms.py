"""The forms real ads take, class by class: tables of sentences and small ads.

Each row stands for a class of wording, not a sentence to match; none is copied
from the labelled sets.
"""

from __future__ import annotations

import pytest

from listings.rules.sponsorship import NOT_OFFERED, OFFERED, UNKNOWN, classify, detect_sponsorship

REFUSALS = [
    # Typographic apostrophes, entities and straight ones are one refusal.
    "We don’t provide sponsorship for this position.",
    "We don&rsquo;t provide sponsorship for this position.",
    "We don&#8217;t provide sponsorship for this position.",
    "Unfortunately we aren’t able to sponsor visas.",
    "We’re not in a position to sponsor at this time.",
    "We won’t be sponsoring visas for this hire.",
    "Sponsorship isn’t on offer for this role.",
    # A negation reaches to the end of its clause, and no further.
    "We can’t sponsor visas for this role, but we support employees already on visas with flexible leave.",
    "We’re unable to offer sponsorship; however, we support staff on existing visas with study leave.",
    # Negation at a distance inside a clause.
    "Sponsorship is, sadly, not something we can provide for this role.",
    "Visa sponsorship - much as we would like to - is not possible here.",
    # Requirements that leave out anyone needing a visa.
    "Applicants must be legally entitled to work in the country where the role is based.",
    "Only candidates with full Australian work rights will be considered.",
    "You’ll need permanent work rights to be considered.",
    "We’re too small to sponsor visas right now.",
    "Visa sponsorship is unavailable for this vacancy.",
    "Sponsorship: not available",
]


@pytest.mark.parametrize("sentence", REFUSALS)
def test_refusals(sentence):
    assert detect_sponsorship(sentence)[0] == NOT_OFFERED


OFFERS = [
    # The visa itself as the benefit.
    ("Employer-sponsored Skills in Demand visa on offer.", ("482",)),
    ("Perks: employer-sponsored 494 visa", ("494",)),
    ("A regional employer sponsored visa is on offer for this role.", ("494",)),
    ("Subclass 186 nomination available for the successful candidate.", ("186",)),
    # Contractions in every apostrophe form.
    ("We’ll sponsor a visa for the right person.", ()),
    ("We&rsquo;re happy to sponsor your 482.", ("482",)),
    ("We'd consider sponsoring an exceptional candidate.", ()),
    # Conditional offers.
    ("Sponsorship can be considered case by case for senior candidates.", ()),
    ("Visa sponsorship is negotiable for exceptional applicants.", ()),
    # A later nomination; a transfer; a PR pathway through employer nomination.
    (
        "After 2 years in the role we’ll nominate you for permanent residence under the ENS.",
        ("186",),
    ),
    ("Already on a 482? We can transfer your visa to us.", ("482",)),
    ("A pathway to permanent residency via employer nomination (subclass 186).", ("186",)),
    ("Visa sponsorship: Yes", ()),
    # Subclass by stream name or old name.
    ("We sponsor through the Core Skills stream.", ("482",)),
    ("TSS sponsorship available.", ("482",)),
    ("We can sponsor a 457-style temporary visa, now the 482.", ("482",)),
    ("Direct entry stream nomination is possible for experienced engineers.", ("186",)),
    ("We can sponsor you on a 482 and then a 186.", ("186", "482")),
]


@pytest.mark.parametrize(("sentence", "visas"), OFFERS)
def test_offers(sentence, visas):
    status, _evidence, named = detect_sponsorship(sentence)
    assert (status, named) == (OFFERED, visas)


NOT_OFFERS = [
    # Candidates who bring their own visa.
    "Open to current 482 holders.",
    "485 graduates welcome to apply.",
    "Working holiday makers are encouraged to apply.",
    # Relocation without a visa.
    "We’ll cover your relocation from anywhere in the world.",
    # Foreign visas and offices abroad.
    "We sponsor H-1B visas for our Seattle team.",
    "Skilled Worker sponsorship is available for London roles.",
    "For Wellington hires we support the Accredited Employer Work Visa.",
    "Visa sponsorship is available for roles in our Singapore office.",
    # Sponsorship of past staff; an intake other than this role.
    "We have sponsored several engineers in the past.",
    "Visa sponsorship is not offered for our graduate program.",
    # A skill, not a benefit.
    "Experience with employer-sponsored visa programs is essential.",
    # Visa words near "provided", "handled" or "lodge" that offer nothing.
    "Details of visa requirements can be provided on request.",
    "Visa-related questions are handled by our HR team.",
    "Our agents help clients lodge visa applications every week.",
]


@pytest.mark.parametrize("sentence", NOT_OFFERS)
def test_not_offers(sentence):
    assert detect_sponsorship(sentence)[0] == UNKNOWN


def test_heading_and_answer_read_as_one_statement():
    html = (
        "<h3>Visa sponsorship</h3><p>Yes – 482 available for this role</p><h3>Pay</h3><p>$150k</p>"
    )
    assert detect_sponsorship(html) == (OFFERED, "Yes – 482 available for this role", ("482",))


def test_table_key_and_value_read_as_one_statement():
    html = "<table><tr><th>Visa sponsorship</th><td>No</td></tr><tr><th>Salary</th><td>$150k</td></tr></table>"
    assert detect_sponsorship(html) == (NOT_OFFERED, "No", ())


def test_bare_sponsorship_bullet_under_benefits_is_an_offer():
    html = "<h4>What’s in it for you</h4><ul><li>Hybrid work</li><li>Sponsorship</li><li>Free lunch</li></ul>"
    assert detect_sponsorship(html) == (OFFERED, "Sponsorship", ())


def test_bare_sponsorship_heading_over_a_refusal_is_a_refusal():
    html = "<h4>Sponsorship</h4><p>We can’t sponsor visas for this role.</p>"
    assert detect_sponsorship(html)[0] == NOT_OFFERED


def test_subclass_named_in_a_neighbouring_sentence():
    html = "<p>Need a visa? We sponsor. It’s a 494, as we’re based in Toowoomba.</p>"
    assert detect_sponsorship(html)[2] == ("494",)


def test_role_specific_offer_outranks_boilerplate_refusal():
    html = (
        "<p>This role is open to candidates who need visa sponsorship.</p>"
        "<p>Candidates must have valid working rights in the country of employment, unless otherwise stated.</p>"
    )
    assert detect_sponsorship(html)[0] == OFFERED


def test_role_specific_refusal_outranks_boilerplate_offer():
    html = (
        "<p>We sponsor visas for many of our roles across the group.</p>"
        "<p>For this position, you must have full working rights.</p>"
    )
    assert detect_sponsorship(html)[0] == NOT_OFFERED


@pytest.mark.parametrize(
    ("title", "description", "ml"),
    [
        # A generic title: the description decides.
        (
            "Member of Technical Staff",
            "You will pre-train and fine-tune large language models, build evaluation harnesses and "
            "run distributed training jobs in PyTorch.",
            True,
        ),
        (
            "Applied Scientist",
            "Design and train ranking models; evaluate them offline and in A/B tests.",
            True,
        ),
        ("Member of Technical Staff", "You will run our payroll and office systems.", False),
        # The title's job, not its topic, decides.
        ("Developer Relations Engineer – AI", "Write tutorials about our LLM API.", False),
        ("AI Sales Specialist", "Sell our machine learning platform to banks.", False),
        ("Product Marketing Manager, Generative AI", "Launch our LLM products.", False),
        ("AI Data Annotator", "Label images for computer vision models.", False),
        ("Technical Recruiter – Machine Learning", "Hire ML engineers.", False),
        ("Data Scientist, Sales Analytics", "Build churn-prediction models in Python.", True),
        ("Senior Backend Engineer", "Work beside our ML team; PyTorch, models, embeddings.", False),
    ],
)
def test_ml_role_by_title_and_description(title, description, ml):
    assert classify(title=title, description_html=f"<p>{description}</p>").is_ml_role is ml


@pytest.mark.parametrize(
    ("html", "status"),
    [
        # A question as the heading, the answer under it.
        ("<h4>Do you sponsor visas?</h4><p>Unfortunately not for this role.</p>", NOT_OFFERED),
        ("<h4>Can you sponsor my visa?</h4><p>Not at this time, sorry.</p>", NOT_OFFERED),
        ("<h4>Will you sponsor me?</h4><p>Yes, a 482 for the right person.</p>", OFFERED),
        # An answer that leaves it open decides nothing, heading included.
        ("<h4>Visa sponsorship</h4><p>TBC</p><h4>Salary</h4><p>$150k</p>", UNKNOWN),
        ("<table><tr><th>Sponsorship</th><td>To be confirmed</td></tr></table>", UNKNOWN),
        # A one-line blurb.
        ("<p>ML Eng | Melb | $170k | 482 spons avail | DM me</p>", OFFERED),
    ],
)
def test_questions_answers_and_blurbs(html, status):
    assert detect_sponsorship(html)[0] == status


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("We hold a company-specific labour agreement for data scientists.", OFFERED),
        ("We're a DAMA-approved employer in the Northern Territory.", OFFERED),
        ("We can look at sponsorship for candidates with strong MLOps experience.", OFFERED),
        ("We'll sort out the 482 paperwork for you.", OFFERED),
        ("The Institute may nominate the appointee under the Direct Entry stream.", OFFERED),
        ("We can't support visa applications for this role.", NOT_OFFERED),
        # Duties and trades involving visas are not offers.
        ("You will manage our 482 sponsorship program and liaise with migration agents.", UNKNOWN),
        ("We are a practice specialising in employer-sponsored visas.", UNKNOWN),
    ],
)
def test_labour_agreements_conditional_offers_and_duties(sentence, status):
    assert detect_sponsorship(sentence)[0] == status


def test_a_graduate_program_is_this_role_only_for_a_graduate_role():
    html = "<p>Our graduate program offers 482 sponsorship to international graduates.</p>"
    assert classify(title="Graduate ML Engineer", description_html=html).sponsorship == OFFERED
    assert classify(title="Senior ML Engineer", description_html=html).sponsorship == UNKNOWN


def test_template_line_for_all_roles_gives_way_to_this_role():
    html = (
        "<p>For this role, candidates requiring sponsorship will be considered.</p>"
        "<p>To be considered for roles at Acme, you must have full working rights in Australia.</p>"
    )
    assert detect_sponsorship(html)[0] == OFFERED


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        # Indirect offers.
        ("Relocation + visa handled.", OFFERED),
        ("The visa side is on us, agent fees included.", OFFERED),
        ("A 482 visa is part of the package.", OFFERED),
        ("We look after visas for people joining from overseas.", OFFERED),
        ("We've sponsored engineers before and would happily do it again.", OFFERED),
        ("If you need a visa, we'll work with our migration agent to sponsor you.", OFFERED),
        ("We can help you get here on a 482.", OFFERED),
        ("PS: we're a Standard Business Sponsor.", OFFERED),
        # Negation far from the offer, or in the passive.
        (
            "We are not, for reasons of funding, data handling and the contract's length, able "
            "to consider applicants who would require visa sponsorship.",
            NOT_OFFERED,
        ),
        (
            "We are not currently able, as a small business, to sponsor overseas applicants.",
            NOT_OFFERED,
        ),
        ("Visas are not able to be sponsored for this position.", NOT_OFFERED),
        ("Sponsorship will not be provided.", NOT_OFFERED),
        ("Sponsorship is off the table for now, sorry!", NOT_OFFERED),
        ("We're unfortunately not set up to sponsor visas just yet.", NOT_OFFERED),
        # Not a refusal: a clearance not required; a Queensland Blue Card is a children's check.
        ("We build models for research clients (no security clearance required).", UNKNOWN),
        (
            "A current Blue Card is required; full working rights in Australia are required.",
            NOT_OFFERED,
        ),
    ],
)
def test_indirect_offers_and_distant_negation(sentence, status):
    assert detect_sponsorship(sentence)[0] == status


def test_refusal_only_at_the_start_gives_way_to_a_later_nomination():
    html = (
        "<p>We aren't able to sponsor a temporary visa at the outset, so you'll need current work "
        "rights to start. After two years with us, we nominate team members for permanent "
        "residency under the ENS.</p>"
    )
    assert detect_sponsorship(html) == (
        OFFERED,
        "After two years with us, we nominate team members for permanent residency under the ENS.",
        ("186",),
    )


def test_subclass_named_in_the_next_paragraph():
    html = "<p>We look after visas for new arrivals. Our agent does the paperwork.</p><p>That means a 482 nomination.</p>"
    assert detect_sponsorship(html)[2] == ("482",)


def test_a_no_that_begins_an_offer_is_not_an_answer():
    html = "<h4>Visa sponsorship</h4><p>No working rights? No problem - we sponsor 482 visas.</p>"
    assert detect_sponsorship(html) == (
        OFFERED,
        "No working rights? No problem - we sponsor 482 visas.",
        ("482",),
    )
