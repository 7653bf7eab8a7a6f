"""The office signing key and the list of trusted public keys (Settings → Trusted keys, ``tcdesk keys``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlmodel import select

from tcdesk.clock import utc_now
from tcdesk.services import settings
from tcdesk.store.db import Store
from tcdesk.store.models import TrustedKey
from tcdesk.sync import keys
from tcdesk.sync.keys import KeyProblem, PublicKey


@dataclass(frozen=True)
class TrustedKeyInfo:
    key_id: str
    label: str
    added_at: str
    is_own: bool


def _label(store: Store) -> str:
    return f"{settings.office_code(store) or 'office'} signing key"


def create_office_key(store: Store) -> PublicKey:
    """A new key pair for this office; the office trusts its own key (a restore on a second laptop)."""
    if not settings.office_code(store):
        raise KeyProblem("set this installation's office code first (tcdesk office CODE)")
    public = keys.create_office_key(store.data_dir.keys, _label(store))
    trust_key(store, public)
    return public


def office_key(store: Store) -> PublicKey | None:
    return keys.office_public_key(store.data_dir.keys, _label(store))


def export_office_key(store: Store, path: Path) -> PublicKey:
    public = office_key(store)
    if public is None:
        raise KeyProblem("this office has no signing key yet: create one first (tcdesk keys new)")
    path.write_text(public.line(), encoding="utf-8")
    return public


def trust_key(store: Store, public: PublicKey) -> bool:
    """Add to the trust list; False when it was already there (the label is then refreshed)."""
    with store.transaction() as session:
        row = session.get(TrustedKey, public.key_id)
        if row is not None:
            row.label = public.label or row.label
            session.add(row)
            return False
        session.add(TrustedKey(key_id=public.key_id, public_key=public.b64, label=public.label, added_at=utc_now()))
        return True


def trust_key_file(store: Store, path: Path) -> tuple[PublicKey, bool]:
    public = keys.read_public_key_file(path)
    return public, trust_key(store, public)


def untrust(store: Store, key_id: str) -> None:
    with store.transaction() as session:
        row = session.get(TrustedKey, key_id)
        if row is None:
            raise KeyProblem(f"no trusted key with id {key_id}")
        session.delete(row)


def trusted_keys(store: Store) -> list[TrustedKeyInfo]:
    own = office_key(store)
    with store.session() as session:
        rows = session.exec(select(TrustedKey).order_by(TrustedKey.label)).all()
        return [TrustedKeyInfo(r.key_id, r.label, r.added_at, own is not None and own.key_id == r.key_id) for r in rows]


def trusted_key_material(store: Store) -> dict[str, tuple[bytes, str]]:
    import base64

    with store.session() as session:
        return {r.key_id: (base64.b64decode(r.public_key), r.label) for r in session.exec(select(TrustedKey))}


def signer(store: Store):  # type: ignore[no-untyped-def]
    """A function signing a digest with the office key, or None when the office has no key."""
    private = keys.load_office_key(store.data_dir.keys)
    if private is None:
        return None
    return lambda digest: keys.sign(private, digest)
