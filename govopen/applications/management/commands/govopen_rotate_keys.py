"""Re-encrypt personal data under the first key of GOVOPEN_ENCRYPTION_KEYS."""

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction

from govopen.applications import crypto
from govopen.applications.models import ApplicationFile, DisclosureApplication


class Command(BaseCommand):
    help = (
        "Re-encrypt identity numbers and application files with the first key of "
        "GOVOPEN_ENCRYPTION_KEYS (after putting a new key first). With --rehash, "
        "also recompute the applicant keys after GOVOPEN_LOOKUP_HASH_KEY changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--rehash",
            action="store_true",
            help="Recompute the keyed hashes that find an applicant's applications.",
        )
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, rehash=False, batch_size=500, **options):
        rows = files = 0
        queryset = DisclosureApplication.objects.order_by("pk")
        for application in queryset.iterator(chunk_size=batch_size):
            with transaction.atomic():
                fields = []
                if application.id_number_encrypted:
                    application.id_number_encrypted = crypto.rotate(
                        application.id_number_encrypted
                    )
                    fields.append("id_number_encrypted")
                if rehash:
                    if application.is_citizen:
                        application.set_identity_number(
                            application.get_identity_number()
                        )
                        fields += ["id_number_encrypted", "applicant_key"]
                    elif application.uscc:
                        application.applicant_key = crypto.lookup_hash(
                            application.uscc, "uscc"
                        )
                        fields.append("applicant_key")
                if fields:
                    application.save(update_fields=sorted(set(fields)))
                    rows += 1
        for stored in ApplicationFile.objects.order_by("pk").iterator(
            chunk_size=batch_size
        ):
            with stored.file.open("rb") as handle:
                token = handle.read()
            old_name = stored.file.name
            stored.file.save(
                "upload.bin", ContentFile(crypto.rotate(token)), save=False
            )
            stored.save(update_fields=["file"])
            ApplicationFile.delete_stored(old_name)
            files += 1
        self.stdout.write(
            f"Rotated {rows} applications and {files} files to the first key."
        )
