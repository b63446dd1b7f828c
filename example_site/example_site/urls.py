from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents import urls as wagtaildocs_urls

# Wagtail's read-only content API: disclosure items and their metadata at
# /api/v2/pages/?type=govopen_directory.DisclosureItemPage&fields=*
api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("api/v2/", api_router.urls),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public pages carry the language in the URL (/zh-hant/..., /en/...);
# 简体中文, the default, has no prefix.
urlpatterns += i18n_patterns(
    path("govopen/", include("govopen.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
