"""Factories of article text for the pure text tests (no database, no Django)."""

from __future__ import annotations

import factory

_SHORT_TEMPLATES = [
    "Officials in {place} said {figure} people were displaced by flooding in {year}.",
    "The council of {place} approved a budget of {figure} million dollars for {year}.",
    "Police in {place} arrested {figure} people after protests in {year}, officials said.",
    "Exports from {place} rose by {figure} percent in {year}, the ministry said.",
    "A fire in {place} destroyed {figure} homes in {year}, according to local officials.",
    "{person} told reporters in {place} that {figure} jobs would go by {year}.",
    "Voters in {place} elected {person} with {figure} votes in {year}.",
    "{company} said it would open {figure} stores in {place} by {year}.",
    "Officials in {place} said {figure} people were displaced by flooding in {year}.",
]


class ShortArticleFactory(factory.DictFactory):
    """One-sentence articles, each with its own place, figure and year."""

    template = factory.Iterator(_SHORT_TEMPLATES)
    place = factory.Faker("city")
    person = factory.Faker("name")
    company = factory.Faker("company")
    figure = factory.Faker("pyint", min_value=2, max_value=90_000)
    year = factory.Faker("pyint", min_value=1950, max_value=2030)
    text = factory.LazyAttribute(
        lambda o: o.template.format(
            place=o.place, person=o.person, company=o.company, figure=o.figure, year=o.year
        )
    )
