"""Encryption, key rotation, keyed hashes and masking of personal data."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings

from govopen.applications import crypto
from govopen.applications.models import ApplicationFile, DisclosureApplication

from .factories_applications import make_application, resident_id

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def test_masks():
    assert crypto.mask_identity_number("110101199003071234") == "110***********1234"
    assert crypto.mask_name("张三") == "张*"
    assert crypto.mask_name("欧阳小明") == "欧***"
    assert crypto.mask_phone("13800138000") == "138****8000"


@override_settings(GOVOPEN_ENCRYPTION_KEYS=[])
def test_missing_keys_name_the_setting():
    with pytest.raises(ImproperlyConfigured, match="GOVOPEN_ENCRYPTION_KEYS"):
        crypto.encrypt("110101199003071234")


@override_settings(GOVOPEN_ENCRYPTION_KEYS=["not a key"])
def test_bad_keys_name_the_setting():
    with pytest.raises(ImproperlyConfigured, match="GOVOPEN_ENCRYPTION_KEYS"):
        crypto.encrypt("x")


def test_system_check_reports_missing_keys():
    from govopen.applications.checks import check_encryption_keys

    assert check_encryption_keys(None) == []
    with override_settings(GOVOPEN_ENCRYPTION_KEYS=[]):
        errors = check_encryption_keys(None)
    assert [error.id for error in errors] == ["govopen_applications.E101"]


def test_encryption_is_randomised_and_reversible():
    a, b = crypto.encrypt("secret"), crypto.encrypt("secret")
    assert a != b and "secret" not in a
    assert crypto.decrypt(a) == crypto.decrypt(b) == "secret"


def test_keyed_hash_is_stable_and_normalised():
    assert crypto.lookup_hash("11010119900307123x") == crypto.lookup_hash(
        " 11010119900307123X "
    )
    default = crypto.lookup_hash("x")
    with override_settings(GOVOPEN_LOOKUP_HASH_KEY="other"):
        assert crypto.lookup_hash("x") != default


@pytest.mark.django_db
def test_key_rotation_re_encrypts_rows_and_files():
    number = resident_id(9)
    with override_settings(GOVOPEN_ENCRYPTION_KEYS=[OLD]):
        application = make_application(id_number=number)
        ApplicationFile.store(
            application,
            None,
            role=ApplicationFile.Role.APPLICANT_UPLOAD,
            content=b"%PDF-1.4 id",
            name="id.pdf",
        )
    # A new key first: old data still decrypts.
    with override_settings(GOVOPEN_ENCRYPTION_KEYS=[NEW, OLD]):
        application.refresh_from_db()
        assert application.get_identity_number() == number
        out = call_command_output("govopen_rotate_keys")
        assert "1 applications and 1 files" in out
    # The old key can go.
    with override_settings(GOVOPEN_ENCRYPTION_KEYS=[NEW]):
        application = DisclosureApplication.objects.get()
        assert application.get_identity_number() == number
        assert ApplicationFile.objects.get().read() == b"%PDF-1.4 id"
    with (
        override_settings(GOVOPEN_ENCRYPTION_KEYS=[OLD]),
        pytest.raises(crypto.DecryptionError),
    ):
        DisclosureApplication.objects.get().get_identity_number()


@pytest.mark.django_db
def test_rehash_after_the_hash_key_changed():
    application = make_application()
    with override_settings(GOVOPEN_LOOKUP_HASH_KEY="a-new-hash-key"):
        assert (
            DisclosureApplication.objects.for_applicant(
                crypto.lookup_hash(
                    f"resident_id:{application.get_identity_number()}", "identity"
                )
            ).count()
            == 0
        )
        call_command_output("govopen_rotate_keys", "--rehash")
        assert (
            DisclosureApplication.objects.for_applicant(
                crypto.lookup_hash(
                    f"resident_id:{application.get_identity_number()}", "identity"
                )
            ).count()
            == 1
        )


def call_command_output(*args):
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()
