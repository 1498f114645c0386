"""Reference data for the one salary rule (listings.rules.salary), rechecked against visas.md.

- VisaSubclass.threshold_name: the threshold of a subclass whose threshold is not set per
  stream. 494 nominations use the TSMIT, not the CSIT (visas.md section 3 and 9.3).
- The SSIT of $146,717 from 1 Jul 2026 is now confirmed by 2+ sources (visas.md section 4
  and 9.6, "Corrects"): its single-source flag is dropped and its sources recorded.

Every other IncomeThreshold row was compared with section 4 and agrees (amount, date,
confidence, source); no 2026 TSMIT was found, so none is added.
"""

from datetime import date

from django.db import migrations, models

SSIT_2026 = {"name": "SSIT", "effective_from": date(2026, 7, 1)}
SSIT_2026_CONFIRMED = {
    "amount": 146_717,
    "confidence": "confirmed",
    "source_url": "https://ethosmigration.com.au/increase-on-minimum-income-thresholds-for-employer-sponsored-visas-482-186",
    "note": (
        "Confirmed by 2+ sources: ethosmigration.com.au; visahq.com/news/2026-02-26/au/"
        "australia-locks-in-higher-salary-thresholds-for-employer-sponsored-visas-from-1-july-2026; "
        "globalmigrationnetwork.com (an estimate from the reg 5.42A formula). A visahq.com report "
        "(2026-05-25) that the SSIT 'remains 135,000' contradicts even the 2025 value and is "
        "treated as an error."
    ),
}
# What migration 0002 loaded, for reversing.
SSIT_2026_SINGLE_SOURCE = {
    "amount": 146_717,
    "confidence": "single_source",
    "source_url": "https://ethosmigration.com.au/increase-on-minimum-income-thresholds",
    "note": "Single source. A visahq.com report that the SSIT 'remains 135,000' contradicts the 2025 value and is treated as an error.",
}

# Subclass code -> threshold, where it is not set per stream (visas.md section 3: "Uses TSMIT, not CSIT").
SUBCLASS_THRESHOLDS = {"494": "TSMIT"}


def load(apps, schema_editor):
    VisaSubclass = apps.get_model("listings", "VisaSubclass")
    IncomeThreshold = apps.get_model("listings", "IncomeThreshold")
    for code, name in SUBCLASS_THRESHOLDS.items():
        VisaSubclass.objects.filter(code=code).update(threshold_name=name)
    IncomeThreshold.objects.update_or_create(**SSIT_2026, defaults=SSIT_2026_CONFIRMED)


def unload(apps, schema_editor):
    IncomeThreshold = apps.get_model("listings", "IncomeThreshold")
    IncomeThreshold.objects.filter(**SSIT_2026).update(**SSIT_2026_SINGLE_SOURCE)


class Migration(migrations.Migration):
    dependencies = [("listings", "0012_search_index_pending_list")]

    operations = [
        migrations.AddField(
            model_name="visasubclass",
            name="threshold_name",
            field=models.CharField(
                blank=True,
                help_text="Only when the threshold is not set per stream",
                max_length=10,
            ),
        ),
        migrations.RunPython(load, unload),
    ]
