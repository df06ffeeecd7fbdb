"""The Unit's inbox: requests arrive from the public form, staff move them through the
status workflow, assign them and keep notes. What the requester sent is read-only."""

import csv
from datetime import datetime

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.html import format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries.filters import CountryFilter

from iml_portal.admin import SingleRowAdmin

from . import notice, services
from .models import REQUEST_FIELDS, REQUESTER_FIELDS, ContactRequest, EmailDelivery

# What the requester sent (with when and under which reference): read-only in the admin.
REQUEST_SECTION = ("reference", "created_at", *REQUEST_FIELDS)
REQUESTER_SECTION = (*REQUESTER_FIELDS, "consented_at")
SUBMITTED_FIELDS = REQUEST_SECTION + REQUESTER_SECTION
HANDLING_FIELDS = ("status", "status_changed_at", "status_changed_by", "assignee")
# The CSV export's columns: what was sent, then how it was handled (no internal notes).
EXPORT_FIELDS = SUBMITTED_FIELDS + HANDLING_FIELDS

State = EmailDelivery.State


class DeliveryFilter(admin.SimpleListFilter):
    title = _("email delivery")
    parameter_name = "delivery"

    def lookups(self, request, model_admin):
        return [
            ("failed", _("An email failed")),
            ("waiting", _("An email is waiting")),
            ("sent", _("Both emails sent")),
        ]

    def queryset(self, request, queryset):
        def any_email(*states):
            return Exists(EmailDelivery.objects.filter(request=OuterRef("pk"), state__in=states))

        if self.value() == "failed":
            return queryset.filter(any_email(State.FAILED))
        if self.value() == "waiting":
            return queryset.filter(any_email(State.PENDING, State.SENDING))
        if self.value() == "sent":
            return queryset.exclude(any_email(State.PENDING, State.SENDING, State.FAILED))
        return queryset


