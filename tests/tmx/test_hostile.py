"""Hostile XML is refused before parsing: no entity expanded, no file read, no network, bounded memory."""

from __future__ import annotations

import resource
import socket
import threading

import pytest

from tmtool.errors import FormatError, UnsafeXMLError
from tmtool.tmx import iter_units, read_header, validate_tmx

BODY = """<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t"
 adminlang="en" srclang="en" datatype="plaintext"/><body><tu><tuv xml:lang="en"><seg>{en}</seg></tuv>
<tuv xml:lang="fr"><seg>bonjour</seg></tuv></tu></body></tmx>"""


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    return path


@pytest.fixture
def listener():
    """A TCP server on localhost that records whether anybody connected."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    hits = []
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            hits.append(conn.recv(1024))
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], hits
    stop.set()
    thread.join()
    server.close()


def _write(tmp_path, text, name="evil.tmx"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _all_readers(path):
    for call in (lambda: list(iter_units(path)), lambda: list(iter_units(path, fast=False)),
                 lambda: read_header(path), lambda: validate_tmx(path, use_dtd=False)):
        with pytest.raises(UnsafeXMLError) as info:
            call()
        yield str(info.value)


def test_external_entity_is_refused_and_file_not_read(tmp_path, secret):
    doc = f'<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file://{secret}">]>\n' + BODY.format(en="&xxe;")
    path = _write(tmp_path, doc)
    for message in _all_readers(path):
        assert "xxe" in message and "refused" in message
        assert "TOP-SECRET" not in message
        assert str(path) in message


def test_billion_laughs_is_refused_in_bounded_memory(tmp_path):
    ents = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)]
    doc = "<?xml version='1.0'?>\n<!DOCTYPE tmx [\n" + "\n".join(ents) + "\n]>\n" + BODY.format(en="&lol9;")
    path = _write(tmp_path, doc)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    messages = list(_all_readers(path))
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert all("lol0" in m for m in messages)  # refused at the first declaration
    assert after - before < 50 * 1024  # KiB: 10^9 "lol"s would be gigabytes


def test_quadratic_blowup_single_big_entity_is_refused(tmp_path):
    doc = '<!DOCTYPE tmx [<!ENTITY a "' + "x" * 100_000 + '">]>\n' + BODY.format(en="&a;" * 1000)
    path = _write(tmp_path, doc)
    assert all("entity declaration 'a'" in m for m in _all_readers(path))


def test_external_dtd_over_network_is_refused_without_connecting(tmp_path, listener):
    port, hits = listener
    doc = f'<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "http://127.0.0.1:{port}/evil.dtd">\n' + BODY.format(en="hi")
    path = _write(tmp_path, doc)
    messages = list(_all_readers(path))
    assert all("external DTD" in m for m in messages)
    assert hits == []


def test_external_parameter_entity_is_refused_without_connecting(tmp_path, listener):
    port, hits = listener
    doc = (f'<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY % remote SYSTEM "http://127.0.0.1:{port}/x.dtd"> %remote;]>\n'
           + BODY.format(en="hi"))
    path = _write(tmp_path, doc)
    assert all("parameter entity" in m for m in _all_readers(path))
    assert hits == []


def test_local_external_dtd_file_is_refused(tmp_path, secret):
    doc = f'<!DOCTYPE tmx SYSTEM "{secret}">\n' + BODY.format(en="hi")
    path = _write(tmp_path, doc)
    assert all("external DTD" in m for m in _all_readers(path))


def test_the_standard_tmx_doctype_is_accepted_but_not_loaded(tmp_path, listener):
    port, hits = listener
    for system in ("tmx14.dtd", f"http://127.0.0.1:{port}/tmx14.dtd"):
        path = _write(tmp_path, f'<!DOCTYPE tmx SYSTEM "{system}">\n' + BODY.format(en="hi"))
        assert [u.text("en") for u in iter_units(path)] == ["hi"]
        assert [u.text("en") for u in iter_units(path, fast=False)] == ["hi"]
    assert hits == []


def test_undeclared_entity_reference_is_an_error_not_a_lookup(tmp_path):
    path = _write(tmp_path, BODY.format(en="&nbsp;"))
    with pytest.raises((UnsafeXMLError, FormatError)) as info:
        list(iter_units(path))
    assert info.value.line == 2


def test_cli_prints_one_line_error(tmp_path, secret, cli_run):
    doc = f'<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file://{secret}">]>\n' + BODY.format(en="&xxe;")
    path = _write(tmp_path, doc)
    code, out, err = cli_run(["tmx", "validate", path, "--no-dtd"])
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("tmtool: error: ")
    assert "TOP-SECRET" not in out + err
