"""/api/v1/ routes."""

from rest_framework.routers import DefaultRouter

from claims.api import views

router = DefaultRouter()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("links", views.LinkViewSet, basename="link")
router.register("tracked-claims", views.TrackedClaimViewSet, basename="trackedclaim")
router.register("fact-checks", views.FactCheckViewSet, basename="factcheck")
router.register("review-events", views.ReviewEventViewSet, basename="reviewevent")
router.register("changes", views.ChangeViewSet, basename="change")
router.register("claimreviews", views.ClaimReviewFeedViewSet, basename="claimreview")

urlpatterns = router.urls
