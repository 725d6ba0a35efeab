# SPDX-License-Identifier: EUPL-1.2
from django.db import migrations

ROLES = [
    "reporter",
    "ciso",
    "deputy_ciso",
    "director",
    "fg",
    "office_management",
    "administrator",
]


def create_roles(apps, schema_editor):
    group = apps.get_model("auth", "Group")
    for name in ROLES:
        group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
