"""The catalogue's records for the site's OAI-PMH endpoint (iml_portal/oai/): one record per
publication, one set per series, as Dublin Core."""

from django.db.models.functions import Coalesce, Greatest

from iml_portal.oai.providers import RecordProvider

from .citations import PUBLISHER
from .models import Publication, Series


class PublicationRecords(RecordProvider):
    kind = "publication"
    set_field = "series__slug"

    # A record scheduled for later is new to harvesters when it appears, not when it was
    # last edited: its datestamp is the later of the two.
    datestamp_field = "harvest_datestamp"

    def queryset(self):
        return (
            Publication.objects.public()
            .annotate(harvest_datestamp=Greatest("updated", Coalesce("publish_at", "updated")))
            .select_related("series")
            .prefetch_related("themes", "series__published_names")
        )

    def sets(self):
        return [(series.slug, series.name) for series in Series.objects.all()]

    def set_specs(self, publication):
        return [publication.series.slug]

    def dublin_core(self, publication, request):
        """Title as published, the IOM as creator and publisher, the year, the language
        (ISO 639-1), the themes and the description in English, the page's address and where
        to obtain it, the series."""
        page = request.build_absolute_uri(publication.get_absolute_url())
        obtain = publication.obtain_url(request)
        return [
            ("title", publication.title, publication.title_lang),
            ("creator", PUBLISHER, None),
            *[("subject", theme.name, "en") for theme in publication.themes.all()],
            ("description", publication.description_en, "en"),
            ("description", publication.summary_en, "en"),
            ("publisher", PUBLISHER, None),
            ("date", str(publication.year), None),
            ("type", "Text", None),
            ("identifier", page, None),
            *([("identifier", obtain, None)] if obtain else []),
            ("language", publication.language, None),
            ("relation", publication.series_title, None),
        ]
