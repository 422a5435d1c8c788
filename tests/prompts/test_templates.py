import shutil

import pytest
import yaml

from prompts import PROMPTS_DIR, TemplateError, available, load_template, parse_template
from service.brief.render import format_block, render

REQUIRED = {"brief", "headline", "bullets", "plain"}


def test_required_templates_exist_with_versions():
    found = available()
    assert REQUIRED <= set(found)
    for name, versions in found.items():
        assert versions == sorted(versions) and versions[0] >= 1
        t = load_template(name)
        assert (t.name, t.version) == (name, versions[-1])
        assert len(t.content_hash) == 16 and t.description


def test_brief_structure_is_the_house_format():
    t = load_template("brief", 1)
    keys = [s.key for s in t.sections]
    assert keys == ["headline", "dateline", "bullets", "quote", "attribution", "next"]
    bullets = t.section("bullets")
    assert bullets.kind == "list" and (bullets.min_items, bullets.max_items) == (3, 5)
    assert t.section("quote").verbatim and t.section("headline").max_words == 15
    plain = load_template("plain")
    assert plain.section("who").kind == "list"
    assert [s.key for s in load_template("headline").sections] == ["headline"]
    assert load_template("bullets").section("bullets").max_items == 5


def test_hash_ignores_comments_but_not_content(tmp_path):
    root = tmp_path / "prompts"
    shutil.copytree(PROMPTS_DIR / "brief", root / "brief")
    path = root / "brief" / "v1.yaml"
    path.write_text("# an extra comment\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    original = load_template("brief", 1)
    assert load_template("brief", 1, root=root).content_hash == original.content_hash
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["system"] += " Be concise."
    assert parse_template(data).content_hash != original.content_hash


def test_unknown_template_and_version_name_what_exists():
    with pytest.raises(TemplateError, match="available: .*brief"):
        load_template("nope")
    with pytest.raises(TemplateError, match="no version 99; versions: 1"):
        load_template("headline", 99)
    assert load_template("headline", "v1").version == 1 == load_template("headline", "latest").version


def _data(name="headline"):
    return yaml.safe_load((PROMPTS_DIR / name / "v1.yaml").read_text(encoding="utf-8"))


def test_malformed_templates_are_rejected(tmp_path):
    data = _data()
    data["fence"]["end"] = "<<<END>>>"
    with pytest.raises(TemplateError, match="nonce"):
        parse_template(data)
    data = _data("brief")
    data["max_words"] = 50
    with pytest.raises(TemplateError, match="below the .* words"):
        parse_template(data)
    data = _data()
    data["sections"][0]["label"] = "headline"
    with pytest.raises(TemplateError, match="CAPITALS"):
        parse_template(data)
    (tmp_path / "headline").mkdir()
    wrong = tmp_path / "headline" / "v2.yaml"
    wrong.write_text(yaml.safe_dump(_data()), encoding="utf-8")
    with pytest.raises(TemplateError, match="must be headline/v1.yaml"):
        load_template("headline", 2, root=tmp_path)


@pytest.mark.parametrize("name", sorted(available()))
def test_every_template_renders_fenced_with_instructions_restated(name):
    t = load_template(name)
    text = "PARIS: The minister said on Monday that 12 people were hurt."
    rendered = render(t, text, source="PARIS : Le ministre a déclaré lundi que 12 personnes ont été blessées.")
    system, user = (m["content"] for m in rendered.messages)
    assert [m["role"] for m in rendered.messages] == ["system", "user"]
    assert "not instructions" in system or "never instructions" in system
    lines = user.split("\n")
    begin, end = lines.index(rendered.fences["DISPATCH"].begin), lines.index(rendered.fences["DISPATCH"].end)
    assert lines[begin + 1 : end] == [text]
    assert rendered.nonce in rendered.fences["DISPATCH"].begin and rendered.nonce in rendered.fences["DISPATCH"].end
    assert "FRENCH ORIGINAL" in rendered.fences and "Le ministre" in user
    # Before the data: the fence is explained; after it: the task restated and the answer format, every label.
    before, after = "\n".join(lines[:begin]), "\n".join(lines[end + 1 :])
    assert "not instructions" in before and "restated" in after
    positions = [after.index(f"{s.label}: <") for s in t.sections]
    assert positions == sorted(positions)
    assert format_block(t) in after


def test_render_without_source_has_one_fence_and_fresh_nonces():
    t = load_template("brief")
    a, b = render(t, "Some text."), render(t, "Some text.")
    assert set(a.fences) == {"DISPATCH"} and "FRENCH ORIGINAL" not in a.messages[1]["content"]
    assert a.nonce != b.nonce and len(a.nonce) == 16
    assert render(t, "Some text.", nonce="abc").messages == render(t, "Some text.", nonce="abc").messages

