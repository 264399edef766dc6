"""Near-duplicate documents: the same article syndicated, re-posted or lightly edited.

Wire copy reappears under many mastheads with a changed headline or a trimmed last paragraph.
Coding each copy again would count its events twice, so ingestion links a document to an earlier
near-duplicate instead. Documents are compared by MinHash signatures of word shingles
(datasketch), indexed with LSH so a lookup costs about the same however many documents are stored.
Signatures are plain bytes, so the store can keep them and rebuild the index.
"""

from __future__ import annotations

import re
from typing import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

from ..errors import Errors

_WORD = re.compile(r"\w+", re.UNICODE)
# The hashing scheme is pinned so that signatures kept in a store stay comparable.
SCHEME = "affine32"


def shingles(text: str, size: int = 3) -> set[str]:
    """Word ``size``-grams of the lower-cased text (the whole text when it is shorter).

    text (str): the document text.
    size (int): words per shingle.
    RETURNS (set[str]): the shingles.
    """
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


class NearDuplicateIndex:
    """MinHash/LSH index of documents; ``query`` names an earlier near-duplicate.

    threshold (float): Jaccard similarity of shingle sets at or above which two documents are
        near-duplicates (0.8: the same article with a new headline or a cut paragraph).
    num_perm (int): MinHash permutations (signature length).
    shingle_size (int): words per shingle.
    """

    def __init__(self, threshold: float = 0.8, num_perm: int = 128, shingle_size: int = 3, seed: int = 1):
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.seed = seed
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._signatures: dict[str, MinHash] = {}
        self._order: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._signatures

    def _minhash(self, text: str) -> MinHash:
        m = MinHash(num_perm=self.num_perm, seed=self.seed, scheme=SCHEME)
        m.update_batch([s.encode("utf-8") for s in shingles(text, self.shingle_size)])
        return m

    def signature(self, text: str) -> bytes:
        """The MinHash signature of ``text`` as bytes (little-endian uint64s), for the store.

        RETURNS (bytes): ``num_perm * 8`` bytes.
        """
        return self._minhash(text).hashvalues.astype("<u8").tobytes()

    def _from_signature(self, signature: bytes | Iterable[int]) -> MinHash:
        if isinstance(signature, (bytes, bytearray, memoryview)):
            values = np.frombuffer(bytes(signature), dtype="<u8")
        else:
            values = np.asarray(list(signature), dtype=np.uint64)
        if len(values) != self.num_perm:
            raise ValueError(Errors.E033.format(name="signature", detail=f"{len(values)} values, the index uses {self.num_perm}"))
        return MinHash(num_perm=self.num_perm, seed=self.seed, hashvalues=values, scheme=SCHEME)

    def _as_minhash(self, text_or_signature: str | bytes | Iterable[int]) -> MinHash:
        if isinstance(text_or_signature, str):
            return self._minhash(text_or_signature)
        return self._from_signature(text_or_signature)

    def add(self, doc_id: str, text_or_signature: str | bytes | Iterable[int]) -> None:
        """Index one document (its text, or a signature kept by the store). Re-adding is a no-op."""
        if doc_id in self._signatures:
            return
        m = self._as_minhash(text_or_signature)
        self._lsh.insert(doc_id, m)
        self._signatures[doc_id] = m
        self._order[doc_id] = len(self._order)

    def matches(self, text_or_signature: str | bytes | Iterable[int]) -> list[tuple[str, float]]:
        """Every indexed document at or above the threshold, best first.

        RETURNS (list[tuple[str, float]]): (doc id, estimated Jaccard similarity).
        """
        m = self._as_minhash(text_or_signature)
        found = []
        for key in self._lsh.query(m):
            similarity = float(self._signatures[key].jaccard(m))
            if similarity >= self.threshold:
                found.append((key, similarity))
        found.sort(key=lambda kv: (-kv[1], self._order[kv[0]]))
        return found

    def query(self, text_or_signature: str | bytes | Iterable[int]) -> str | None:
        """The id of the most similar earlier near-duplicate, or None.

        RETURNS (str | None): a doc id given to ``add``.
        """
        found = self.matches(text_or_signature)
        return found[0][0] if found else None

    def add_or_link(self, doc_id: str, text_or_signature: str | bytes | Iterable[int]) -> str | None:
        """Look ``doc_id`` up, then index it; returns the earlier near-duplicate it links to, if any."""
        m = self._as_minhash(text_or_signature)
        earlier = None
        for key in self._lsh.query(m):
            if key == doc_id:
                continue
            similarity = float(self._signatures[key].jaccard(m))
            if similarity >= self.threshold and (earlier is None or similarity > earlier[1]):
                earlier = (key, similarity)
        if doc_id not in self._signatures:
            self._lsh.insert(doc_id, m)
            self._signatures[doc_id] = m
            self._order[doc_id] = len(self._order)
        return earlier[0] if earlier else None


def near_duplicate_links(documents: Iterable[tuple[str, str]], threshold: float = 0.8) -> dict[str, str]:
    """Link each document to an earlier near-duplicate, in input order.

    documents (Iterable[tuple[str, str]]): (doc id, text) pairs.
    threshold (float): Jaccard threshold.
    RETURNS (dict[str, str]): later doc id → the earlier doc id it duplicates.
    """
    index = NearDuplicateIndex(threshold=threshold)
    links: dict[str, str] = {}
    for doc_id, text in documents:
        earlier = index.add_or_link(doc_id, text)
        if earlier is not None:
            links[doc_id] = earlier
    return links
