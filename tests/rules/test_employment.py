"""Employment types as Ashby, schema.org, Lever and Indeed write them, in a table."""

import pytest

from listings.rules.employment import EMPLOYMENT_TYPES, employment_type


@pytest.mark.parametrize(
    ("hint", "title", "expected"),
    [
        # Ashby
        ("FullTime", "", "full_time"),
        ("PartTime", "", "part_time"),
        ("Intern", "", "internship"),
        ("Contract", "", "contract"),
        ("Temporary", "", "contract"),
        # schema.org
        ("FULL_TIME", "", "full_time"),
        ("PART_TIME", "", "part_time"),
        ("CONTRACTOR", "", "contract"),
        ("TEMPORARY", "", "contract"),
        ("INTERN", "", "internship"),
        ("FULL_TIME, CONTRACTOR", "", "full_time"),
        ("OTHER", "", "full_time"),
        # Lever commitments
        ("Full-time", "", "full_time"),
        ("Part Time", "", "part_time"),
        ("Part-time", "", "part_time"),
        ("Contract", "", "contract"),
        ("Internship", "", "internship"),
        ("Permanent Full Time", "", "full_time"),
        ("Fixed Term Contract", "", "contract"),
        ("Full-time contract", "", "contract"),
        # Indeed jobtype
        ("fulltime", "", "full_time"),
        ("parttime", "", "part_time"),
        ("contract", "", "contract"),
        ("casual", "", "part_time"),
        ("temporary", "", "contract"),
        # nothing said
        ("", "", "full_time"),
        ("", "Senior Machine Learning Engineer", "full_time"),
        # the title names an internship
        ("", "Machine Learning Intern", "internship"),
        ("FullTime", "ML Research Internship (Summer 2027)", "internship"),
        ("", "Interns - Computer Vision", "internship"),
        ("", "Internal Tools Engineer", "full_time"),
        ("", "International Data Scientist", "full_time"),
        ("", "Graduate Program - Machine Learning", "full_time"),
    ],
)
def test_employment_type(hint, title, expected):
    assert employment_type(hint, title=title) == expected
    assert expected in EMPLOYMENT_TYPES
