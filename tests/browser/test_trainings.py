from tests.trainings.factories import make_edition


def test_a_visitor_downloads_an_upcoming_edition_to_their_calendar(content, live_server, page):
    edition = make_edition(starts_in=20)
    page.goto(f"{live_server.url}/fr/trainings/")

    page.get_by_role("link", name="Cours de DIM à Sanremo").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Cours de DIM à Sanremo"
    with page.expect_download() as download:
        page.get_by_role("link", name="Ajouter à mon agenda (.ics)").click()

    assert download.value.suggested_filename == (
        f"iml-course-sanremo-{edition.start_date:%Y-%m-%d}.ics"
    )
    assert "BEGIN:VEVENT" in open(download.value.path(), encoding="utf-8").read()


def test_asking_for_a_training_opens_the_contact_page_with_the_type(content, live_server, page):
    page.goto(f"{live_server.url}/es/trainings/")

    page.get_by_role("link", name="Solicitar una formación").first.click()

    assert page.url == f"{live_server.url}/es/contact/?type=training"
