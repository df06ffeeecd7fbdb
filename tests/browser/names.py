"""What the browser tests find elements by, as a person does: roles and accessible names, in
each language. The names are the templates' and forms' strings as locale/fr and locale/es
translate them, so a test that finds an element by one of them also proves that a screen
reader announces it so.

A name written out in full is matched exactly; a few links whose name ends with an arrow drawn
by the stylesheet ("← All publications") are matched on their words."""

import re

SKIP_LINK = {
    "en": "Skip to main content",
    "fr": "Aller au contenu principal",
    "es": "Ir al contenido principal",
}
# The brand, the link home at the top left.
BRAND = {
    "en": "International Organization for Migration (IOM) International Migration Law Unit",
    "fr": "Organisation internationale pour les migrations (OIM) "
    "Unité du droit international de la migration",
    "es": "Organización Internacional para las Migraciones (OIM) "
    "Unidad de Derecho Internacional sobre Migración",
}
LANGUAGE_SWITCHER = {"en": "Language", "fr": "Langue", "es": "Idioma"}
# Each language in its own name, on every page (the switcher's links, the reply language).
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español"}
MAIN_NAVIGATION = {"en": "Main", "fr": "Navigation principale", "es": "Navegación principal"}
MIGRATION_LAW_DATABASE = {
    "en": "Migration Law Database",
    "fr": "Base de données sur le droit de la migration",
    "es": "Base de datos sobre derecho migratorio",
}
# The main navigation's entries, in order.
NAVIGATION = {
    "home": {"en": "Home", "fr": "Accueil", "es": "Inicio"},
    "about": {"en": "About", "fr": "À propos", "es": "Acerca de"},
    "team": {"en": "Team", "fr": "Équipe", "es": "Equipo"},
    "what-we-do": {"en": "What we do", "fr": "Nos activités", "es": "Qué hacemos"},
    "research": {"en": "Research", "fr": "Recherche", "es": "Investigación"},
    "publications": {"en": "Publications", "fr": "Publications", "es": "Publicaciones"},
    "instruments": MIGRATION_LAW_DATABASE,
    "trainings": {"en": "Trainings", "fr": "Formations", "es": "Formaciones"},
    "contact": {"en": "Contact", "fr": "Contact", "es": "Contacto"},
}

# The catalogue's filters, in the order of the form.
CATALOGUE_FORM = {
    "q": ("searchbox", {"en": "Search", "fr": "Rechercher", "es": "Buscar"}),
    # Several values each: a group of checkboxes named by its legend.
    "series": ("group", {"en": "Series", "fr": "Série", "es": "Serie"}),
    "language": ("group", {"en": "Language", "fr": "Langue", "es": "Idioma"}),
    "theme": ("group", {"en": "Theme", "fr": "Thème", "es": "Tema"}),
    "year_from": ("combobox", {"en": "From year", "fr": "Année de début", "es": "Desde el año"}),
    "year_to": ("combobox", {"en": "To year", "fr": "Année de fin", "es": "Hasta el año"}),
    "sort": ("combobox", {"en": "Sort by", "fr": "Trier par", "es": "Ordenar por"}),
    "group": (
        "checkbox",
        {
            "en": "One row per work (language editions together)",
            "fr": "Une ligne par ouvrage (éditions linguistiques regroupées)",
            "es": "Una fila por obra (ediciones en distintos idiomas agrupadas)",
        },
    ),
    "submit": (
        "button",
        {
            "en": "Show publications",
            "fr": "Afficher les publications",
            "es": "Mostrar las publicaciones",
        },
    ),
}
CLEAR_FILTERS = {"en": "Clear filters", "fr": "Effacer les filtres", "es": "Borrar los filtros"}
RESULTS = {"en": "Results", "fr": "Résultats", "es": "Resultados"}
# The default order when searching, the fourth of the "Sort by" list.
RELEVANCE = {"en": "Relevance", "fr": "Pertinence", "es": "Relevancia"}

