"""The data migration loads the visa reference faithfully."""

from datetime import date

import pytest
from django.contrib.auth.models import Group

from listings.models import IncomeThreshold, Occupation, VisaStream, VisaSubclass

pytestmark = pytest.mark.django_db


def test_subclasses_and_their_streams():
    assert list(VisaSubclass.objects.values_list("code", flat=True)) == ["482", "186", "494"]
    assert VisaSubclass.objects.get(code="186").permanent
    streams = {s.slug: s for s in VisaStream.objects.select_related("subclass")}
    assert set(streams) == {
        "482-specialist",
        "482-core",
        "482-labour-agreement",
        "186-trt",
        "186-direct-entry",
        "186-labour-agreement",
    }
    assert streams["482-core"].threshold_name == "CSIT" and streams["482-core"].requires_csol
    assert streams["482-specialist"].threshold_name == "SSIT"
    assert streams["482-labour-agreement"].threshold_name == ""
    # "Essential Skills" was never created as a stream.
    assert not VisaStream.objects.filter(name__icontains="essential").exists()


def test_every_threshold_has_a_date_or_note_and_a_source():
    rows = list(IncomeThreshold.objects.all())
    assert len(rows) == 10
    for row in rows:
        assert row.source_url.startswith("https://")
        assert row.effective_from or row.note
    ssit_2026 = IncomeThreshold.objects.get(name="SSIT", effective_from=date(2026, 7, 1))
    assert ssit_2026.amount == 146_717
    assert ssit_2026.confidence == IncomeThreshold.Confidence.SINGLE_SOURCE
    assert not IncomeThreshold.objects.filter(
        name="TSMIT", effective_from=date(2026, 7, 1)
    ).exists()


def test_occupations_with_csol_status_only_where_confirmed():
    assert Occupation.objects.get(anzsco_code="261313").on_csol is True
    assert Occupation.objects.get(anzsco_code="224115").on_csol is None
    assert Occupation.objects.get(anzsco_code="224115").csol_status == "CSOL status not confirmed"
    assert not Occupation.objects.filter(anzsco_code="262114").exists()  # a cyber-security code


def test_moderators_group_can_moderate():
    group = Group.objects.get(name="Moderators")
    assert group.permissions.filter(codename="moderate_role").exists()
