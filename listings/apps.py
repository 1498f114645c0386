from django.apps import AppConfig


class ListingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "listings"
    verbose_name = "Listings"

    def ready(self) -> None:
        from listings.search.index import connect_receivers

        connect_receivers()
