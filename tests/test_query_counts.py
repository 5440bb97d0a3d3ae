"""Every page reads a bounded number of rows, whether there are 10 rules or 1,000.

Counts are pinned per page with `django_assert_max_num_queries`; the same bound holds for
both rule sets, so no page does work per rule or per stored assessment in the database.
"""

from __future__ import annotations

import pytest

from advisor.models import Assessment, Option, Revision, Rule
from advisor.results.service import assessment_create
from tests.advisor.test_scoring import BASE
from tests.conftest import STEPS

pytestmark = [pytest.mark.django_db, pytest.mark.worked_out]

#: Most queries each page may run. In tests a transaction is a savepoint and its release (2
#: queries more than the statements inside it).
BOUNDS = {
    "home": 0,
    # the session, the visitor's unfinished runs
    "home with a run": 2,
    "start": 0,
    # nothing is stored before the first answer
    "first step GET": 0,
    # the run stored with its first answer (its read and insert, in a transaction with a
    # savepoint), then the session created (is its new key free, then its insert)
    "first step POST": 10,
    # the session, the run; reading a step writes nothing
    "step GET": 2,
    # the same, the rule-set stamp, and the rule set itself (options, rules, assumptions,
    # demand profiles) when it changed since this process last read it
    "costs step GET": 7,
    # the session, the run, the run's update, the session's update (its two weeks move on)
    "step POST": 6,
    # the same, after the rule-set stamp the cost step's defaults come from
    "costs step POST": 7,
    # the session, the run, the rule-set stamp, the run's and the session's updates marking
    # the review as reached
    "review GET": 7,
    # the posted review stored, as a step's POST, then to formtools' done URL
    "finish": 6,
    # the session, the run, the rule-set stamp, then in one transaction: the client's finishes
    # (found or created, locked, counted, and clients idle for the window forgotten, with a
    # savepoint each), the snapshot's check and insert, the assessment's insert, its analysis
    # (run here, in the request: read, save, read again), the run marked finished
    "done": 20,
    # the assessment by token; read again from the page cache, none
    "result": 1,
    "result JSON": 1,
    # the assessment (with its "what would change", or a note that it is being worked out)
    "result's last part": 1,
    # session, user, count, the rules with their option, the filters' options and questions
    "admin rule list": 8,
}


@pytest.fixture(params=[10, 1000], ids=["10 rules", "1000 rules"])
def rule_count(request) -> int:
    """Replace the default rules by `count` rules on customers, as an admin could write them."""
    count = request.param
    options = list(Option.objects.all())
    Rule.objects.all().delete()
    Rule.objects.bulk_create(
        Rule(
            slug=f"customers-{index}",
            question="customers",
            operator="gte",
            value=str(index * 10),
            option=options[index % len(options)],
            points=1,
            rationale=f"Rule {index}",
            order=index,
        )
        for index in range(count)
    )
    Revision.bump()  # bulk_create sends no signals; an admin's save would bump it
    made = assessment_create(answers=BASE)
    Assessment.objects.bulk_create(
        Assessment(answers=made.answers, result=made.result, snapshot=made.snapshot)
        for _ in range(count // 10)
    )
    return count


def test_the_wizard_pages_run_the_same_few_queries_for_any_number_of_rules(
    rule_count, wizard, django_assert_max_num_queries
):
    with django_assert_max_num_queries(BOUNDS["home"]):
        wizard.client.get("/")
    with django_assert_max_num_queries(BOUNDS["start"]):
        wizard.start()
    for step in STEPS[:-1]:
        kind = {"company": "first step", "costs": "costs step"}.get(step, "step")
        with django_assert_max_num_queries(BOUNDS[f"{kind} GET"]):
            assert wizard.get(step).status_code == 200
        with django_assert_max_num_queries(BOUNDS[f"{kind} POST"]):
            assert wizard.post(step).status_code == 302
    with django_assert_max_num_queries(BOUNDS["home with a run"]):
        assert len(wizard.client.get("/").context["unfinished"]) == 1
    with django_assert_max_num_queries(BOUNDS["review GET"]):
        assert wizard.get("review").status_code == 200
    with django_assert_max_num_queries(BOUNDS["finish"]):
        assert wizard.post("review").url == wizard.url("done")
    with django_assert_max_num_queries(BOUNDS["done"]):
        done = wizard.get("done")
    assert done.status_code == 302
    with django_assert_max_num_queries(BOUNDS["result"]):
        assert wizard.client.get(done.url).status_code == 200
    with django_assert_max_num_queries(BOUNDS["result JSON"]):
        assert wizard.client.get(done.url.rstrip("/") + ".json").status_code == 200
    with django_assert_max_num_queries(BOUNDS["result's last part"]):
        assert wizard.client.get(done.url + "changes/").status_code == 200


def test_the_admin_rule_list_runs_the_same_few_queries_for_any_number_of_rules(
    rule_count, staff_client, django_assert_max_num_queries
):
    # session, user, then the page: count, the rules with their option, the filters' options.
    with django_assert_max_num_queries(BOUNDS["admin rule list"]):
        assert staff_client.get("/admin/advisor/rule/").status_code == 200
