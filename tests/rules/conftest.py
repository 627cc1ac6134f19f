"""Fixtures for the rule tests, and the scenario collector: every case of
rules/scenarios/*.yaml becomes one pytest item named by its sentence."""

import pytest

from wizard.tooling.scenarios import check_case, load_cases
from wizard.tooling.schemas import Schemas

from shared_rules import RULES, engine as shared_engine


@pytest.fixture(scope="session")
def engine(rules_engine):
    return rules_engine


@pytest.fixture(scope="session")
def bundle(engine):
    return engine.bundle


def pytest_collect_file(file_path, parent):
    # tests/rules/scenario_suite.yaml names the folder of scenario files.
    if file_path.name == "scenario_suite.yaml":
        return ScenarioSuite.from_parent(parent, path=file_path)
    return None


class ScenarioSuite(pytest.File):
    def collect(self):
        schemas = Schemas(RULES / "schema")
        for path in sorted((RULES / "scenarios").glob("*.yaml")):
            for case in load_cases(path, schemas):
                yield ScenarioItem.from_parent(self, name=case.name, case=case)


class ScenarioFailed(Exception):
    pass


class ScenarioItem(pytest.Item):
    def __init__(self, *, case, **kwargs):
        super().__init__(**kwargs)
        self.case = case

    def runtest(self):
        problems = check_case(shared_engine(), self.case)
        if problems:
            raise ScenarioFailed(problems)

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, ScenarioFailed):
            c = self.case
            lines = ["%s:%s: %s" % (c.file, c.line, c.name), "  today %s, answers %s" % (c.today, c.answers)]
            lines += ["  - " + p for p in excinfo.value.args[0]]
            return "\n".join(lines)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.case.file, self.case.line, "scenario: %s" % self.case.name
