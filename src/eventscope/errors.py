"""User-facing messages with stable codes, so people and tests search for a code.

A message is written once, without its code; the code is the attribute's name and is put in
front of the message when it is read (``Errors.E001`` → ``"E001 {origin}: not valid JSON …"``),
as spaCy's ``add_codes`` does, so the two can never disagree.
"""

from __future__ import annotations

from typing import Iterator


def _is_code(name: str) -> bool:
    return len(name) == 4 and name[0] in "EW" and name[1:].isdigit()


class _Coded(type):
    """Prefix each message with its code when it is read."""

    def __getattribute__(cls, name: str) -> str:
        value = super().__getattribute__(name)
        if _is_code(name):
            return f"{name} {value}"
        return value


class Errors(metaclass=_Coded):
    E001 = "{origin}: not valid JSON ({detail})"
    E002 = "{origin}: no 'text' field or it is not a string"
    E003 = "{origin}: field '{field}' has the wrong type ({detail})"
    E004 = "{origin}: cannot read file ({detail})"
    E005 = "{origin}: not valid UTF-8 at byte {position}; decoded with replacement"
    E006 = "{origin}: empty input"
    E007 = "{origin}: broken CSV ({detail})"
    E008 = "{origin}: broken HTML/XML ({detail})"
    E009 = "{origin}: broken WARC record ({detail})"
    E010 = "{origin}: binary data, not text"
    E011 = "{origin}: unknown input format"
    E012 = "{origin}: document too large ({size} characters, limit {limit}); truncated"
    # Pipeline and registry (pipeline.py, registry.py): E020-E021 are recorded on a document
    # and the run goes on; E022-E029 stop a pipeline from being built.
    E020 = "stage '{stage}' failed on document {doc}: {detail}"
    E021 = "{origin}: longer than the parser's limit ({size} characters); analysed the first {limit}"
    E022 = ("stage '{stage}' takes '**{param}': a stage declares each option as a named "
            "constructor parameter, so unknown options can be rejected")
    E023 = "stage '{stage}' must be registered as a class (got a {kind})"
    E024 = "stage class registered as '{stage}' names itself '{own}'"
    E025 = "unknown option(s) {names} for stage '{stage}' (choose from {choices})"
    E026 = "options given for {names}, which {verb} not in the pipeline ({stages})"
    E027 = "unknown stage '{stage}' (choose from {choices})"
    E028 = "stage '{stage}' is listed twice in the pipeline"
    E029 = "stage '{stage}' does not have the stage contract's {missing} (see registry.Stage)"
    E030 = "unknown export format '{fmt}' (choose from {choices})"
    E031 = "unknown task '{task}' (choose from {choices})"
    # Bad arguments to library functions (analysis/, store/, evaluation/, bench.py).
    E032 = "{name} must be one of {choices} (got {value!r})"
    E033 = "bad {name}: {detail}"
    E034 = "bad cursor ({detail})"
    E035 = "pass either an EventFilter or filter keywords, not both"
    E036 = "{what} has no text"
    E037 = "packaged data file {file} is broken: {detail}"
    E038 = "no documents in {source}"
    E039 = "{what} failed: {detail}"
    E040 = "cannot open store {path}: {detail}"
    # Ingest warnings (the document is still read); see ingest.source.WARNING_CODES.
    E013 = "{origin}: not well-formed ({detail}); kept the {count} entries that could be read"
    E014 = "{origin}: date {value!r} not understood; ignored"
    E015 = "{origin}: record truncated ({missing} bytes missing); kept the text that was there"
    E019 = "{origin}: larger than the read limit of {limit:,} bytes; only the first {limit:,} bytes were read"
    # Ingest rejections and failures found while reading (ingest/).
    E016 = "{origin}: {what} longer than {limit:,} bytes ({size}); skipped"
    E017 = ("the {fmt} reader cannot start: the Python package '{package}' is missing or broken "
            "({detail}); install it with: pip install {package}")
    E018 = "{origin}: cannot read folder ({detail}); the files in it were not read"
    # Store, analysis and API (store/, analysis/, api/).
    E041 = "filter '{name}' has a bad value {value!r}"
    E042 = "unknown filter(s) {names} (choose from {choices})"
    E043 = "document {doc_id} not found"
    E044 = "event {event_id} not found"
    E045 = "actor {actor_id} not found"
    E046 = "request body too large (limit {limit} bytes)"
    E047 = "missing or wrong bearer token"
    E048 = "bad request body ({detail})"
    E049 = "{path}:{line}: cannot import line ({detail})"
    E050 = "the coding pipeline is not available ({detail})"
    # Opening a store (store/): a file is checked before anything is read from or written to it.
    E051 = "no store at {path} (run `eventscope ingest` to make one)"
    E052 = "{path} is not an eventscope store ({detail}); the file was not changed"
    E053 = ("{path} was written by a newer eventscope (store schema {found}; this version reads "
            "schema {supported} or older); upgrade eventscope to read it")
    E054 = ("{path} has store schema {found}, older than {supported}; reading it needs a one-time "
            "migration, which writes to the file: run `eventscope migrate --db {path}`")
    # Command line (cli.py): a command that stops prints one of these and exits 2.
    E060 = "{command} stopped: {detail}"
    # REST API request handling (api/).
    E061 = "parameter '{name}' has a bad value {value} ({reason})"
    E062 = "bad cursor ({detail}); page on with the next_cursor of the previous page"
    E063 = "internal error while answering {path} ({kind}); the server goes on"
    E064 = "bad request ({detail})"
    E065 = "store {path} is busy (held by PID {pid}); retry, wait with --wait SECONDS, or stop the serve or ingest holding it"
    E066 = "Host {host} is not served here (serving: {allowed}); start serve with --allowed-host NAME to add it"
    E067 = "{origin}: {count} lone surrogate code point(s) in the text replaced by U+FFFD"
    E068 = "--token on the command line is visible to every user of this machine (ps); set EVENTSCOPE_TOKEN instead"
    # Command line (cli.py): usage errors.
    E071 = "no such file or example: {path} (examples: {choices})"
    E072 = "give a FILE, --text or --example"
    E073 = "no document could be read from {path}"
    # Document-level scorer (evaluation/documents.py).
    E074 = "the article texts of {gold} are not here: put the team data at ../shared (or set EVENTSCOPE_SHARED) so that shared/data/documents/<dataset>.jsonl exists"

    @classmethod
    def codes(cls) -> Iterator[tuple[str, str]]:
        """Every (code, message without its code), in code order (for tests and docs)."""
        raw = {k: v for k, v in type.__getattribute__(cls, "__dict__").items() if _is_code(k)}
        yield from sorted(raw.items())


class ReaderUnavailable(RuntimeError):
    """A reader's backend (a third-party package) cannot be imported: the install is broken.

    Raised once, before the first file of that format is read, so that a missing package is
    one clear message (E017) and not every file of the format rejected one by one.
    """
