"""The one URL module integrators include.

    path("govopen/", include("govopen.urls"))


Every govopen app adds its public URLs here under the ``govopen`` namespace.
"""

from django.urls import include, path

app_name = "govopen"

urlpatterns = [
    path("", include("govopen.core.urls")),
]
