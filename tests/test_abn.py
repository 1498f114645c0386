import pytest
from django.core.exceptions import ValidationError

from listings.abn import validate_abn
from listings.rules.abn import format_abn, is_valid_abn


@pytest.mark.parametrize(
    "abn",
    [
        "51 824 753 556",  # the ATO's published example
        "51824753556",
        "33 051 775 556",  # a real registered company
        "49 004 028 077",  # a real registered company
        " 51 824 753 556 ",
    ],
)
def test_valid_abns_pass_the_checksum(abn):
    assert is_valid_abn(abn)
    validate_abn(abn)


@pytest.mark.parametrize(
    "abn",
    [
        "51 824 753 557",  # last digit changed
        "15 824 753 556",  # first two digits swapped
        "5182475355",  # ten digits
        "518247535560",  # twelve digits
        "51-824-753-556",  # punctuation is not a digit
        "abcdefghijk",
        "",
        "01 824 753 556",
    ],
)
def test_invalid_abns_are_refused_with_a_clear_message(abn):
    assert not is_valid_abn(abn)
    with pytest.raises(ValidationError, match="ABN"):
        validate_abn(abn)


def test_abn_is_shown_in_the_registers_format():
    assert format_abn("51824753556") == "51 824 753 556"
