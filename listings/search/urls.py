"""Search, role pages and feeds out."""

from django.urls import path

from listings.search import role_page, views
from listings.search.feeds import SearchAtomFeed, SearchFeed

urlpatterns = [
    path("jobs/", views.role_search, name="search"),
    path("jobs/feed/", SearchFeed(), name="search_feed"),
    path("jobs/feed/atom/", SearchAtomFeed(), name="search_feed_atom"),
    path("jobs/<int:pk>/<slug:slug>/", role_page.role_detail, name="role_detail"),
    # A link cut short (or typed from an id) still reaches the role.
    path("jobs/<int:pk>/", role_page.role_detail, name="role_detail_by_id"),
]
