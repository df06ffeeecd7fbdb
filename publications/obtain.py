"""Where a publication can be obtained: the one place the open data (API and OAI-PMH) ask."""


def obtain_url(publication, request):
    """The absolute address where `publication` can be read or got: its link, else its file,
    else None. (Becomes Publication.obtain_url() once the catalogue has it.)"""
    if publication.link:
        return publication.link
    if publication.file:
        return request.build_absolute_uri(publication.file.url)
    return None
