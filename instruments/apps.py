from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class InstrumentsConfig(AppConfig):
    name = "instruments"
    verbose_name = _("Migration Law Database")

    def ready(self):
        from iml_portal.search import register_vocabulary

        from .models import Instrument

        # The words of titles and descriptions, for "did you mean …?".
        translated = [
            f"{field}_{code}"
            for field in ("title", "short_title", "description")
            for code, _ in settings.LANGUAGES
        ]
        register_vocabulary(Instrument, translated)
