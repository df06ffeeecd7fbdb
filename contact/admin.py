"""The Unit's inbox: requests arrive from the public form, staff move them through the
status workflow, assign them and keep notes. What the requester sent is read-only."""

import csv

from django import forms
from django.contrib import admin, messages
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries.filters import CountryFilter

from . import services
from .models import EMAIL_KINDS, ContactRequest, DeliveryState

# What the requester sent (with when and under which reference): read-only in the admin.
REQUEST_FIELDS = ("reference", "created_at", "request_type", "subject", "message")
REQUESTER_FIELDS = (
    "name",
    "position",
    "organization",
    "country",
    "email",
    "phone",
    "language",
    "consented_at",
)
SUBMITTED_FIELDS = REQUEST_FIELDS + REQUESTER_FIELDS


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
        def any_in(*states):
            condition = Q()
            for kind in EMAIL_KINDS:
                condition |= Q(**{f"{kind}_state__in": states})
            return condition

        if self.value() == "failed":
            return queryset.filter(any_in(DeliveryState.FAILED))
        if self.value() == "waiting":
            return queryset.filter(any_in(DeliveryState.PENDING, DeliveryState.SENDING))
        if self.value() == "sent":
            return queryset.filter(
                notification_state=DeliveryState.SENT, acknowledgement_state=DeliveryState.SENT
            )
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
        "notification_delivery",
        "acknowledgement_delivery",
        "purged_at",
    )
    fieldsets = (
        (_("Request"), {"fields": REQUEST_FIELDS}),
        (_("Requester"), {"fields": REQUESTER_FIELDS}),
        (
            _("Handling"),
            {"fields": ("status", "status_changed_at", "assignee", "internal_notes")},
        ),
        (_("Emails"), {"fields": ("notification_delivery", "acknowledgement_delivery")}),
        (_("Personal data"), {"fields": ("purged_at",)}),
    )
    actions = ["export_csv", "retry_emails"]

    # Requests come only from the public form.
    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.status_changed_at = timezone.now()
        super().save_model(request, obj, form, change)

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
        notification, acknowledgement = (obj.delivery(kind)["state"] for kind in EMAIL_KINDS)
        if notification == acknowledgement:
            return notification.label
        return _("Unit: %(notification)s · requester: %(acknowledgement)s") % {
            "notification": notification.label,
            "acknowledgement": acknowledgement.label,
        }

    def _delivery_text(self, obj, kind):
        delivery = obj.delivery(kind)
        if delivery["sent_at"]:
            parts = [_("sent %(date)s") % {"date": _local(delivery["sent_at"])}]
        else:
            parts = [str(delivery["state"].label)]
        parts.append(
            ngettext("%(count)d attempt", "%(count)d attempts", delivery["attempts"])
            % {"count": delivery["attempts"]}
        )
        if delivery["last_error"]:
            parts.append(_("last error: %(error)s") % {"error": delivery["last_error"]})
        return " · ".join(parts)

    @admin.display(description=_("notification to the Unit"))
    def notification_delivery(self, obj):
        return self._delivery_text(obj, "notification")

    @admin.display(description=_("acknowledgement to the requester"))
    def acknowledgement_delivery(self, obj):
        return self._delivery_text(obj, "acknowledgement")

    @admin.action(description=_("Export the selected requests as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"contact-requests-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response.write("\ufeff")  # Lets spreadsheet programs recognise UTF-8.
        writer = csv.writer(response)
        columns = [*SUBMITTED_FIELDS, "status", "status_changed_at", "assignee"]
        writer.writerow(
            [capfirst(ContactRequest._meta.get_field(name).verbose_name) for name in columns]
        )
        for obj in queryset.select_related("assignee").order_by("created_at", "pk"):
            row = [
                obj.reference,
                _local(obj.created_at),
                obj.get_request_type_display(),
                obj.subject,
                obj.message,
                obj.name,
                obj.position,
                obj.organization,
                obj.country.name,
                obj.email,
                obj.phone,
                obj.get_language_display(),
                _local(obj.consented_at),
                obj.get_status_display(),
                _local(obj.status_changed_at),
                obj.assignee.get_username() if obj.assignee else "",
            ]
            writer.writerow([csv_cell(cell) for cell in row])
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


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""
