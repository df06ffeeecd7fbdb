from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import xml
from .protocol import OAIError, parse
from .repository import Repository


@csrf_exempt  # harvesters may POST their arguments (the protocol allows it); nothing changes
@require_http_methods(["GET", "HEAD", "POST"])
def endpoint(request):
    """The OAI-PMH 2.0 endpoint. Records are described in the site's default language (the
    descriptions in English); the protocol's errors are answered with HTTP 200, as it says.
    Not kept in the page cache: each page of a harvest is an address of its own, asked once."""
    query = request.POST if request.method == "POST" else request.GET
    repository = Repository(request)
    echoed = None  # the request's arguments, repeated in the response
    with translation.override(settings.LANGUAGE_CODE):
        try:
            verb, arguments = parse(query)
            echoed = {"verb": verb, **arguments}
            body = getattr(repository, verb)(arguments)
            content = xml.document(repository.base_url, arguments=echoed, body=body)
        except OAIError as error:
            content = xml.document(
                repository.base_url,
                arguments=None if error.hides_arguments else echoed,
                errors=[(error.code, error.message)],
            )
    return HttpResponse(content, content_type="text/xml; charset=utf-8")
