"""Number and date formats where the site's languages differ from Django's own (see
FORMAT_MODULE_PATH); everything not set here comes from Django's locale formats."""
