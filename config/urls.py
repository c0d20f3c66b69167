from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

admin.site.site_header = "Claimtrack"
admin.site.site_title = "Claimtrack"
admin.site.index_title = "Articles and claims"

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
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
