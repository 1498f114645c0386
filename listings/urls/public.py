"""Search, role pages, employers and feeds out."""

from django.urls import path

from listings.feeds import SearchAtomFeed, SearchFeed
from listings.views import employers, roles, search

urlpatterns = [
    path("jobs/", search.role_search, name="search"),
    path("jobs/feed/", SearchFeed(), name="search_feed"),
    path("jobs/feed/atom/", SearchAtomFeed(), name="search_feed_atom"),
    path("jobs/<int:pk>/<slug:slug>/", roles.role_detail, name="role_detail"),
    path("employers/", employers.employer_list, name="employer_list"),
    path("employers/<slug:slug>/", employers.employer_detail, name="employer_detail"),
]
