"""The public suffix list comes from the bundled snapshot: no network, nothing written to ~/.cache.

Runs in a subprocess so that HOME / XDG_CACHE_HOME point at empty temporary directories before
``tldextract`` (which computes its cache directory at import) is imported, and with sockets
disabled so any download attempt fails loudly instead of silently falling back.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from recognizers.offline import is_registrable_domain, public_suffix_labels, top_level_domains

_CHILD = textwrap.dedent(
    """
    import socket

    def refuse(*args, **kwargs):
        raise OSError("network disabled in this test")

    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse

    from recognizers.offline import make_presidio_offline, offline_extractor, top_level_domains

    ext = offline_extractor()
    result = ext("mail.example.co.uk")
    assert (result.subdomain, result.domain, result.suffix) == ("mail", "example", "co.uk"), result
    assert ext("a@b.invalidtld").suffix == ""
    assert "dk" in top_level_domains() and "png" not in top_level_domains()

    assert make_presidio_offline()
    from presidio_analyzer.predefined_recognizers import EmailRecognizer

    rec = EmailRecognizer()
    assert rec.validate_result("jens@firma.dk") is True
    assert rec.validate_result("logo@2x.invalidtld") is False
    results = rec.analyze("skriv til jens.hansen@firma.dk i dag", ["EMAIL_ADDRESS"])
    assert [r.entity_type for r in results] == ["EMAIL_ADDRESS"], results
    print("offline-ok")
    """
)


def test_offline_extractor_no_network_no_cache(tmp_path: Path) -> None:
    home, cache = tmp_path / "home", tmp_path / "cache"
    home.mkdir()
    cache.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TLDEXTRACT")}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(cache))
    done = subprocess.run(
        [sys.executable, "-c", _CHILD], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "offline-ok" in done.stdout
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written == [], f"files written under HOME/XDG_CACHE_HOME: {written}"


def test_public_suffix_rules() -> None:
    tlds = top_level_domains()
    assert {"dk", "se", "no", "fi", "com", "xn--p1ai"} <= tlds
    assert not {"png", "jpg", "localhost", "invalidtld"} & tlds
    assert public_suffix_labels(("www", "example", "co", "uk")) == 2
    assert is_registrable_domain("example.dk")
    assert not is_registrable_domain("co.uk")
    assert not is_registrable_domain("x.ck")  # wildcard rule *.ck
    assert is_registrable_domain("www.ck")  # exception rule !www.ck
