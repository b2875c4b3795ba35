"""termlint's language server as an editor sees it, through a real LSP client.

Each test opens documents the way VS Code does (full text on open and on every
change) and checks what the user would see: the problems list, hovers,
completions, quick fixes, formatting, the outline and go-to-definition.
"""

import json
import os
import pathlib
import shutil
import stat

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

from conftest import (
    REPO,
    apply_edits,
    change_document,
    open_document,
    server_config,
    start,
    termlint,
    utf16_column,
)

NORTHWIND = REPO / "contracts" / "northwind-telesales.terms"


def position(text: str, needle: str, after: int = 0) -> types.Position:
    """The UTF-16 position of the first `needle` at or after character `after`."""
    index = text.index(needle, after)
    line = text.count("\n", 0, index)
    line_start = text.rfind("\n", 0, index) + 1
    return types.Position(line=line, character=utf16_column(text[line_start:], index - line_start))


# ------------------------------------------------------------------------------
#  Start-up and diagnostics
# ------------------------------------------------------------------------------


async def test_initialize_announces_every_feature_in_utf16(client: LanguageClient):
    server = client.server_capabilities
    assert server.position_encoding == types.PositionEncodingKind.Utf16
    assert server.hover_provider
    assert server.completion_provider is not None
    assert server.document_formatting_provider
    assert server.document_symbol_provider
    assert server.definition_provider
    assert types.CodeActionKind.QuickFix in server.code_action_provider.code_action_kinds
    assert server.text_document_sync.change == types.TextDocumentSyncKind.Full


async def test_diagnostics_are_the_findings_of_check(client: LanguageClient, tmp_path):
    path = tmp_path / "northwind-telesales.terms"
    text = NORTHWIND.read_text()
    path.write_text(text)
    uri = await open_document(client, path, text)

    check = termlint("check", "--format", "json", "--lang", "en", str(path))
    expected = [
        (d["rule"], d["severity"], d["span"]["line"] - 1, d["span"]["column"] - 1, d["message"])
        for d in json.loads(check.stdout)["diagnostics"]
        if not d["waived"]
    ]
    severities = {
        types.DiagnosticSeverity.Error: "error",
        types.DiagnosticSeverity.Warning: "warning",
        types.DiagnosticSeverity.Information: "info",
    }
    seen = [
        (
            d.code,
            severities[d.severity],
            d.range.start.line,
            d.range.start.character,
            d.message.split("\nhelp: ")[0],
        )
        for d in client.diagnostics[uri]
    ]
    assert len(expected) > 10
    assert seen == expected
    first = client.diagnostics[uri][0]
    assert first.source == "termlint"
    assert first.code_description.href.startswith(
        "https://github.com/termlint/termlint/blob/main/rules/"
    )
    assert "\nhelp: " in first.message


async def test_each_change_is_checked_again(client: LanguageClient, tmp_path):
    text = 'contract "c" {\n  status quote\n  pricing {\n    model    per_call\n    per_call 300 JPY / call\n  }\n}\n'
    uri = await open_document(client, tmp_path / "c.terms", text)
    assert "TL104" not in [d.code for d in client.diagnostics[uri]]

    changed = text.replace("300 JPY / call", "tbd")
    await change_document(client, uri, changed, 2)
    undecided = [d for d in client.diagnostics[uri] if d.code == "TL104"]
    assert len(undecided) == 1
    assert undecided[0].range.start == position(changed, "per_call tbd")
    assert undecided[0].severity == types.DiagnosticSeverity.Error


async def test_positions_count_utf16_units_after_kanji_and_an_emoji(client: LanguageClient, tmp_path):
    line = '  vendor "受注センター🎧" { sitess 2 }'
    text = 'contract "c" {\n  status quote\n' + line + "\n}\n"
    uri = await open_document(client, tmp_path / "c.terms", text)
    unknown = [d for d in client.diagnostics[uri] if d.code == "TL002"]
    assert len(unknown) == 1
    # 受注センター is 6 units and 18 bytes, 🎧 2 units and 4 bytes.
    column = utf16_column(line, line.index("sitess"))
    assert column == 22
    assert unknown[0].range.start == types.Position(line=2, character=column)
    assert unknown[0].range.end == types.Position(line=2, character=column + len("sitess"))

    fixed = text.replace("sitess", "sites")
    await change_document(client, uri, fixed, 2)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=2, character=column + 2),
        )
    )
    assert hover.range.start == types.Position(line=2, character=column)
    assert "**vendor.sites**" in hover.contents.value


