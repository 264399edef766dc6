"""The registry: one list of built-ins, loaded on first lookup; one registration style for stages."""

from __future__ import annotations

import importlib
import inspect
import sys

import pytest

from eventscope.registry import (BUILTINS, EXPORTERS, READERS, STAGES, BaseStage, Registry, Stage, declared_options,
                                 stage)

REGISTRIES = {"stage": STAGES, "reader": READERS, "exporter": EXPORTERS}


@pytest.mark.parametrize("kind, name, module", [(k, n, m) for k, names in BUILTINS.items() for n, m in names.items()])
def test_each_builtin_module_registers_the_name_it_is_listed_under(kind, name, module):
    registry = REGISTRIES[kind]
    importlib.import_module(module)
    assert name in registry._entries, f"{module} does not register {kind} {name!r}"
    assert registry[name] is registry._entries[name]


def test_every_registered_stage_is_a_class_with_the_whole_contract():
    members = [n for n in dir(Stage) if not n.startswith("_")] + ["__call__"]
    for name in BUILTINS["stage"]:
        cls = STAGES[name]
        assert inspect.isclass(cls) and cls.name == name
        assert all(hasattr(cls, m) for m in members), name
        declared_options(cls)  # every option is a named constructor parameter
        # the contract has no declared-but-unread attributes any more
        assert not hasattr(cls, "assigns") and not hasattr(cls, "default_config"), name


def test_lookup_imports_a_builtin_only_when_it_is_asked_for(tmp_path, monkeypatch):
    (tmp_path / "fake_builtin_for_registry_test.py").write_text(
        "from eventscope.registry import Registry\n"
        "import tests_registry_target as t\n"
        "t.REG.register('thing')(len)\n")
    target = type(sys)("tests_registry_target")
    target.REG = Registry("widget", {"thing": "fake_builtin_for_registry_test"})
    monkeypatch.setitem(sys.modules, "tests_registry_target", target)
    monkeypatch.syspath_prepend(str(tmp_path))
    reg = target.REG
    assert "thing" in reg and list(reg) == ["thing"] and len(reg) == 1
    assert "fake_builtin_for_registry_test" not in sys.modules  # listing imports nothing
    assert reg["thing"] is len
    assert "fake_builtin_for_registry_test" in sys.modules
    assert reg.get("other") is None
    with pytest.raises(KeyError):
        reg["other"]
    monkeypatch.delitem(sys.modules, "fake_builtin_for_registry_test")


def test_registered_entries_join_the_builtins_and_can_be_removed():
    reg = Registry("widget", {"a": "no.such.module"})
    reg.register("b")(str)
    assert list(reg) == ["a", "b"] and reg["b"] is str
    reg.unregister("b")
    assert "b" not in reg and list(reg) == ["a"]


def test_a_stage_registers_as_a_class_with_named_options():
    with pytest.raises(TypeError, match="^E023 "):
        stage("t-function")(lambda **options: None)
    with pytest.raises(TypeError, match=r"^E022 .*\*\*options"):
        @stage("t-kwargs")
        class Loose(BaseStage):
            def __init__(self, **options):
                self.options = options
    with pytest.raises(TypeError, match="^E024 .*'t-renamed'.*'other'"):
        @stage("t-renamed")
        class Renamed(BaseStage):
            name = "other"
    assert not {"t-function", "t-kwargs", "t-renamed"} & set(STAGES)


def test_declared_options_are_the_constructor_defaults():
    class Tuned(BaseStage):
        def __init__(self, threshold: float = 0.5, model: str | None = None, required: int = 0):
            pass

    assert declared_options(Tuned) == {"threshold": 0.5, "model": None, "required": 0}
    assert declared_options(BaseStage) == {}


def test_base_stage_start_finishes_with_the_same_results_as_pipe():
    from eventscope.model import AnalyzedDocument, Document

    class Upper(BaseStage):
        def __call__(self, adoc):
            adoc.document.title = adoc.document.text.upper()
            return adoc

    adocs = [AnalyzedDocument(document=Document(text=t)) for t in ("a", "b")]
    finish = Upper().start(adocs)
    assert [a.document.title for a in finish()] == ["A", "B"]
    assert Upper.overlaps is False
