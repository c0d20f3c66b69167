from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

admin.site.site_header = "Claimtrack"
admin.site.site_title = "Claimtrack"
admin.site.index_title = "Articles and claims"
# The review pages need the width: the app list stays on the home page and in breadcrumbs.
admin.site.enable_nav_sidebar = False

# The site's icon: a tick in a box, the colour of the admin header.
FAVICON_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">'
    '<rect width="16" height="16" rx="3" fill="#417690"/>'
    '<path d="M4 8.5l2.5 2.5L12 5" stroke="#fff" stroke-width="2" fill="none"/></svg>'
)


def favicon(request):
    response = HttpResponse(FAVICON_SVG, content_type="image/svg+xml")
    response["Cache-Control"] = "max-age=86400"
    return response


urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("favicon.svg", favicon, name="favicon"),
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("api/v1/schema/", SpectacularAPIView.as_view(), {"version": "v1"}, name="schema"),
    path(
        "api/v1/docs/",
        SpectacularSwaggerView.as_view(url_name="schema"),
        {"version": "v1"},
        name="api-docs",
    ),
    # The same schema and docs without the version in the path.
    path("api/schema/", SpectacularAPIView.as_view(), {"version": "v1"}, name="schema-latest"),
    path(
        "api/docs/",
        SpectacularSwaggerView.as_view(url_name="schema"),
        {"version": "v1"},
        name="api-docs-latest",
    ),
    re_path(r"^api/(?P<version>v1)/", include(("claims.api.urls", "api"))),
]
