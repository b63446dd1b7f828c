"""Make sure the demo admin user exists and print its login."""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

PASSWORD_FILE = Path(settings.BASE_DIR) / ".demo-admin-password"


class Command(BaseCommand):
    help = (
        "Create (or update) the demo superuser 'admin' and print its login. The "
        "password comes from GOVOPEN_DEMO_PASSWORD, else from a generated one kept "
        "in example_site/.demo-admin-password."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, **options):
        password = os.environ.get("GOVOPEN_DEMO_PASSWORD", "")
        if not password:
            if PASSWORD_FILE.exists():
                password = PASSWORD_FILE.read_text().strip()
            if not password:
                password = secrets.token_urlsafe(12)
                PASSWORD_FILE.write_text(password + "\n")
                PASSWORD_FILE.chmod(0o600)
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=options["username"],
            defaults={"email": "admin@example.invalid", "is_staff": True},
        )
        if created or not user.check_password(password) or not user.is_superuser:
            user.is_staff = True
            user.is_superuser = True
            user.set_password(password)
            user.save()
        base = getattr(settings, "WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin login: {base.rstrip('/')}/admin/  "
                f"user: {user.get_username()}  password: {password}"
            )
        )
