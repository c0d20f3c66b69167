import factory
from factory.django import DjangoModelFactory

from claims.models import (
    Claim,
    ClaimKind,
    ClaimLink,
    ClaimStatus,
    LinkRelation,
    LinkStatus,
    TrackedClaim,
)
from tests.articles.factories import ArticleFactory


class ClaimFactory(DjangoModelFactory):
    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    start = 0
    end = factory.LazyAttribute(lambda o: min(len(o.article.body), 60))
    quote = factory.LazyAttribute(lambda o: o.article.body[o.start : o.end])
    prefix = ""
    suffix = factory.LazyAttribute(lambda o: o.article.body[o.end : o.end + 32])
    statement = factory.LazyAttribute(lambda o: o.quote.strip().rstrip(".") + ".")
    kind = ClaimKind.EVENT
    source = "the outlet"
    score = 0.8
    extractor_name = "test"
    extractor_version = "0"
    status = ClaimStatus.SUGGESTED


class TrackedClaimFactory(DjangoModelFactory):
    class Meta:
        model = TrackedClaim

    statement = factory.Faker("sentence", nb_words=10)


class ClaimLinkFactory(DjangoModelFactory):
    """A suggested link from a claim to a prior claim in another article."""

    class Meta:
        model = ClaimLink

    claim = factory.SubFactory(ClaimFactory)
    other = factory.SubFactory(ClaimFactory)
    relation = LinkRelation.SAME
    score = 0.9
    method = "hybrid"
    model_version = "test"
    status = LinkStatus.SUGGESTED
