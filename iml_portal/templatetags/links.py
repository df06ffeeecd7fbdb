"""{% link_words text words url %}: a text as paragraphs (as |linebreaks gives them), with the
first place `words` appear made a link to `url`. Everything is escaped; without the words,
or without an address, the text is shown as it is."""

from django import template
from django.utils.html import conditional_escape, format_html, linebreaks
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def link_words(text, words, url):
    escaped = conditional_escape(text)
    if words and url:
        escaped = escaped.replace(
            conditional_escape(words), format_html('<a href="{}">{}</a>', url, words), 1
        )
    return mark_safe(linebreaks(escaped, autoescape=False))
