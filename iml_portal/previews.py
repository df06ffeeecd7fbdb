"""Staff preview a record before the public sees it: a detail view of a Publishable model shows
a draft or a scheduled record to signed-in staff who may view that model, with a banner saying
so; such a page says noindex and is never cached. Everyone else gets a 404 (see
PublishableQuerySet.visible_to)."""

from django.utils.cache import add_never_cache_headers, patch_cache_control


class PreviewMixin:
    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview_of=self.preview_of(self.object), **kwargs)

    @staticmethod
    def preview_of(obj):
        """The record when it is not public (the page is a preview), else None."""
        return None if obj.is_public else obj

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context.get("preview_of") is not None:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
            response["X-Robots-Tag"] = "noindex"
        return response
