"""Demo content for the example county site. Idempotent: run it as often as you like."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from govopen.core.demo import DemoBuilder


class Command(BaseCommand):
    help = (
        "Create the demo county (示范县): organisations, site settings, the "
        "政府信息公开 landing page and the guide, then whatever each govopen app "
        "adds through the govopen_demo_content hook. A second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--home-model",
            default=getattr(settings, "GOVOPEN_DEMO_HOME_PAGE_MODEL", "home.HomePage"),
            help="app_label.ModelName of the home page (default: %(default)s).",
        )

    def handle(self, *args, **options):
        with transaction.atomic():
            builder = DemoBuilder(home_model=options["home_model"], stdout=self.stdout)
            builder.build()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {builder.created} created, "
                f"{builder.existing} already there."
            )
        )
