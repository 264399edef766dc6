"""User-facing messages with stable codes, so people and tests search for a code."""

from __future__ import annotations


class Errors:
    E001 = "E001 {origin}: not valid JSON ({detail})"
    E002 = "E002 {origin}: no 'text' field or it is not a string"
    E003 = "E003 {origin}: field '{field}' has the wrong type ({detail})"
    E004 = "E004 {origin}: cannot read file ({detail})"
    E005 = "E005 {origin}: not valid UTF-8 at byte {position}; decoded with replacement"
    E006 = "E006 {origin}: empty input"
    E007 = "E007 {origin}: broken CSV ({detail})"
    E008 = "E008 {origin}: broken HTML/XML ({detail})"
    E009 = "E009 {origin}: broken WARC record ({detail})"
    E010 = "E010 {origin}: binary data, not text"
    E011 = "E011 {origin}: unknown input format"
    E012 = "E012 {origin}: document too large ({size} characters, limit {limit}); truncated"
    E020 = "E020 stage '{stage}' failed on document {doc}: {detail}"
    E030 = "E030 unknown export format '{fmt}' (choose from {choices})"
    E031 = "E031 unknown task '{task}' (choose from {choices})"
    E040 = "E040 cannot open store {path}: {detail}"
    # Ingest warnings (the document is still read); see ingest.source.WARNING_CODES.
    E013 = "E013 {origin}: not well-formed ({detail}); kept the {count} entries that could be read"
    E014 = "E014 {origin}: date {value!r} not understood; ignored"
    E015 = "E015 {origin}: record truncated ({missing} bytes missing); kept the text that was there"
    E019 = "E019 {origin}: larger than the read limit of {limit:,} bytes; only the first {limit:,} bytes were read"
    # Ingest rejections and failures found while reading (ingest/).
    E016 = "E016 {origin}: {what} longer than {limit:,} bytes ({size}); skipped"
    E017 = ("E017 the {fmt} reader cannot start: the Python package '{package}' is missing or broken "
            "({detail}); install it with: pip install {package}")
    E018 = "E018 {origin}: cannot read folder ({detail}); the files in it were not read"
    # Store, analysis and API (store/, analysis/, api/).
    E041 = "E041 filter '{name}' has a bad value {value!r}"
    E042 = "E042 unknown filter(s) {names} (choose from {choices})"
    E043 = "E043 document {doc_id} not found"
    E044 = "E044 event {event_id} not found"
    E045 = "E045 actor {actor_id} not found"
    E046 = "E046 request body too large (limit {limit} bytes)"
    E047 = "E047 missing or wrong bearer token"
    E048 = "E048 bad request body ({detail})"
    E049 = "E049 {path}:{line}: cannot import line ({detail})"
    E050 = "E050 the coding pipeline is not available ({detail})"
    # Command line (cli.py): a command that stops prints one of these and exits 2.
    E060 = "E060 {command} stopped: {detail}"
    # REST API request handling (api/).
    E061 = "E061 parameter '{name}' has a bad value {value} ({reason})"
    E062 = "E062 bad cursor ({detail}); page on with the next_cursor of the previous page"
    E063 = "E063 internal error while answering {path} ({kind}); the server goes on"
    E064 = "E064 bad request ({detail})"
    E065 = "E065 store {path} is busy (held by PID {pid}); retry, wait with --wait SECONDS, or stop the serve or ingest holding it"
    E066 = "E066 Host {host} is not served here (serving: {allowed}); start serve with --allowed-host NAME to add it"
    E067 = "E067 {origin}: {count} lone surrogate code point(s) in the text replaced by U+FFFD"
    E068 = "E068 --token on the command line is visible to every user of this machine (ps); set EVENTSCOPE_TOKEN instead"


class ReaderUnavailable(RuntimeError):
    """A reader's backend (a third-party package) cannot be imported: the install is broken.

    Raised once, before the first file of that format is read, so that a missing package is
    one clear message (E017) and not every file of the format rejected one by one.
    """


class InputError(ValueError):
    """Bad input: reported with its origin and skipped, never fatal to a run."""

    def __init__(self, message: str, origin: str | None = None):
        super().__init__(message)
        self.origin = origin
