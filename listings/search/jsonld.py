"""schema.org JobPosting for a live role, as a dict and as a safely escaped script block.

See https://developers.google.com/search/docs/appearance/structured-data/job-posting.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString

from listings.models import Role

EMPLOYMENT_TYPES = {
    Role.EmploymentType.FULL_TIME: "FULL_TIME",
    Role.EmploymentType.PART_TIME: "PART_TIME",
    Role.EmploymentType.CONTRACT: "CONTRACTOR",
    Role.EmploymentType.INTERNSHIP: "INTERN",
}

# As django.utils.html.json_script: nothing in the data can close the <script> element.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def sponsorship_statement(role: Role) -> str:
    """The visa sponsorship the role offers, in one sentence (eligibilityToWorkRequirement)."""
    subclasses = [f"subclass {s.code} ({s.name})" for s in role.visa_subclasses.all()]
    streams = [str(s) for s in role.visa_streams.all()]
    if role.sponsorship == Role.Sponsorship.OFFERED:
        statement = "The employer offers visa sponsorship"
        if subclasses:
            statement += ": " + ", ".join(subclasses)
        if streams:
            statement += "; streams: " + ", ".join(streams)
        return statement + "."
    return (
        "The advertisement does not state whether visa sponsorship is offered; "
        "ask the employer before applying."
    )


def job_posting(role: Role, *, site_url: str | None = None) -> dict:
    """The JobPosting of a live role (the caller drops it for expired and closed roles)."""
    site_url = (site_url or settings.SITE_URL).rstrip("/")
    employer = role.employer
    organisation = {"@type": "Organization", "name": employer.name}
    if employer.website:
        organisation["sameAs"] = employer.website
    data: dict = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": role.title,
        "description": role.description,
        "url": f"{site_url}{role.get_absolute_url()}",
        "identifier": {
            "@type": "PropertyValue",
            "name": settings.SITE_NAME,
            "value": str(role.pk),
        },
        "datePosted": (role.posted_at or role.approved_at or role.created_at).isoformat(),
        "hiringOrganization": organisation,
        "employmentType": EMPLOYMENT_TYPES.get(role.employment_type, "OTHER"),
        # Applications happen on the employer's site or by e-mail, not on this page.
        "directApply": False,
        "eligibilityToWorkRequirement": sponsorship_statement(role),
    }
    if role.expires_at:
        data["validThrough"] = role.expires_at.isoformat()
    if role.workplace == Role.Workplace.REMOTE:
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = {"@type": "Country", "name": "Australia"}
    else:
        address = {"@type": "PostalAddress", "addressCountry": "AU"}
        if role.city:
            address["addressLocality"] = role.city
        if role.state:
            address["addressRegion"] = role.state
        data["jobLocation"] = {"@type": "Place", "address": address}
    if role.salary_min or role.salary_max:
        data["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": "AUD",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": role.salary_min or role.salary_max,
                "maxValue": role.salary_max or role.salary_min,
                "unitText": "YEAR",
            },
        }
    if role.occupation_id:
        data["occupationalCategory"] = f"{role.occupation.anzsco_code} {role.occupation.title}"
    return data


def json_ld_script(data: dict, *, nonce: str = "") -> SafeString:
    """``data`` in a <script type="application/ld+json">, escaped like Django's json_script."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    if nonce:
        return format_html(
            '<script type="application/ld+json" nonce="{}">{}</script>', nonce, SafeString(payload)
        )
    return format_html('<script type="application/ld+json">{}</script>', SafeString(payload))
