import hashlib

import factory
from factory.django import DjangoModelFactory

from articles.models import Article


class ArticleFactory(DjangoModelFactory):
    class Meta:
        model = Article

    key = factory.Sequence(lambda n: f"article-{n:04d}")
    source_name = factory.LazyAttribute(lambda o: f"{o.key}.txt")
    title = factory.Faker("sentence", nb_words=8)
    body = factory.Faker("paragraph", nb_sentences=6)
    raw = factory.LazyAttribute(lambda o: o.body.encode("utf-8"))
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.body.encode("utf-8")).hexdigest())
    language = "en"
