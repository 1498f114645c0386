"""A Moderators group holding the "can moderate roles" permission."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure this one exists now.
    create_permissions(global_apps.get_app_config("listings"), verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Moderators")
    wanted = [
        ("moderate_role", "role"),
        ("view_role", "role"),
        ("change_role", "role"),
        ("view_listingreport", "listingreport"),
        ("change_listingreport", "listingreport"),
        ("view_moderationevent", "moderationevent"),
        ("view_employer", "employer"),
        ("view_feedsource", "feedsource"),
        ("view_ingestrun", "ingestrun"),
    ]
    for codename, model in wanted:
        group.permissions.add(
            Permission.objects.get(codename=codename, content_type__app_label="listings", content_type__model=model)
        )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Moderators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("listings", "0002_visa_reference_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
