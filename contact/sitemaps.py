from iml_portal.sitemaps import I18nSitemap


class ContactSitemap(I18nSitemap):
    def items(self):
        return ["contact:form"]
