"""Visa subclasses, streams, income thresholds, occupations and specialties.

Transcribed from the domain reference (shared/domain/visas.md); every value
keeps its effective date and source. Later changes are new migrations or admin
edits, never code.
"""

from datetime import date

from django.db import migrations

POINT = "https://pointmigrationagency.com.au/australian-482-skills-in-demand-visa/"
PEAK = "https://peakmigration.com.au/news/2024/day/12/subclass-482-skills-in-demand-visa-regulations-and-instruments-released"
KATSAROS = "https://katsaros.com.au/news/skilled-visa-income-thresholds-july-2025"
BDO = "https://www.bdo.com.au/en-au/insights/migration-services/updated-income-thresholds-for-skilled-visas"
ETHOS = "https://ethosmigration.com.au/increase-on-minimum-income-thresholds"

SUBCLASSES = [
    # code, name, permanent, order, summary, source
    (
        "482",
        "Skills in Demand",
        False,
        1,
        "Temporary skilled visa (up to 4 years) that replaced the Temporary Skill Shortage (TSS) visa on "
        "7 Dec 2024. Three streams: Specialist Skills, Core Skills and Labour Agreement. All streams lead "
        "to the 186 Temporary Residence Transition stream after 2 years of sponsored work.",
        "https://inclusivemigration.com.au/news/skills-in-demand-visa-replaces-temporary-skill-shortage-subclass-482-visa",
    ),
    (
        "186",
        "Employer Nomination Scheme",
        True,
        2,
        "Permanent visa for a worker nominated by an Australian employer: Temporary Residence "
        "Transition, Direct Entry and Labour Agreement streams.",
        "https://www.questra.com.au/skilled-visa/changes-to-the-186-permanent-residency-visa-december-2024-update",
    ),
    (
        "494",
        "Skilled Employer Sponsored Regional (Provisional)",
        False,
        3,
        "5-year visa for regional areas only (everywhere outside Sydney, Melbourne and Brisbane), with "
        "permanent residence via subclass 191 after 3 years. Uses the TSMIT, not the CSIT.",
        "https://www.mcamigration.com.au/",
    ),
]

STREAMS = [
    # subclass, slug, name, threshold, requires_csol, order, summary, source
    (
        "482",
        "482-specialist",
        "Specialist Skills",
        "SSIT",
        False,
        1,
        "Any ANZSCO occupation except Major Groups 3, 7 and 8; salary at least the SSIT. No occupation list.",
        "https://hislopmigration.com/services/employer-sponsored",
    ),
    (
        "482",
        "482-core",
        "Core Skills",
        "CSIT",
        True,
        2,
        "Occupation on the Core Skills Occupation List (CSOL); salary at least the CSIT and the annual "
        "market salary rate.",
        "https://thisisaustralia.com/skilled-migration/core-skills-occupation-list",
    ),
    (
        "482",
        "482-labour-agreement",
        "Labour Agreement",
        "",
        False,
        3,
        "Terms set by the employer's negotiated labour agreement, which may include concessions on "
        "English and salary.",
        PEAK,
    ),
    (
        "186",
        "186-trt",
        "Temporary Residence Transition",
        "CSIT",
        False,
        1,
        "For 457/482 holders with 2 years of sponsored work (any sponsor counts since 7 Dec 2024); salary "
        "at least the CSIT; under 45 unless exempt.",
        "https://www.questra.com.au/skilled-visa/changes-to-the-186-permanent-residency-visa-december-2024-update",
    ),
    (
        "186",
        "186-direct-entry",
        "Direct Entry",
        # The CSIT replaced the TSMIT for 482 and 186 nominations (pointmigrationagency).
        "CSIT",
        True,
        2,
        "Occupation on the CSOL, positive skills assessment, at least 3 years of experience, under 45, "
        "Competent English.",
        "https://gdaymayte.com.au/visas/employer-nomination-scheme-186",
    ),
    (
        "186",
        "186-labour-agreement",
        "Labour Agreement",
        "",
        False,
        3,
        "The employer's labour agreement must provide a permanent-residence pathway and sets age, skills "
        "and English.",
        "https://visagroup.com.au/ens-employer-nomination-scheme-186/",
    ),
]

