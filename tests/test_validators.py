import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from govopen.core.validators import (
    resident_id_check_digit,
    uscc_check_character,
    validate_resident_id,
    validate_uscc,
)


@pytest.mark.parametrize(
    "value", ["11010519491231002X", "440524188001010014", "11010519491231002x"]
)
def test_valid_resident_ids(value):
    validate_resident_id(value)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("110105194912310021", "check_digit"),
        ("11010519491331002X", "birth_date"),
        ("1101051949123100", "format"),
        ("", "format"),
        ("١١٠١٠٥١٩٤٩١٢٣١٠٠٢X", "format"),  # Arabic-Indic digits are not ID digits
    ],
)
def test_invalid_resident_ids(value, code):
    with pytest.raises(ValidationError) as error:
        validate_resident_id(value)
    assert error.value.code == code


@pytest.mark.parametrize("value", ["91350100M000100Y43", "91110000600037341L"])
def test_valid_uscc(value):
    validate_uscc(value)


@pytest.mark.parametrize(
    "value", ["91350100M000100Y44", "91350100M000100I43", "short", "٩1350100M000100Y43"]
)
def test_invalid_uscc(value):
    with pytest.raises(ValidationError):
        validate_uscc(value)


@given(
    st.from_regex(
        r"\A[0-9]{6}(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|1[0-9]|2[0-8])[0-9]{3}\Z"
    )
)
def test_generated_ids_validate(first17):
    validate_resident_id(first17 + resident_id_check_digit(first17))


@given(st.from_regex(r"\A[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{9}\Z"))
def test_generated_uscc_validate(first17):
    validate_uscc(first17 + uscc_check_character(first17))
