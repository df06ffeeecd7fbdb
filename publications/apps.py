from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = _("Publications")

    def ready(self):
        from iml_portal.search import register_vocabulary

        from .models import Publication

        # The words of titles, descriptions and summaries, for "did you mean …?".
        translated = [
            f"{field}_{code}"
            for field in ("description", "summary")
            for code, _ in settings.LANGUAGES
        ]
        register_vocabulary(Publication, ["title", *translated], language_field="language")