THRESHOLDS = [
    # name, amount, effective_from, confidence, source, note
    ("TSMIT", 53_900, None, "confirmed", "https://yuliamoiseeva.com.au/raising-tsmit-from-1-july-2024/", "In force until 30 Jun 2023."),
    ("TSMIT", 70_000, date(2023, 7, 1), "confirmed", "https://beelinemigration.com.au/tsmit-increasing-to-70000-from-1-july-2023/", ""),
    ("TSMIT", 73_150, date(2024, 7, 1), "confirmed", "https://boomerangmigrationservices.com/new-tsmit", ""),
    ("CSIT", 73_150, date(2024, 12, 7), "confirmed", POINT, "Replaced the TSMIT for 482 and 186 nominations."),
    ("SSIT", 135_000, date(2024, 12, 7), "confirmed", POINT, ""),
    ("CSIT", 76_515, date(2025, 7, 1), "confirmed", KATSAROS, ""),
    ("SSIT", 141_210, date(2025, 7, 1), "confirmed", KATSAROS, ""),
    ("TSMIT", 76_515, date(2025, 7, 1), "subject_to_legislation", KATSAROS, "494 and 187 only; announced subject to legislation."),
    ("CSIT", 79_499, date(2026, 7, 1), "confirmed", BDO, "Also ethosmigration.com.au."),
    (
        "SSIT",
        146_717,
        date(2026, 7, 1),
        "single_source",
        ETHOS,
        "Single source. A visahq.com report that the SSIT 'remains 135,000' contradicts the 2025 value and is treated as an error.",
    ),
    # TSMIT from 1 Jul 2026: not found in any source, so not recorded.
]

OCCUPATIONS = [
    # code, title, on_csol, as_at, source, note
    ("261313", "Software Engineer", True, None, "https://anzscofinder.com/blog/anzsco-261313-software-engineer", "Secondary source."),
    ("261312", "Developer Programmer", True, date(2025, 12, 22), "https://anzscofinder.com/blog/anzsco-261312-developer-programmer", "Secondary source."),
    ("261311", "Analyst Programmer", True, date(2025, 10, 13), "https://anzscofinder.com/blog/anzsco-261311-analyst-programmer", "Secondary source."),
    ("261111", "ICT Business Analyst", None, None, "https://ptlabs.com.au/itoccupations.html", "CSOL membership unconfirmed."),
    ("261399", "Software and Applications Programmers nec", None, None, "https://migrationlawfirm.com.au/ict-refer-to-list/", "CSOL membership unconfirmed. Often used for machine learning engineers."),
    ("224115", "Data Scientist", None, None, "https://anzscofinder.com/blog/anzsco-224115-data-scientist", "New in ANZSCO 2022; CSOL membership unconfirmed. Machine learning engineers are often nominated here."),
    ("224999", "Information and Organisation Professionals nec (Data Scientist)", None, None, "https://www.acs.org.au/msa/information-for-applicants/data-science.html", "The older code ACS still assesses for data scientists; CSOL membership unconfirmed."),
    ("224114", "Data Analyst", None, None, "https://www.acs.org.au/msa/information-for-applicants/data-science.html", "CSOL membership unconfirmed."),
    ("224113", "Statistician", None, None, "https://www.sbs.com.au/", "On the older MLTSSL; CSOL membership unconfirmed."),
]

SPECIALTIES = [
    ("llm", "LLMs and generative AI"),
    ("nlp", "Natural language processing"),
    ("computer-vision", "Computer vision"),
    ("mlops", "MLOps and ML platform"),
    ("recommender-systems", "Recommender systems"),
    ("forecasting", "Forecasting and time series"),
    ("speech", "Speech and audio"),
    ("reinforcement-learning", "Reinforcement learning"),
    ("research", "Research"),
    ("data-science", "Data science"),
]


def load(apps, schema_editor):
    VisaSubclass = apps.get_model("listings", "VisaSubclass")
    VisaStream = apps.get_model("listings", "VisaStream")
    IncomeThreshold = apps.get_model("listings", "IncomeThreshold")
    Occupation = apps.get_model("listings", "Occupation")
    Specialty = apps.get_model("listings", "Specialty")

    subclasses = {}
    for code, name, permanent, order, summary, source in SUBCLASSES:
        subclasses[code], _ = VisaSubclass.objects.update_or_create(
            code=code,
            defaults={"name": name, "permanent": permanent, "order": order, "summary": summary, "source_url": source},
        )
    for code, slug, name, threshold, csol, order, summary, source in STREAMS:
        VisaStream.objects.update_or_create(
            slug=slug,
            defaults={
                "subclass": subclasses[code],
                "name": name,
                "threshold_name": threshold,
                "requires_csol": csol,
                "order": order,
                "summary": summary,
                "source_url": source,
            },
        )
    for name, amount, since, confidence, source, note in THRESHOLDS:
        IncomeThreshold.objects.update_or_create(
            name=name,
            effective_from=since,
            defaults={"amount": amount, "confidence": confidence, "source_url": source, "note": note},
        )
    for code, title, on_csol, as_at, source, note in OCCUPATIONS:
        Occupation.objects.update_or_create(
            anzsco_code=code,
            defaults={"title": title, "on_csol": on_csol, "csol_as_at": as_at, "source_url": source, "note": note},
        )
    for slug, name in SPECIALTIES:
        Specialty.objects.update_or_create(slug=slug, defaults={"name": name})


def unload(apps, schema_editor):
    for model in ("VisaStream", "VisaSubclass", "IncomeThreshold", "Occupation", "Specialty"):
        apps.get_model("listings", model).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("listings", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
