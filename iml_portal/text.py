from django.utils.translation import gettext


def label_value(label, value):
    """ "Label: value", punctuated as the active language wants (French: "Label : value")."""
    # Translators: a label and its value, e.g. "Format: Online" or "Language: French".
    return gettext("%(label)s: %(value)s") % {"label": label, "value": value}
