"""Australian Business Number: normalising, the official checksum and display format.

The checksum (Australian Business Register): subtract 1 from the first digit,
multiply each digit by its weight, and the sum must divide by 89.
"""

WEIGHTS = (10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19)


def normalise_abn(value: str) -> str:
    """Digits only: people type ABNs with spaces ("51 824 753 556")."""
    return "".join(ch for ch in value or "" if not ch.isspace())


def is_valid_abn(value: str) -> bool:
    abn = normalise_abn(value)
    if len(abn) != 11 or not abn.isascii() or not abn.isdigit() or abn[0] == "0":
        return False
    digits = [int(ch) for ch in abn]
    digits[0] -= 1
    return sum(d * w for d, w in zip(digits, WEIGHTS, strict=True)) % 89 == 0


def format_abn(value: str) -> str:
    """The ABR's display format: "51 824 753 556"."""
    abn = normalise_abn(value)
    if len(abn) != 11:
        return value
    return f"{abn[:2]} {abn[2:5]} {abn[5:8]} {abn[8:]}"
