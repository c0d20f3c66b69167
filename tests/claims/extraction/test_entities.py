from claims.extraction.entities import find_entities, organisation_names


def _labels(nlp, text):
    return {(e.text, e.label) for e in find_entities(nlp(text))}


def test_place_context_relabels_a_list_of_towns_and_other_mentions(nlp):
    text = (
        "Gunmen captured the central towns of Halfaya, Taybat al-Imam and Soran. "
        "Taybat al-Imam lies north of the city."
    )
    entities = find_entities(nlp(text))
    places = [e for e in entities if e.label == "GPE"]
    assert {e.text for e in places} >= {"Halfaya", "Taybat al-Imam", "Soran"}
    assert sum(1 for e in places if e.text == "Taybat al-Imam") == 2
    for entity in entities:
        assert text[entity.start : entity.end] == entity.text


def test_known_organisation_is_one_entity(nlp):
    labels = _labels(nlp, "The offensive is led by Hayat Tahrir al-Sham and its allies.")
    assert ("Hayat Tahrir al-Sham", "ORG") in labels
    assert "Hayat Tahrir al-Sham" in organisation_names()


def test_city_of_context_fixes_a_city_tagged_as_organisation(nlp):
    labels = _labels(nlp, "Rebels moved towards the city of Hama. Hama is strategic.")
    assert ("Hama", "GPE") in labels
    assert ("Hama", "ORG") not in labels


def test_a_person_with_a_title_is_a_person(nlp):
    # The small model tags some "Mr X" as an organisation.
    labels = _labels(nlp, "Mr Brand met Dr. Jane Lowe and Mrs Okafor at the court in Leeds.")
    assert {
        ("Mr Brand", "PERSON"),
        ("Dr. Jane Lowe", "PERSON"),
        ("Mrs Okafor", "PERSON"),
    } <= labels
