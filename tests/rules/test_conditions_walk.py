"""Walking condition trees by the engine's operator table: every node, and the questions read."""

from wizard.tooling.conditions_walk import iter_nodes, questions_used


def test_every_node_of_a_nested_condition_is_visited_with_its_pointer():
    cond = {"all": [{"not": {"equals": ["purpose", "work"]}}, {"answered": "status"}]}
    assert [(op, ptr) for op, _, ptr in iter_nodes(cond)] == [
        ("all", "/all"),
        ("not", "/all/0/not"),
        ("equals", "/all/0/not/equals"),
        ("answered", "/all/1/answered"),
    ]


def test_the_questions_a_condition_reads_come_from_every_place_its_operators_name_one():
    cond = {
        "any": [
            {"ge": ["stay_days", 30]},
            {"same": ["nationality", "passport_country"]},
            {"within_terms": {"policy": "p", "stay": "transit_hours", "purpose": "purpose", "on": "travel_date"}},
            {"ref": "named"},
        ]
    }
    named = {"named": {"includes": ["circumstances", "urgent"]}}
    assert questions_used(cond, named) == {
        "stay_days",
        "nationality",
        "passport_country",
        "transit_hours",
        "purpose",
        "travel_date",
        "circumstances",
    }


def test_date_matters_reads_the_nationality_but_not_the_date_question_it_names():
    cond = {"date_matters": {"policy": "p", "country": "nationality", "on": "travel_date"}}
    assert questions_used(cond, {}) == {"nationality"}