# ------------------------------------------------------------------------------
#  Hover and completion
# ------------------------------------------------------------------------------


async def test_hover_describes_a_field_and_a_waived_rule(client: LanguageClient, tmp_path):
    text = (
        'contract "c" {\n  status quote\n  pricing {\n    model outcome\n  }\n'
        '  waiver TL101 {\n    reason "trial month"\n  }\n}\n'
    )
    uri = await open_document(client, tmp_path / "c.terms", text)
    on_model = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=position(text, "model")
        )
    )
    assert on_model.contents.kind == types.MarkupKind.Markdown
    assert on_model.contents.value.startswith("**pricing.model** `{")
    assert "monthly_fixed" in on_model.contents.value

    on_rule = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=position(text, "TL101")
        )
    )
    assert on_rule.contents.value.startswith("**TL101** pure-outcome-fees · warning · pricing")
    assert "## Why it matters" in on_rule.contents.value


async def complete(client: LanguageClient, uri: str, at: types.Position) -> list[str]:
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=at)
    )
    items = result.items if isinstance(result, types.CompletionList) else result
    return [item.label for item in items]


async def test_completion_offers_what_may_be_written_at_the_cursor(client: LanguageClient, tmp_path):
    text = (
        'contract "c" {\n  status quote\n  vendor "V" {\n    sta\n  }\n'
        "  pricing {\n    model \n  }\n"
        "  service inbound order_taking {\n    volume 6000 \n  }\n"
        "  waiver \n}\n"
    )
    uri = await open_document(client, tmp_path / "c.terms", text)
    end_of = lambda needle: position(text, needle + "\n")  # noqa: E731
    after = lambda needle: types.Position(  # noqa: E731
        line=end_of(needle).line, character=end_of(needle).character + len(needle)
    )

    assert await complete(client, uri, after("    sta")) == ["staff"]
    symbols = await complete(client, uri, after("    model "))
    assert {"monthly_fixed", "per_call", "outcome", "hybrid"} <= set(symbols)
    units = await complete(client, uri, after("volume 6000 "))
    assert "calls" in units and "JPY" not in units
    rules = await complete(client, uri, after("  waiver "))
    assert {"TL101", "pure-outcome-fees", "TL706"} <= set(rules)
    fields = await complete(client, uri, types.Position(line=1, character=2))
    assert {"pricing", "vendor", "service", "kpi", "waiver"} <= set(fields)


async def test_completion_in_a_rule_condition_offers_the_next_step_of_a_path(
    client: LanguageClient, tmp_path
):
    text = "rule ACME-9 x {\n  severity warning\n  when     pricing.ov\n  message  \"m\"\n}\n"
    uri = await open_document(client, tmp_path / "team.rules", text, language="termlint-rules")
    labels = await complete(client, uri, position(text, "\n  message"))
    assert labels == ["overage"]


async def test_a_rule_condition_completes_and_explains_the_cost_figures(
    client: LanguageClient, tmp_path
):
    text = "rule ACME-10 dear {\n  severity warning\n  when     cost.monthly\n  message  \"m\"\n}\n"
    uri = await open_document(client, tmp_path / "cost.rules", text, language="termlint-rules")
    labels = await complete(client, uri, position(text, "\n  message"))
    assert labels == ["monthly_at_forecast"]
    text = text.replace("cost.monthly", "cost.monthly_at_forecast > 600000 JPY / month")
    await change_document(client, uri, text, 2)
    assert list(client.diagnostics[uri]) == [], "a cost figure type-checks like a written amount"
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=position(text, "monthly_at_forecast"),
        )
    )
    assert "the month's bill at the forecast volume" in hover.contents.value


# ------------------------------------------------------------------------------
#  Code actions, formatting, symbols, definition
# ------------------------------------------------------------------------------


