"""Ed25519 keys: the office's own signing key, public key files, and signatures over a package digest.

A public key travels as one line, ``tcdesk-ed25519 <base64 of 32 bytes> <label>``; its id is the first 16
hex characters of the SHA-256 of the raw key. The private key stays in the data folder (PKCS#8 PEM, owner
read/write only) and never enters the store, so a store backup or an export never carries it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

PREFIX = "tcdesk-ed25519"
PRIVATE_KEY_FILE = "office-signing-key.pem"


class KeyProblem(ValueError):
    """A key file or key text that cannot be used; the message says why."""


@dataclass(frozen=True)
class PublicKey:
    raw: bytes
    label: str = ""

    @property
    def key_id(self) -> str:
        return key_id(self.raw)

    @property
    def b64(self) -> str:
        return base64.b64encode(self.raw).decode("ascii")

    def line(self) -> str:
        return f"{PREFIX} {self.b64} {self.label}".rstrip() + "\n"


def key_id(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:16]


def parse_public_key(text: str, source: str = "the key") -> PublicKey:
    line = text.strip().splitlines()[0] if text.strip() else ""
    parts = line.split(" ", 2)
    if len(parts) < 2 or parts[0] != PREFIX:
        raise KeyProblem(f"{source} is not a tcdesk public key (expected '{PREFIX} <base64> <label>')")
    try:
        raw = base64.b64decode(parts[1], validate=True)
    except (binascii.Error, ValueError):
        raise KeyProblem(f"{source}: the key is not valid base64") from None
    if len(raw) != 32:
        raise KeyProblem(f"{source}: an Ed25519 public key has 32 bytes, this one has {len(raw)}")
    return PublicKey(raw=raw, label=parts[2].strip() if len(parts) > 2 else "")


def read_public_key_file(path: Path) -> PublicKey:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyProblem(f"{path} cannot be read: {exc}") from None
    return parse_public_key(text, str(path))


def _raw_public(private: Ed25519PrivateKey) -> bytes:
    return private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def create_office_key(keys_dir: Path, label: str) -> PublicKey:
    """A new signing key for this office; refuses to overwrite one (that would orphan HQ's trust)."""
    path = keys_dir / PRIVATE_KEY_FILE
    if path.exists():
        raise KeyProblem(f"this office already has a signing key ({path}); it is never replaced silently")
    keys_dir.mkdir(parents=True, exist_ok=True)
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
    return PublicKey(raw=_raw_public(private), label=label)


def load_office_key(keys_dir: Path) -> Ed25519PrivateKey | None:
    path = keys_dir / PRIVATE_KEY_FILE
    if not path.exists():
        return None
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyProblem(f"{path} is not an Ed25519 key")
    return key


def office_public_key(keys_dir: Path, label: str) -> PublicKey | None:
    private = load_office_key(keys_dir)
    return PublicKey(raw=_raw_public(private), label=label) if private else None


def sign(private: Ed25519PrivateKey, digest_hex: str) -> tuple[str, str]:
    """(signer id, base64 signature) over the 64 ASCII bytes of the digest."""
    signature = private.sign(digest_hex.encode("ascii"))
    return key_id(_raw_public(private)), base64.b64encode(signature).decode("ascii")


def verify(public_raw: bytes, digest_hex: str, signature_b64: str) -> bool:
    try:
        signature = base64.b64decode(signature_b64, validate=True)
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, digest_hex.encode("ascii"))
    except (InvalidSignature, binascii.Error, ValueError):
        return False
    return True
