from django.db import migrations

COMPACT_TASK = "claims.tasks.changes_compact_task"
COMPACT_NAME = "Compact the changes feed (daily)"


def create_compact_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every, _ = IntervalSchedule.objects.get_or_create(every=1, period="days")
    PeriodicTask.objects.get_or_create(
        name=COMPACT_NAME,
        defaults={
            "task": COMPACT_TASK,
            "interval": every,
            "description": "Deletes old changes that a later change of the same object "
            "supersedes (CHANGES_COMPACT_AFTER_DAYS).",
        },
    )


def remove_compact_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=COMPACT_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("django_celery_beat", "0019_alter_periodictasks_options"),
        ("claims", "0011_api"),
    ]

    operations = [migrations.RunPython(create_compact_schedule, remove_compact_schedule)]
