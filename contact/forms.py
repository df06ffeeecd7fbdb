import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from iml_portal import countries

from . import notice
from .models import FORM_FIELDS, MESSAGE_MAX_LENGTH, ContactRequest, RequestType
from .validators import (
    normalize_newlines,
    validate_multiline_text,
    validate_single_line,
    validate_visible_text,
)


class SingleLineMixin:
    """Refuses line breaks, control characters and invisible ones before any other check, so
    a header injection or a disguised subject gets one clear error."""

    def to_python(self, value):
        value = super().to_python(value)
        validate_single_line(value)
        validate_visible_text(value)
        return value


class SingleLineField(SingleLineMixin, forms.CharField):
    pass


class SingleLineEmailField(SingleLineMixin, forms.EmailField):
    pass


class MultilineTextField(forms.CharField):
    """Line breaks and tabs allowed, other control characters refused."""

    def to_python(self, value):
        value = normalize_newlines(super().to_python(value))
        validate_multiline_text(value)
        return value


class CountrySelect(forms.Select):
    """The country list: some 250 options, each rendered through Django's widget templates,
    cost more than the rest of the page. With no country chosen (every fresh form), its HTML
    depends only on the language and its attributes, so it is rendered once for each and
    kept for the life of the process (the names are a file of the code, not content)."""

    _rendered = {}

    def render(self, name, value, attrs=None, renderer=None):
        if value not in (None, ""):
            return super().render(name, value, attrs, renderer)
        key = (get_language(), name, tuple(sorted({**self.attrs, **(attrs or {})}.items())))
        html = self._rendered.get(key)
        if html is None:
            html = self._rendered[key] = super().render(name, value, attrs, renderer)
        return html


class ContactForm(forms.ModelForm):
    # Only the form page hands out tokens; a resubmitted form brings its token back.
    form_token = forms.UUIDField(widget=forms.HiddenInput)
    consent = forms.BooleanField(
        label=_(
            "I agree that the IML Unit stores and uses the information in this form to "
            "answer my request."
        ),
        error_messages={"required": _("Tick this box so that we can process your request.")},
    )
    # The honeypot: hidden from people and assistive technology (see the template), so only
    # a robot fills it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = ContactRequest
        fields = FORM_FIELDS
        field_classes = {
            "name": SingleLineField,
            "position": SingleLineField,
            "organization": SingleLineField,
            "email": SingleLineEmailField,
            "phone": SingleLineField,
            "subject": SingleLineField,
            "message": MultilineTextField,
        }
        labels = {"name": _("Full name"), "organization": _("Organization or ministry")}
        help_texts = {
            "position": _("Your title or function."),
            "email": _("We send the acknowledgement and our reply to this address."),
            "language": _(
                "The site sends the acknowledgement in this language; the Unit's staff see "
                "your choice when they answer."
            ),
            "phone": _("Include the country code (for example +41 for Switzerland)."),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "position": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "organization": forms.TextInput(attrs={"autocomplete": "organization"}),
            "country": CountrySelect(attrs={"autocomplete": "country"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "request_type": forms.RadioSelect,
            "subject": forms.TextInput(attrs={"autocomplete": "off"}),
            "message": forms.Textarea(attrs={"rows": 10}),
            "language": forms.RadioSelect,
        }

    def __init__(self, *args, request_type=None, country=None, data_notice="", **kwargs):
        super().__init__(*args, **kwargs)
        # The UN's short names, in the page's language (built once per language).
        self.fields["country"].choices = [("", _("Choose a country")), *countries.choices()]
        self.fields["request_type"].choices = RequestType.choices
        # Each language in its own name, so that a reader of another page finds theirs.
        self.fields["language"].choices = [
            (code, capfirst(get_language_info(code)["name_local"]))
            for code, _name in settings.LANGUAGES
        ]
        # What is kept, why and for how long (contact.notice, worded by staff).
        self.fields["consent"].help_text = data_notice or notice.page_text().data_notice
        self.fields["message"].help_text = _(
            "What you would like the Unit to do, in at most %(max)s characters."
        ) % {"max": number_format(MESSAGE_MAX_LENGTH, force_grouping=True)}
        self.token_was_invalid = False
        if self.is_bound:
            # A form whose token is missing or broken gets a fresh one and an error, so the
            # visitor's next submission counts as a new, single one.
            try:
                uuid.UUID(str(self.data.get("form_token", "")))
            except ValueError:
                self.data = self.data.copy()
                self.data["form_token"] = str(uuid.uuid4())
                self.token_was_invalid = True
        else:
            self.initial.setdefault("form_token", uuid.uuid4())
            self.initial.setdefault("language", get_language())
            if request_type in RequestType.values:
                self.initial.setdefault("request_type", request_type)
            if country and country.upper() in countries.NAMES:
                self.initial.setdefault("country", country.upper())

    def clean(self):
        cleaned = super().clean()
        if self.token_was_invalid:
            raise ValidationError(
                _("This form had expired. Check your details and send it again."),
                code="invalid_token",
            )
        if cleaned.get("website"):
            # A person whose browser filled the hidden field must not lose the request
            # silently, so say so rather than pretend it was sent.
            self.data = self.data.copy()
            self.data["website"] = ""
            raise ValidationError(
                _(
                    "Your request could not be sent: a field meant to stay empty was filled "
                    "in, perhaps by your browser. Please send the form again."
                ),
                code="honeypot",
            )
        return cleaned

    def submission(self):
        """The cleaned values the submission service takes."""
        return {field: self.cleaned_data[field] for field in ["form_token", *self._meta.fields]}
