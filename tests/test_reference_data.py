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


# visas.md section 4, row by row: (name, amount, effective from, confidence).
VISAS_MD_THRESHOLDS = {
    ("TSMIT", 53_900, None, "confirmed"),  # until 30 Jun 2023
    ("TSMIT", 70_000, date(2023, 7, 1), "confirmed"),
    ("TSMIT", 73_150, date(2024, 7, 1), "confirmed"),
    ("CSIT", 73_150, date(2024, 12, 7), "confirmed"),
    ("SSIT", 135_000, date(2024, 12, 7), "confirmed"),
    ("CSIT", 76_515, date(2025, 7, 1), "confirmed"),
    ("SSIT", 141_210, date(2025, 7, 1), "confirmed"),
    ("TSMIT", 76_515, date(2025, 7, 1), "subject_to_legislation"),
    ("CSIT", 79_499, date(2026, 7, 1), "confirmed"),
    ("SSIT", 146_717, date(2026, 7, 1), "confirmed"),  # 2+ sources since the 2026 update
    # TSMIT from 1 Jul 2026: NOT FOUND, so no row.
}


def test_every_threshold_row_agrees_with_visas_md():
    rows = set(
        IncomeThreshold.objects.values_list("name", "amount", "effective_from", "confidence")
    )
    assert rows == VISAS_MD_THRESHOLDS


def test_every_threshold_has_a_date_or_note_and_a_source():
    for row in IncomeThreshold.objects.all():
        assert row.source_url.startswith("https://")
        assert row.effective_from or row.note
    ssit_2026 = IncomeThreshold.objects.get(name="SSIT", effective_from=date(2026, 7, 1))
    assert "visahq.com/news/2026-02-26" in ssit_2026.note
    assert ssit_2026.source_url.endswith("for-employer-sponsored-visas-482-186")


def test_494_uses_the_tsmit_and_482_and_186_set_it_per_stream():
    assert dict(VisaSubclass.objects.values_list("code", "threshold_name")) == {
        "482": "",
        "186": "",
        "494": "TSMIT",
    }


def test_occupations_with_csol_status_only_where_confirmed():
    assert Occupation.objects.get(anzsco_code="261313").on_csol is True
    assert Occupation.objects.get(anzsco_code="224115").on_csol is None
    assert Occupation.objects.get(anzsco_code="224115").csol_status == "CSOL status not confirmed"
    assert not Occupation.objects.filter(anzsco_code="262114").exists()  # a cyber-security code


def test_moderators_group_can_moderate():
    group = Group.objects.get(name="Moderators")
    assert group.permissions.filter(codename="moderate_role").exists()
