"""Values the engine works out from the answers a manager typed."""

from advisor.engine.answers import derive


def test_a_typed_volume_is_kept_and_not_marked_as_estimated():
    answers = derive({"interactions_per_month": 900, "customers": 10, "contact_rate_percent": 5})
    assert answers["interactions_per_month"] == 900
    assert answers["interactions_estimated"] is False


def test_a_blank_volume_is_customers_times_the_monthly_contact_rate():
    answers = derive({"interactions_per_month": None, "customers": 3000, "contact_rate_percent": 5})
    assert answers["interactions_per_month"] == 150
    assert answers["interactions_estimated"] is True


def test_an_existing_team_is_derived_from_its_agent_count():
    assert derive({"existing_team_agents": 4})["has_existing_team"] is True
    assert derive({"existing_team_agents": 0})["has_existing_team"] is False
    assert derive({})["has_existing_team"] is None


def test_derive_does_not_change_the_answers_it_is_given():
    typed = {"interactions_per_month": None, "customers": 100, "contact_rate_percent": 10}
    derive(typed)
    assert typed["interactions_per_month"] is None
