"""Members choose a theme (auto, light, dark, high contrast) instead of a high-contrast
flag; everyone who had high contrast on keeps it as the "contrast" theme."""

from django.db import migrations, models


def contrast_to_theme(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.filter(high_contrast=True).update(theme="contrast")


def theme_to_contrast(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.filter(theme="contrast").update(high_contrast=True)


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0005_handle_key_and_released_handles"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="theme",
            field=models.CharField(
                choices=[("auto", "As my device is set (light or dark)"), ("light", "Light"),
                         ("dark", "Dark (easier on light-sensitive eyes)"),
                         ("contrast", "High contrast (black on white, 7:1 or more)")],
                default="auto", max_length=10),
        ),
        migrations.RunPython(contrast_to_theme, theme_to_contrast),
        migrations.RemoveField(model_name="user", name="high_contrast"),
    ]
