from django.db import models


class Source(models.Model):
    """A person or body that asserts claims, one row across all articles.

    `key` is the name with titles, honorifics and roles stripped and folded
    (claims/source_names.py), so "Interior Minister X Y" and "Mr Y" in an article that
    named X Y are one source; `aliases` keeps the spellings it was seen under, for search.
    """

    name = models.CharField(max_length=300, help_text="The name it goes by.")
    key = models.CharField(max_length=300, unique=True, help_text="Normalised name.")
    aliases = models.JSONField(default=list, blank=True, help_text="Spellings seen in articles.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name
