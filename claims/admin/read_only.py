"""Admin pages that only show: every change goes through the services (STYLE.md C3)."""


class ReadOnlyMixin:
    """No add, change or delete through the admin's own forms, for anyone."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
