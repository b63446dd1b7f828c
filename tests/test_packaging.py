"""The wheel carries templates, static files, compiled catalogues and migrations."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "--wheel-dir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("govopen-*.whl")
    return zipfile.ZipFile(wheel).namelist()


def test_wheel_contents(wheel_names):
    apps = sorted(p.parent.name for p in ROOT.glob("govopen/*/apps.py"))
    for app in apps:
        prefix = f"govopen/{app}/"
        for locale in ("zh_Hans", "zh_Hant", "en"):
            assert f"{prefix}locale/{locale}/LC_MESSAGES/django.mo" in wheel_names
        assert f"{prefix}migrations/0001_initial.py" in wheel_names
    assert "govopen/core/templates/govopen/base.html" in wheel_names
    assert "govopen/core/static/govopen/css/govopen.css" in wheel_names
    assert "govopen/core/static/govopen/js/govopen.js" in wheel_names
    # the wheel is the package only
    assert not [
        n
        for n in wheel_names
        if n.startswith(("tests/", "example_site/", "benchmarks/"))
    ]