async def code_actions(client: LanguageClient, uri: str, diagnostics) -> list[types.CodeAction]:
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostics[0].range,
            context=types.CodeActionContext(diagnostics=diagnostics),
        )
    )


async def test_a_did_you_mean_is_a_quick_fix(client: LanguageClient, tmp_path):
    text = 'contract "c" {\n  status quote\n  pricing {\n    modle per_call\n  }\n}\n'
    uri = await open_document(client, tmp_path / "c.terms", text)
    unknown = [d for d in client.diagnostics[uri] if d.code == "TL002"]
    assert len(unknown) == 1
    actions = await code_actions(client, uri, unknown)
    fix = next(a for a in actions if a.kind == types.CodeActionKind.QuickFix)
    assert fix.title == "Replace with `model`"
    assert fix.is_preferred
    fixed = apply_edits(text, fix.edit.changes[uri])
    assert "    model per_call\n" in fixed
    await change_document(client, uri, fixed, 2)
    assert [d.code for d in client.diagnostics[uri] if d.code.startswith("TL00")] == []


async def test_a_finding_can_be_waived_from_the_editor(client: LanguageClient, tmp_path):
    text = 'contract "c" {\n  status quote\n  pricing {\n    model outcome\n  }\n}\n'
    uri = await open_document(client, tmp_path / "c.terms", text)
    outcome = [d for d in client.diagnostics[uri] if d.code == "TL101"]
    assert len(outcome) == 1
    actions = await code_actions(client, uri, outcome)
    waiver = next(a for a in actions if a.title == "Add a waiver for TL101 to this contract")
    waived = apply_edits(text, waiver.edit.changes[uri])
    assert '  waiver TL101 {\n    reason      "TODO: why this finding is accepted"\n' in waived
    await change_document(client, uri, waived, 2)
    codes = [d.code for d in client.diagnostics[uri]]
    assert "TL101" not in codes
    assert not [c for c in codes if c.startswith("TL00")], codes


async def test_formatting_is_termlint_fmt(client: LanguageClient, tmp_path):
    messy = 'contract "c" {\nstatus   quote\n    pricing {  model per_call ;per_call 300 JPY/call }\n}\n'
    uri = await open_document(client, tmp_path / "c.terms", messy)
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            options=types.FormattingOptions(tab_size=2, insert_spaces=True),
        )
    )
    expected = termlint("fmt", "-", stdin=messy).stdout
    assert expected.startswith('contract "c" {\n  status quote\n')
    assert apply_edits(messy, edits) == expected

    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    source = [a for a in actions if a.kind == types.CodeActionKind.Source]
    assert [a.title for a in source] == ["Format document (termlint fmt)"]
    assert apply_edits(messy, source[0].edit.changes[uri]) == expected


async def test_the_outline_is_the_contract_and_its_sections(client: LanguageClient):
    text = NORTHWIND.read_text()
    uri = await open_document(client, NORTHWIND, text)
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    contracts = [s.name for s in symbols]
    assert contracts == ['contract "northwind-telesales-2025"', 'contract "northwind-telesales-2027-draft"']
    sections = [c.name for c in symbols[0].children if c.children]
    assert sections == [
        'vendor "Hibari Telemarketing Co."',
        "service outbound telemarketing",
        "pricing",
        "kpi",
        "term",
        "data",
    ]
    vendor = symbols[0].children[[c.name for c in symbols[0].children].index(sections[0])]
    assert [c.name for c in vendor.children if c.children] == ["staff", "recruiting"]
    assert vendor.kind == types.SymbolKind.Struct
    assert symbols[0].kind == types.SymbolKind.Namespace


async def test_definition_of_a_waived_rule_opens_its_rule_file(client: LanguageClient, tmp_path):
    text = 'contract "c" {\n  status quote\n  waiver steep-overage {\n    reason "x"\n  }\n}\n'
    uri = await open_document(client, tmp_path / "c.terms", text)
    location = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=position(text, "steep-overage"),
        )
    )
    assert location.uri.endswith("/rules/pricing.rules")
    path = pathlib.Path(location.uri.removeprefix("file://"))
    lines = path.read_text().split("\n")
    assert lines[location.range.start.line].startswith("rule TL106 steep-overage {")
    assert not path.stat().st_mode & stat.S_IWUSR, "the built-in copy is read-only"


