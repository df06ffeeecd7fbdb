"""What the site's paged lists share."""

from django.utils.functional import SimpleLazyObject


class ForgivingPaginationMixin:
    """A page number that is not a number, or past the end, shows the first or last page
    rather than an error; "last" is the last page."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        number = self.request.GET.get(self.page_kwarg)
        page = paginator.get_page(paginator.num_pages if number == "last" else number)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context["page_range"] = page.paginator.get_elided_page_range(page.number)
        return context


class FilteredListMixin(ForgivingPaginationMixin):
    """A paged list read through a FacetedFilterSet (iml_portal/filters.py): `filterset_class`,
    and `sorts`, the orders a visitor can choose ("relevance" offered only for a search)."""

    filterset_class = None
    sorts = ()

    def get_queryset(self):
        self.filterset = self.filterset_class(self.request.GET)
        return self.filterset.results()

    def get_paginator(self, queryset, *args, **kwargs):
        paginator = super().get_paginator(queryset, *args, **kwargs)
        count = self.filterset.known_count()
        if count is not None:
            paginator.count = count  # a cached_property: no COUNT query
        return paginator

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        context.update(
            filterset=filterset,
            # Counted and rendered only when the template's cached fragment is missing.
            facets=SimpleLazyObject(filterset.facets),
            sorts=[(value, label) for value, label in self.sorts if value != "relevance"]
            + ([("relevance", dict(self.sorts)["relevance"])] if filterset.terms else []),
            feed_query=filterset.query_string(),
            corrected_query=filterset.query_string(q=filterset.search_plan.terms),
        )
        return context
