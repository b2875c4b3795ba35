"""Shared set-up of the client-driven suite: the server under test and helpers.

The binary is `target/debug/termlint` unless TERMLINT_BIN names another; build it
first (`cargo build`).  Every test starts its own server, in a folder of its own,
so that the rules it discovers are the test's.
"""

import os
import pathlib
import subprocess

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

REPO = pathlib.Path(__file__).resolve().parents[2]
BINARY = os.environ.get("TERMLINT_BIN", str(REPO / "target" / "debug" / "termlint"))


def server_config(*args: str) -> ClientServerConfig:
    return ClientServerConfig(server_command=[BINARY, "lsp", *args])


def termlint(*args: str, stdin: str | None = None, cwd=None) -> subprocess.CompletedProcess:
    """The command line, for comparing the server with `check` and `fmt`."""
    return subprocess.run(
        [BINARY, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "LANG": "C"},
    )


async def start(client: LanguageClient, *, capabilities=None, options=None, locale=None):
    # What the server asks to watch, as an editor records it.
    client.registrations = []

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        client.registrations.extend(params.registrations)

    params = types.InitializeParams(
        capabilities=capabilities or client_capabilities("visual-studio-code"),
        initialization_options=options,
        locale=locale,
    )
    result = await client.initialize_session(params)
    # Kept for the tests that look at what the server announced.
    client.server_capabilities = result.capabilities
    return result


async def open_document(client: LanguageClient, path: pathlib.Path, text: str, language="terms"):
    """Opens `text` as the document at `path` and waits for its diagnostics."""
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id=language, version=1, text=text
            )
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return uri


async def change_document(client: LanguageClient, uri: str, text: str, version: int):
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)


def utf16_column(line: str, index: int) -> int:
    """The UTF-16 column of character `index` of `line` (the protocol's default)."""
    return len(line[:index].encode("utf-16-le")) // 2


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """The text after `edits` (UTF-16 positions), applied last first."""
    lines = text.split("\n")

    def offset(position: types.Position) -> int:
        start = sum(len(l) + 1 for l in lines[: position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units = 0
        for i, c in enumerate(line):
            if units >= position.character:
                return start + i
            units += len(c.encode("utf-16-le")) // 2
        return start + len(line)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
        lines = text.split("\n")
    return text


@pytest_lsp.fixture(config=server_config())
async def client(lsp_client: LanguageClient):
    """A server started as VS Code 1.65 starts one: UTF-16 positions, English."""
    await start(lsp_client)
    yield lsp_client
    await lsp_client.shutdown_session()