# ------------------------------------------------------------------------------
#  Rule files and the project's rules
# ------------------------------------------------------------------------------


async def test_a_rule_files_load_errors_are_its_diagnostics(client: LanguageClient, tmp_path):
    text = 'rule ACME-1 x {\n  severity warning\n  when     pricing.overag > 1 JPY / call\n  message  "m"\n}\n'
    uri = await open_document(client, tmp_path / "team.rules", text, language="termlint-rules")
    errors = client.diagnostics[uri]
    assert len(errors) == 1
    assert errors[0].code == "rule-file"
    assert errors[0].range.start == position(text, "overag")
    assert "overage" in errors[0].message


async def test_the_projects_rules_are_discovered_and_reloaded_on_save(client: LanguageClient, tmp_path):
    rules = tmp_path / "termlint.rules"
    rule = 'rule ACME-1 big-team {\n  severity warning\n  when     vendor.staff.operators > 10\n  message  "MESSAGE"\n}\n'
    rules.write_text(rule.replace("MESSAGE", "more than ten operators"))
    contract = tmp_path / "c.terms"
    text = 'contract "c" {\n  status quote\n  vendor "V K.K." {\n    staff { operators 12 }\n  }\n}\n'
    contract.write_text(text)
    uri = await open_document(client, contract, text)
    found = [d for d in client.diagnostics[uri] if d.code == "ACME-1"]
    assert [d.message for d in found] == ["more than ten operators"]

    rules.write_text(rule.replace("MESSAGE", "a big team"))
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=rules.as_uri()))
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    found = [d for d in client.diagnostics[uri] if d.code == "ACME-1"]
    assert [d.message for d in found] == ["a big team"]

    # A change made outside the editor (a `git pull`) reaches the server through the
    # watch it registered at start-up.
    globs = [w["globPattern"] for r in client.registrations for w in r.register_options["watchers"]]
    assert "**/*.rules" in globs
    rules.write_text(rule.replace("MESSAGE", "pulled"))
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=rules.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    found = [d for d in client.diagnostics[uri] if d.code == "ACME-1"]
    assert [d.message for d in found] == ["pulled"]


# ------------------------------------------------------------------------------
#  Japanese, and UTF-8 when the client offers it
# ------------------------------------------------------------------------------


@pytest_lsp.fixture(config=server_config())
async def japanese(lsp_client: LanguageClient):
    await start(lsp_client, options={"lang": "ja"})
    yield lsp_client
    await lsp_client.shutdown_session()


async def test_a_japanese_client_reads_japanese(japanese: LanguageClient, tmp_path):
    text = 'contract "c" {\n  status quote\n  pricing {\n    model outcome\n  }\n}\n'
    uri = await open_document(japanese, tmp_path / "c.terms", text)
    outcome = next(d for d in japanese.diagnostics[uri] if d.code == "TL101")
    assert outcome.message.startswith("完全成果報酬型の料金体系")
    hover = await japanese.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=position(text, "model")
        )
    )
    assert "料金体系" in hover.contents.value


@pytest_lsp.fixture(config=server_config())
async def utf8(lsp_client: LanguageClient):
    capabilities = client_capabilities("neovim")
    capabilities.general = types.GeneralClientCapabilities(
        position_encodings=[types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16]
    )
    await start(lsp_client, capabilities=capabilities)
    yield lsp_client
    await lsp_client.shutdown_session()


async def test_utf8_positions_when_the_client_offers_them(utf8: LanguageClient, tmp_path):
    assert utf8.server_capabilities.position_encoding == types.PositionEncodingKind.Utf8
    line = '  vendor "受注センター🎧" { sitess 2 }'
    text = 'contract "c" {\n  status quote\n' + line + "\n}\n"
    uri = await open_document(utf8, tmp_path / "c.terms", text)
    unknown = next(d for d in utf8.diagnostics[uri] if d.code == "TL002")
    assert unknown.range.start.character == len(line[: line.index("sitess")].encode("utf-8"))