# The contact form's fields, in the order of the form: each label says whether the field is
# required. The two groups of radio buttons are named by their legend.
CONTACT_FORM = {
    "name": (
        "textbox",
        {
            "en": "Full name (required)",
            "fr": "Nom complet (obligatoire)",
            "es": "Nombre completo (obligatorio)",
        },
    ),
    "position": (
        "textbox",
        {"en": "Position (optional)", "fr": "Fonction (facultatif)", "es": "Cargo (opcional)"},
    ),
    "organization": (
        "textbox",
        {
            "en": "Organization or ministry (required)",
            "fr": "Organisation ou ministère (obligatoire)",
            "es": "Organización o ministerio (obligatorio)",
        },
    ),
    "country": (
        "combobox",
        {"en": "Country (required)", "fr": "Pays (obligatoire)", "es": "País (obligatorio)"},
    ),
    "email": (
        "textbox",
        {
            "en": "Email address (required)",
            "fr": "Adresse électronique (obligatoire)",
            "es": "Correo electrónico (obligatorio)",
        },
    ),
    "phone": (
        "textbox",
        {
            "en": "Phone number (optional)",
            "fr": "Numéro de téléphone (facultatif)",
            "es": "Número de teléfono (opcional)",
        },
    ),
    "request_type": (
        "group",
        {
            "en": "Type of request (required)",
            "fr": "Type de demande (obligatoire)",
            "es": "Tipo de solicitud (obligatorio)",
        },
    ),
    "subject": (
        "textbox",
        {"en": "Subject (required)", "fr": "Objet (obligatoire)", "es": "Asunto (obligatorio)"},
    ),
    "message": (
        "textbox",
        {"en": "Message (required)", "fr": "Message (obligatoire)", "es": "Mensaje (obligatorio)"},
    ),
    "language": (
        "group",
        {
            "en": "Preferred language for the reply (required)",
            "fr": "Langue souhaitée pour la réponse (obligatoire)",
            "es": "Idioma preferido para la respuesta (obligatorio)",
        },
    ),
    "consent": (
        "checkbox",
        {
            "en": "I agree that the IML Unit stores and uses the information in this form to "
            "answer my request. (required)",
            "fr": "J'accepte que l'Unité DIM conserve et utilise les informations de ce "
            "formulaire pour répondre à ma demande. (obligatoire)",
            "es": "Acepto que la Unidad DIM conserve y utilice la información de este "
            "formulario para responder a mi solicitud. (obligatorio)",
        },
    ),
    "submit": (
        "button",
        {"en": "Send the request", "fr": "Envoyer la demande", "es": "Enviar la solicitud"},
    ),
}
# Some of the request types' radio buttons; "training" is the group's first.
REQUEST_TYPES = {
    "training": {
        "en": "Training and capacity building",
        "fr": "Formation et renforcement des capacités",
        "es": "Formación y fortalecimiento de capacidades",
    },
    "legislation": {
        "en": "Review or development of legislation and policy",
        "fr": "Examen ou élaboration de lois et de politiques",
        "es": "Revisión o elaboración de leyes y políticas",
    },
    "workshop": {
        "en": "An IML workshop or event in your country",
        "fr": "Un atelier ou une manifestation sur le DIM dans votre pays",
        "es": "Un taller o evento sobre DIM en su país",
    },
}
# The box that lists a form's mistakes (role "alert"), named by its heading.
ERROR_SUMMARY = {
    "en": "Your request has not been sent yet",
    "fr": "Votre demande n'a pas encore été envoyée",
    "es": "Su solicitud aún no se ha enviado",
}


def by_role(page, role, name):
    return page.get_by_role(role, name=name, exact=True)


def main_navigation(page, language):
    return by_role(page, "navigation", MAIN_NAVIGATION[language])


def navigation_link(page, language, entry):
    """An entry of the main navigation, e.g. navigation_link(page, "fr", "contact")."""
    return by_role(main_navigation(page, language), "link", NAVIGATION[entry][language])


def language_link(page, page_language, language):
    """The switcher's link to `language`, on a page in `page_language`."""
    switcher = by_role(page, "navigation", LANGUAGE_SWITCHER[page_language])
    return by_role(switcher, "link", LANGUAGE_NAMES[language])


def facet_option(form, facet, label):
    """The checkbox of one option of a facet, e.g. ("language", "English"); its name ends with
    the number of results it would give, e.g. "English (8 results)"."""
    return form[facet].get_by_role("checkbox", name=re.compile(rf"^{re.escape(label)} \("))


def catalogue_form(page, language):
    """The catalogue's filters and submit button, by name, in the order of the form."""
    return {
        field: by_role(page, role, names[language])
        for field, (role, names) in CATALOGUE_FORM.items()
    }


def contact_form(page, language):
    """The contact form's fields (groups for the radio buttons) and submit button, by name, in
    the order of the form."""
    return {
        field: by_role(page, role, names[language]) for field, (role, names) in CONTACT_FORM.items()
    }


def request_type(page, language, code):
    return by_role(page, "radio", REQUEST_TYPES[code][language])


def reply_language(page, page_language, language):
    """The radio button of a reply language, on the form in `page_language`."""
    group = contact_form(page, page_language)["language"]
    return by_role(group, "radio", LANGUAGE_NAMES[language])
