"""The API's admin pages: tokens (revocable), webhook subscriptions and the delivery log."""

from django import forms
from django.contrib import admin, messages

from articles.errors import ApplicationError
from claims.admin.read_only import ReadOnlyMixin
from claims.models import ApiToken, WebhookDelivery, WebhookEvent, WebhookSubscription
from claims.services.api_tokens import api_token_create, api_token_revoke
from claims.services.webhooks import (
    webhook_delivery_retry,
    webhook_subscription_delete,
    webhook_subscription_save,
)


class ApiTokenAddForm(forms.ModelForm):
    username = forms.CharField(help_text="Created if missing; a review token joins Reviewer.")

    class Meta:
        model = ApiToken
        fields = ("username", "scope", "name")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "scope", "name", "created_at", "last_used_at", "revoked_at")
    list_filter = ("scope", ("revoked_at", admin.EmptyFieldListFilter))
    search_fields = ("user__username", "name", "prefix")
    list_select_related = ("user",)
    readonly_fields = (
        "prefix",
        "user",
        "scope",
        "name",
        "created_at",
        "last_used_at",
        "revoked_at",
    )
    actions = ["revoke"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ApiTokenAddForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.readonly_fields

    def get_fields(self, request, obj=None):
        return ("username", "scope", "name") if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            return
        try:
            token, key = api_token_create(
                username=form.cleaned_data["username"],
                scope=form.cleaned_data["scope"],
                name=form.cleaned_data["name"],
                actor=request.user,
            )
        except ApplicationError as error:
            self.message_user(request, error.message, messages.ERROR)
            return
        # The admin goes on with `obj` (its log entry, the redirect): make it the token.
        for field in ApiToken._meta.concrete_fields:
            setattr(obj, field.attname, getattr(token, field.attname))
        obj._state.adding, obj._state.db = False, token._state.db
        self.message_user(
            request,
            f"Token for {token.user}: {key} (copy it now: only its hash is kept).",
            messages.WARNING,
        )

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the record of who held a token stays

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset):
        for token in queryset:
            api_token_revoke(token=token, actor=request.user)
        self.message_user(request, f"{queryset.count()} token(s) revoked.", messages.SUCCESS)


class WebhookSubscriptionForm(forms.ModelForm):
    url = forms.URLField(max_length=2000, assume_scheme="https")
    events = forms.MultipleChoiceField(
        choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = WebhookSubscription
        fields = ("url", "events", "secret", "is_active")
        widgets = {"url": forms.URLInput()}


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    form = WebhookSubscriptionForm
    list_display = ("url", "event_names", "is_active", "created_by", "created_at")
    list_filter = ("is_active",)

    @admin.display(description="events")
    def event_names(self, obj):
        return ", ".join(obj.events)

    def save_model(self, request, obj, form, change):
        webhook_subscription_save(subscription=obj, actor=request.user)

    def delete_model(self, request, obj):
        webhook_subscription_delete(subscription=obj, actor=request.user)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = (
        "created_at",
        "event",
        "subscription",
        "status",
        "attempts",
        "last_status_code",
        "next_attempt_at",
        "short_error",
    )
    list_filter = ("status", "event", "subscription")
    list_select_related = ("subscription",)
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]
    actions = ["send_again"]

    @admin.display(description="last error")
    def short_error(self, obj):
        return obj.last_error[:80]

    @admin.action(description="Send the selected deliveries again now")
    def send_again(self, request, queryset):
        for delivery in queryset:
            webhook_delivery_retry(delivery=delivery)
        self.message_user(request, "Queued again.", messages.SUCCESS)
