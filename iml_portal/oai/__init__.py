"""OAI-PMH 2.0 at /oai/: the site's records, harvestable by library discovery services and
repositories. Site-wide code: the protocol (protocol.py), its verbs over every content app's
records (repository.py), the XML (xml.py) and the view (views.py). Each content app gives its
records through a RecordProvider (providers.py) listed in settings.OAI_PROVIDERS, so no
content app imports another and this package imports none of them."""