class ContactRequestForm(forms.ModelForm):
    """Offers only the statuses the workflow allows from the current one."""

    class Meta:
        model = ContactRequest
        fields = ["status", "assignee", "internal_notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields and self.instance.pk:
            self.fields["status"].choices = [
                (status.value, status.label) for status in self.instance.allowed_statuses()
            ]


def csv_cell(value):
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def export_value(obj, name):
    """A field's value as people read it: a choice's label, a local time, a user's name."""
    field = obj._meta.get_field(name)
    if field.choices:
        return getattr(obj, f"get_{name}_display")()
    value = getattr(obj, name)
    if isinstance(value, datetime):
        return _local(value)
    if field.is_relation:
        return value.get_username() if value else ""
    return value


@admin.register(ContactRequest)
class ContactRequestAdmin(admin.ModelAdmin):
    form = ContactRequestForm
    list_display = (
        "reference",
        "request_type",
        "country",
        "reply_language",
        "status",
        "assignee",
        "delivery",
        "created_at",
    )
    list_filter = (
        "status",
        "request_type",
        "language",
        ("country", CountryFilter),
        DeliveryFilter,
        "created_at",
    )
    list_select_related = ("assignee",)
    search_fields = ("reference", "name", "email", "organization", "subject")
    date_hierarchy = "created_at"
    readonly_fields = (
        *SUBMITTED_FIELDS,
        "status_changed_at",
        "status_changed_by",
        "email_deliveries",
        "purged_at",
    )
    fieldsets = (
        (_("Request"), {"fields": REQUEST_SECTION}),
        (_("Requester"), {"fields": REQUESTER_SECTION}),
        (_("Handling"), {"fields": (*HANDLING_FIELDS, "internal_notes")}),
        (_("Emails"), {"fields": ("email_deliveries",)}),
        (_("Personal data"), {"fields": ("purged_at",)}),
    )
    actions = ["export_csv", "retry_emails"]

    # Requests come only from the public form.
    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("deliveries")

    def save_model(self, request, obj, form, change):
        # The status moves only through the workflow's service, which records who and when.
        new_status, obj.status = obj.status, form.initial["status"]
        super().save_model(request, obj, form, change)
        services.change_status(obj, to=new_status, by=request.user)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "assignee":
            # Pick a colleague; managing user accounts is not done from here.
            widget = formfield.widget
            widget.can_add_related = widget.can_change_related = False
            widget.can_delete_related = widget.can_view_related = False
        return formfield

    @admin.display(description=_("Language"), ordering="language")
    def reply_language(self, obj):
        return obj.get_language_display()

    @admin.display(description=_("emails"))
    def delivery(self, obj):
        states = {delivery.kind: delivery.get_state_display() for delivery in obj.deliveries.all()}
        notification = states.get(EmailDelivery.Kind.NOTIFICATION, "")
        acknowledgement = states.get(EmailDelivery.Kind.ACKNOWLEDGEMENT, "")
        if notification == acknowledgement:
            return notification
        return _("Unit: %(notification)s · requester: %(acknowledgement)s") % {
            "notification": notification,
            "acknowledgement": acknowledgement,
        }

    @admin.display(description=_("emails"))
    def email_deliveries(self, obj):
        """Each email and how its sending went, one line each."""
        return format_html_join(
            "",
            "<p>{}: {}</p>",
            ((d.get_kind_display(), delivery_text(d)) for d in sorted_deliveries(obj)),
        )

    @admin.action(description=_("Export the selected requests as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"contact-requests-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response.write("\ufeff")  # Lets spreadsheet programs recognise UTF-8.
        writer = csv.writer(response)
        writer.writerow(
            [capfirst(ContactRequest._meta.get_field(name).verbose_name) for name in EXPORT_FIELDS]
        )
        requests = queryset.select_related("assignee", "status_changed_by")
        for obj in requests.order_by("created_at", "pk"):
            writer.writerow([csv_cell(export_value(obj, name)) for name in EXPORT_FIELDS])
        return response

    def has_change_permission(self, request, obj=None):
        # A purged request is a statistic: nothing of it may change (notes included).
        if obj is not None and obj.is_purged:
            return False
        return super().has_change_permission(request, obj)

    @admin.action(description=_("Send the unsent emails again now"), permissions=["change"])
    def retry_emails(self, request, queryset):
        for pk in queryset.not_purged().values_list("pk", flat=True):
            services.enqueue_emails(pk, force=True)
        self.message_user(
            request,
            _(
                "The unsent emails of the selected requests are being sent again; the "
                "emails column shows the result in a moment."
            ),
            messages.INFO,
        )


def sorted_deliveries(obj):
    """The request's emails (prefetched), the Unit's first."""
    return sorted(obj.deliveries.all(), key=lambda d: services.KIND_ORDER.index(d.kind))


def delivery_text(delivery):
    """ "failed · 3 attempts · last error: …", "sent 2026-11-29 10:00 · 1 attempt"."""
    if delivery.sent_at:
        parts = [_("sent %(date)s") % {"date": _local(delivery.sent_at)}]
    else:
        parts = [delivery.get_state_display()]
    parts.append(
        ngettext("%(count)d attempt", "%(count)d attempts", delivery.attempts)
        % {"count": delivery.attempts}
    )
    if delivery.next_attempt_at and not delivery.sent_at:
        parts.append(_("next attempt %(date)s") % {"date": _local(delivery.next_attempt_at)})
    if delivery.last_error:
        parts.append(_("last error: %(error)s") % {"error": delivery.last_error})
    return " · ".join(str(part) for part in parts)


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


@admin.register(notice.ContactPageText)
class ContactPageTextAdmin(SingleRowAdmin):
    """One wording, edited in each language; a new one starts from today's default."""

    fields = ("introduction", "data_notice")

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                initial[f"introduction_{code}"] = str(notice.DEFAULT_INTRODUCTION)
                initial[f"data_notice_{code}"] = str(notice.DEFAULT_DATA_NOTICE)
        return initial
