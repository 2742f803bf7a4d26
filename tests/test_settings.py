"""Every setting of the plugin is documented on the About page (a setting nobody can find is a bug)."""

import re
from pathlib import Path

from builder.plugin.config import DossierConfig

ABOUT = Path(__file__).resolve().parent.parent / "docs" / "about.md"


def test_every_plugin_setting_is_documented():
    documented = set(re.findall(r"^\| `(\w+)` \|", ABOUT.read_text(encoding="utf-8"), re.MULTILINE))
    settings = {name for name, _ in DossierConfig._schema}
    assert settings, "no settings found: the test would pass vacuously"
    assert settings <= documented, f"undocumented settings: {sorted(settings - documented)}"
