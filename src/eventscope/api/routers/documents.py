"""``/api/documents``: list, read, and code-and-store new text (token required).

``POST`` bodies are bounded (``max_body`` bytes, 1 MB by default): a larger ``Content-Length``
is refused before anything is read, and a body streamed without one is cut off as soon as it
passes the limit. Text is stored verbatim; escaping is the job of whoever renders it.
"""

from __future__ import annotations

import json
import threading
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool

from ...errors import Errors
from ...ingest.records import replace_surrogates
from ...model import Document
from ...store import Store
from ..deps import get_store, limit_param, offset_param, require_token

router = APIRouter(prefix="/api/documents", tags=["documents"])

MAX_DOCUMENTS_PER_POST = 100
_DOC_FIELDS = {"text": str, "id": str, "title": str, "date": str, "url": str}

_POST_SCHEMA = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "oneOf": [
                        {"$ref": "#/components/schemas/NewDocument"},
                        {"type": "object", "required": ["documents"], "properties": {
                            "documents": {"type": "array", "maxItems": MAX_DOCUMENTS_PER_POST,
                                          "items": {"$ref": "#/components/schemas/NewDocument"}}}},
                    ]
                },
                "example": {"text": "Iran's foreign minister visited Baghdad on Tuesday.", "date": "2025-03-20",
                            "title": "Minister visits Baghdad"},
            }
        },
    }
}

NEW_DOCUMENT_SCHEMA = {
    "type": "object",
    "required": ["text"],
    "properties": {
        "text": {"type": "string", "description": "The article text (stored verbatim)."},
        "id": {"type": "string"},
        "title": {"type": "string"},
        "date": {"type": "string", "description": "Publication date, ISO 8601; anchors relative dates."},
        "url": {"type": "string"},
    },
}


@router.get("", summary="List documents (no text)")
def list_documents(
    q: str | None = Query(None, max_length=200, description="Part of the title, or an exact document id."),
    limit: int = limit_param(),
    offset: int = offset_param(),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    return store.documents(limit=limit, offset=offset, q=q)


@router.get("/{doc_id:path}", summary="One document: text, brief, actors, events, places, quotes")
def get_document(doc_id: str, store: Store = Depends(get_store)) -> dict[str, Any]:
    doc = store.document(doc_id)
    if doc is None:
        raise HTTPException(status_code=404, detail=Errors.E043.format(doc_id=doc_id))
    return doc


async def _read_bounded(request: Request, limit: int) -> bytes:
    """The request body, or 413 as soon as it is known to pass ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > limit:
                raise HTTPException(status_code=413, detail=Errors.E046.format(limit=limit))
        except ValueError as exc:
            raise HTTPException(status_code=400, detail=Errors.E048.format(detail="bad Content-Length")) from exc
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(status_code=413, detail=Errors.E046.format(limit=limit))
        chunks.append(chunk)
    return b"".join(chunks)


def _documents(payload: Any) -> tuple[list[Document], dict[int, list[str]]]:
    """The documents of a POST body, and per document index the warnings about its text.

    Lone surrogates (``"\\ud800"`` in the JSON) are replaced by U+FFFD with a warning (E067):
    the text is still coded and stored, and the client is told what changed.
    """
    items = payload.get("documents") if isinstance(payload, dict) and "documents" in payload else [payload]
    if not isinstance(items, list) or not items:
        raise ValueError("'documents' must be a non-empty list")
    if len(items) > MAX_DOCUMENTS_PER_POST:
        raise ValueError(f"at most {MAX_DOCUMENTS_PER_POST} documents per request")
    docs = []
    warnings: dict[int, list[str]] = {}
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise ValueError(f"document {i} is not an object")
        if not isinstance(item.get("text"), str) or not item["text"].strip():
            raise ValueError(f"document {i} has no 'text' string")
        for key, typ in _DOC_FIELDS.items():
            if item.get(key) is not None and not isinstance(item[key], typ):
                raise ValueError(f"document {i}: '{key}' must be a string")
        fields: dict[str, str | None] = {}
        replaced = 0
        for key in _DOC_FIELDS:
            value = item.get(key)
            if isinstance(value, str):
                value, n = replace_surrogates(value)
                replaced += n
            fields[key] = value
        if replaced:
            warnings[i] = [Errors.E067.format(origin=f"document {i}", count=replaced)]
        docs.append(Document(text=fields["text"] or "", id=fields["id"], title=fields["title"],
                             date=fields["date"], url=fields["url"], origin="api"))
    return docs, warnings


_write_lock = threading.Lock()


def _pipeline(request: Request) -> Any:
    """The app's pipeline (built on first use); 503 when it cannot be built."""
    try:
        return request.app.state.get_pipeline()
    except Exception as exc:  # noqa: BLE001 - reported to the client, the server keeps running
        raise HTTPException(status_code=503, detail=Errors.E050.format(detail=repr(exc)[:200])) from exc


def _code_and_store(request: Request, docs: list[Document],
                    warnings: dict[int, list[str]] | None = None) -> dict[str, Any]:
    """Run the pipeline on the documents not stored yet, then write them (one transaction).

    Each created document's entry carries the stage errors of its coding (E020: stored, but a
    stage failed on it), so a 201 never hides a document that came out uncoded.
    """
    warnings = warnings or {}
    store: Store = request.app.state.store
    with _write_lock:
        known = store.known_hashes([d.hash for d in docs])
        todo = [d for d in docs if d.hash not in known]
        duplicates: dict[str, str] = {}
        for d in todo:
            dup = store.near_duplicate_of(d)
            if dup:
                duplicates[d.hash] = dup
        adocs = list(_pipeline(request).pipe(todo)) if todo else []
        result = store.write(adocs, duplicates=duplicates)
    errors_by_hash = {a.document.hash: list(a.errors) for a in adocs}
    new_ids = iter(result["doc_ids"])
    out = []
    for i, d in enumerate(docs):
        if d.hash in known:
            entry = {"doc_id": store.doc_id_of_hash(d.hash), "status": "exists"}
        else:
            doc_id = next(new_ids, None)
            entry = {"doc_id": doc_id, "status": "created", "duplicate_of": duplicates.get(d.hash),
                     "errors": errors_by_hash.get(d.hash, [])}
        if warnings.get(i):
            entry["warnings"] = warnings[i]
        out.append(entry)
    counts = {k: v for k, v in result.items() if isinstance(v, int)}
    return {"documents": out, "counts": counts, "warnings": result.get("warnings", [])}


@router.post("", status_code=201, summary="Code and store new text (Bearer token)",
             dependencies=[Depends(require_token)], openapi_extra=_POST_SCHEMA)
async def post_documents(request: Request) -> dict[str, Any]:
    """Code one document (``{"text": ...}``) or several (``{"documents": [...]}``) with the
    pipeline and store them. Texts already stored are not coded again (``status: exists``).
    Needs ``Authorization: Bearer <token>``; bodies over the limit get 413."""
    body = await _read_bounded(request, request.app.state.max_body)
    try:
        payload = json.loads(body.decode("utf-8"))
        docs, warnings = _documents(payload)
    except RecursionError as exc:
        raise HTTPException(status_code=400, detail=Errors.E048.format(detail="nested too deeply")) from exc
    except (UnicodeDecodeError, json.JSONDecodeError, ValueError) as exc:
        raise HTTPException(status_code=400, detail=Errors.E048.format(detail=str(exc)[:200])) from exc
    return await run_in_threadpool(_code_and_store, request, docs, warnings)
