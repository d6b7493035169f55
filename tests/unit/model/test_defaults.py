"""The default factories of the models: the same values the builtins and the models' own constructors give."""

from __future__ import annotations

import pytest

from isms.model.base import IsmsModel, empty_dict, empty_list, of_defaults
from isms.model.config import ConfigDoc, EvidenceSettings, SoaSettings
from isms.model.control import Review
from isms.model.evidence import EvidenceDefaults
from isms.model.risk import RiskReview


def test_empty_list_and_dict_are_new_each_time() -> None:
    assert empty_list() == []
    assert empty_dict() == {}
    assert empty_list() is not empty_list()
    assert empty_dict() is not empty_dict()


@pytest.mark.parametrize("model", [EvidenceSettings, SoaSettings, Review, EvidenceDefaults, RiskReview])
def test_a_left_out_section_is_the_model_made_of_its_defaults(model: type[IsmsModel]) -> None:
    made = of_defaults(model)()
    assert type(made) is model
    assert made == model()
    assert made.model_dump() == model().model_dump()
    assert made.model_fields_set == model().model_fields_set == set()
    assert model.__pydantic_decorators__.model_validators == {}  # of_defaults does not validate


def test_a_document_without_the_sections_has_their_defaults() -> None:
    config = ConfigDoc.model_validate({"organisation": "Example"})
    assert config.evidence == EvidenceSettings()
    assert config.soa == SoaSettings()
    assert config.owners == {}
    assert config.rules == {}
    assert config.require_signed_commits == []
    assert config.model_fields_set == {"organisation"}
