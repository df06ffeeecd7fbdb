"""The contact form, its thank-you page and the private status page."""

import logging
import math
import uuid

from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, FormView

from . import notice, ratelimit, services
from .forms import ContactForm
from .models import ContactRequest, hash_token

logger = logging.getLogger(__name__)


@method_decorator(never_cache, name="dispatch")
class ContactFormView(FormView):
    """The form. Never stored by the browser: going Back gives a fresh form (and token), so an
    edited second request is not taken for the first one sent again."""

    template_name = "contact/form.html"
    form_class = ContactForm

    @cached_property
    def page_text(self):
        """The page's promises, as staff word them (today's wording by default)."""
        return notice.page_text()

    def get_form_kwargs(self):
        # ?type=training preselects a type, ?country=ng a country (any case, as a country's
        # page links to it); an unknown one is ignored.
        return {
            **super().get_form_kwargs(),
            "request_type": self.request.GET.get("type"),
            "country": self.request.GET.get("country"),
            "data_notice": self.page_text.data_notice,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_text=self.page_text, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            return self.submit(request, *args, **kwargs)
        except DatabaseError:
            # Nothing was saved: give the visitor back what they typed, and say so.
            logger.warning("Contact form not saved: the database is unavailable")
            request.database_unavailable = True
            context = self.get_context_data(form=self.get_form(), unavailable=True)
            response = self.render_to_response(context, status=503)
            response["Retry-After"] = "120"
            return response

    def submit(self, request, *args, **kwargs):
        # A form sent again (reload, back button, double click) lands on its first result,
        # uncounted by the rate limit.
        already_sent = self.already_sent()
        if already_sent is not None:
            return redirect("contact:thanks", token=already_sent.form_token)
        retry_after = ratelimit.retry_after(request)
        if retry_after:
            return too_many_requests(request, retry_after)
        return super().post(request, *args, **kwargs)

    def already_sent(self):
        try:
            token = uuid.UUID(self.request.POST.get("form_token", ""))
        except ValueError:
            return None
        return ContactRequest.objects.not_purged().filter(form_token=token).first()

    def form_valid(self, form):
        try:
            contact_request, created = services.submit_request(**form.submission())
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        if created:
            ratelimit.count(self.request, ratelimit.SAVED)
        return redirect("contact:thanks", token=contact_request.form_token)

    def form_invalid(self, form):
        ratelimit.count(self.request, ratelimit.INVALID)
        return super().form_invalid(form)


def too_many_requests(request, retry_after):
    response = render(
        request, "429.html", {"retry_after_minutes": math.ceil(retry_after / 60)}, status=429
    )
    response["Retry-After"] = str(retry_after)
    return response


def no_referrer(view):
    """Pages at a secret address must not hand it to the next page in a Referer header."""

    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        return response

    return wrapped


@method_decorator([never_cache, no_referrer], name="dispatch")
class ThanksView(DetailView):
    """Shows the reference of the request the visitor just sent; the form token in its
    address is known only to the browser that sent the form."""

    template_name = "contact/thanks.html"
    context_object_name = "contact_request"

    def get_object(self, queryset=None):
        return get_object_or_404(
            ContactRequest.objects.not_purged(), form_token=self.kwargs["token"]
        )


@method_decorator([never_cache, no_referrer], name="dispatch")
class StatusView(DetailView):
    """The private status page, reached from the acknowledgement email. It shows nothing
    the requester wrote, and disappears with the request's personal data."""

    template_name = "contact/status.html"
    context_object_name = "contact_request"

    def get_object(self, queryset=None):
        return get_object_or_404(
            ContactRequest.objects.not_purged(), status_token_hash=hash_token(self.kwargs["token"])
        )
