import pytest


@pytest.mark.django_db
def test_favicon_is_served_and_named_by_every_admin_page(client, admin_user):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon["Content-Type"] == "image/svg+xml"
    assert client.get("/favicon.svg").status_code == 200

    client.force_login(admin_user)
    page = client.get("/admin/").content.decode()
    assert '<link rel="icon" href="/favicon.svg"' in page
