"""The role card (/jobs/, the home page, an employer's page): sponsorship state, visas, evidence."""

import pytest

from listings.models import Role
from tests.factories import ApprovedRoleFactory, EmployerFactory, FeedSourceFactory

pytestmark = pytest.mark.django_db

LONG = (
    "We are proud to offer visa sponsorship under the subclass 482 Skills in Demand visa "
    "for the successful candidate, including relocation support, help with the nomination, "
    "and a pathway to permanent residence through the 186 after two years with us here."
)


def html(client, path="/jobs/", **params) -> str:
    response = client.get(path, params)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def ingested(**fields) -> Role:
    return ApprovedRoleFactory(
        source=FeedSourceFactory(), external_id=fields.pop("id", "1"), **fields
    )


@pytest.mark.parametrize("path", ["/jobs/", "/"])
def test_a_card_shows_the_sponsorship_state_the_visas_and_the_ads_sentence(client, path):
    ingested(visas=["482", "186"], sponsorship_evidence="We sponsor 482 visas for this role.")
    body = html(client, path)
    assert '<li class="badge badge-ok">Visa sponsorship offered</li>' in body
    assert '<li class="badge badge-visa">482 Skills in Demand</li>' in body
    assert '<li class="badge badge-visa">186 Employer Nomination Scheme</li>' in body
    assert "The ad says:</span> <q>We sponsor 482 visas for this role.</q>" in body


def test_an_offer_with_no_subclass_named_still_gets_a_badge(client):
    ingested(visas=[], sponsorship_evidence="Visa sponsorship is available.")
    body = html(client)
    assert "Visa sponsorship offered (subclass not stated)" in body
    assert "badge-visa" not in body


def test_a_long_sentence_is_shortened(client):
    ingested(sponsorship_evidence=LONG)
    body = html(client)
    assert LONG[:100] in body
    assert LONG not in body and "…</q>" in body


def test_a_posted_roles_sentence_is_labelled_the_employers_declaration(client):
    employer = EmployerFactory(name="Acme AI")
    ApprovedRoleFactory(
        employer=employer,
        sponsorship_evidence="Acme AI posted this role offering sponsorship for: 482 Skills in Demand.",
    )
    body = html(client)
    assert (
        "Employer's declaration:</span> Acme AI posted this role offering sponsorship for: "
        "482 Skills in Demand."
    ) in body
    assert "The ad says" not in body and "<q>" not in body


def test_sponsorship_not_stated_reads_so_without_an_evidence_line(client):
    ingested(sponsorship=Role.Sponsorship.UNKNOWN, visas=[], sponsorship_evidence="")
    body = html(client, sponsorship="any")
    assert '<li class="badge badge-muted">Sponsorship not stated</li>' in body
    assert "role-evidence" not in body


def test_the_employers_page_uses_the_same_card(client):
    role = ingested(visas=["494"], sponsorship_evidence="We sponsor 494 visas.")
    body = html(client, role.employer.get_absolute_url())
    assert "Visa sponsorship offered</li>" in body and "494 Skilled Employer" in body
    assert "<q>We sponsor 494 visas.</q>" in body
