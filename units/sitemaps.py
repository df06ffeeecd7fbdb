from iml_portal.sitemaps import I18nSitemap


class UnitPagesSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return ["units:home", "units:about", "units:team", "units:what_we_do", "units:research"]
