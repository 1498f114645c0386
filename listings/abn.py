"""The ABN field's validator: the checksum rule (``listings.rules.abn``) as a Django validator.

Migration 0001 names ``listings.abn.validate_abn``, so it stays here.
"""

from django.core.exceptions import ValidationError

from listings.rules.abn import is_valid_abn


def validate_abn(value: str) -> None:
    if not is_valid_abn(value):
        raise ValidationError(
            "Enter a valid 11-digit ABN (the checksum does not match).", code="invalid_abn"
        )
