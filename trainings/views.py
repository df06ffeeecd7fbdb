"""The trainings pages and an upcoming edition's calendar file. Which editions are upcoming
or past is decided once, in EditionQuerySet."""

from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, TemplateView

from iml_portal.cache import KEPT_SECONDS, content_generation
from iml_portal.previews import PreviewMixin

from .ical import edition_calendar
from .models import Course, Edition, Partner, Topic


class CourseListView(TemplateView):
    """The courses offered today, then (in a history section) those an older description of
    the Unit names, with their year."""

    template_name = "trainings/course_list.html"

    def get_context_data(self, **kwargs):
        # Lazy: read only when the page's cached fragment is missing (see the template).
        topics = SimpleLazyObject(lambda: list(Topic.objects.all()))
        return super().get_context_data(
            # What the page shows depends on the content and on today's date (which editions
            # are upcoming); a scheduled record shows within KEPT_SECONDS.
            fragment_key=f"{get_language()}:{content_generation()}:{timezone.localdate()}",
            fragment_seconds=KEPT_SECONDS,
            courses=Course.objects.public()
            .current()
            .select_related("partner")
            .prefetch_related(
                Prefetch(
                    "editions",
                    queryset=Edition.objects.public().upcoming(),
                    to_attr="upcoming_editions",
                )
            ),
            framework_topics=SimpleLazyObject(
                lambda: [t for t in topics if t.kind == Topic.Kind.FRAMEWORK]
            ),
            thematic_topics=SimpleLazyObject(
                lambda: [t for t in topics if t.kind == Topic.Kind.THEMATIC]
            ),
            partners=Partner.objects.current(),
            earlier_courses=Course.objects.public().historical().select_related("partner"),
            earlier_partners=Partner.objects.historical(),
            **kwargs,
        )


class CourseDetailView(PreviewMixin, DetailView):
    model = Course
    queryset = Course.objects.select_related("partner")
    template_name = "trainings/course_detail.html"
    context_object_name = "course"

    def get_context_data(self, **kwargs):
        # Staff previewing see the editions not yet public too, each marked as such.
        editions = self.object.editions.visible_to(self.request.user).prefetch_related("documents")
        return super().get_context_data(
            upcoming=editions.upcoming(), past=editions.past(), **kwargs
        )


@require_safe
def edition_ics(request, slug, pk):
    """An upcoming edition as an iCalendar file; past editions have none."""
    edition = get_object_or_404(
        Edition.objects.public().upcoming().select_related("course"), course__slug=slug, pk=pk
    )
    response = HttpResponse(
        edition_calendar(edition, request).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    filename = f"{edition.course.slug}-{edition.start_date:%Y-%m-%d}.ics"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
