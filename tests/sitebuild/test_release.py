"""The public address comes from SITE_URL; a release build refuses to publish a local site_url."""

import os
import subprocess
import sys

import pytest
from mkdocs.config import load_config

from sitebuild.paths import ROOT
from sitebuild.release import NotForRelease, check_site_url


def config_with(monkeypatch, **env):
    for name in ("SITE_URL", "RELEASE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return load_config(str(ROOT / "mkdocs.yml"))


def test_site_url_is_read_from_the_environment_with_the_local_server_as_default(monkeypatch):
    assert config_with(monkeypatch)["site_url"] == "http://127.0.0.1:8000/"
    assert config_with(monkeypatch, SITE_URL="https://guide.example.org/")["site_url"] == "https://guide.example.org/"


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/", "http://localhost:8000/", "http://[::1]/", "", None])
def test_a_release_refuses_a_local_or_missing_site_url(monkeypatch, url):
    monkeypatch.setenv("RELEASE", "1")
    with pytest.raises(NotForRelease, match="SITE_URL"):
        check_site_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://2130706433/",  # 127.0.0.1 as one decimal number, as browsers read it
        "http://0x7f000001/",  # ... in hexadecimal
        "http://0177.0.0.1/",  # ... with an octal first part
        "http://127.1/",  # ... in the short form
        "http://localhost./",  # a fully qualified name with its root dot
        "http://LOCALHOST.:8000/",
        "http://10.1.2.3/",
        "http://192.168.1.10/",
        "http://172.16.0.1/",
        "http://172.31.255.254/",
        "http://169.254.1.1/",  # link-local
        "http://[0:0:0:0:0:0:0:1]/",
        "http://[::]/",
        "http://[fe80::1]/",  # link-local
        "http://[fe80::1%25eth0]/",
        "http://[fd12:3456::1]/",  # unique local
        "http://[::ffff:127.0.0.1]/",  # IPv4-mapped loopback
        "http://[::ffff:192.168.0.1]/",
        "http://intranet/",  # a name without a dot resolves only on a local network
        "http://printer.local/",
        "http://[::1/",  # not even a URL
    ],
)
def test_a_release_refuses_other_spellings_of_a_local_or_private_address(monkeypatch, url):
    monkeypatch.setenv("RELEASE", "1")
    with pytest.raises(NotForRelease, match="SITE_URL"):
        check_site_url(url)


def test_a_release_accepts_a_public_site_url_and_a_local_build_any(monkeypatch):
    monkeypatch.setenv("RELEASE", "1")
    check_site_url("https://guide.example.org/")
    check_site_url("https://guide.example.org./")
    check_site_url("http://93.184.215.14/")
    check_site_url("http://172.32.0.1/")  # just outside 172.16.0.0/12
    check_site_url("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/")
    monkeypatch.delenv("RELEASE")
    check_site_url("http://127.0.0.1:8000/")


def test_mkdocs_build_with_release_and_no_site_url_stops_with_one_clear_line(tmp_path):
    env = {name: value for name, value in os.environ.items() if name != "SITE_URL"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        env={**env, "RELEASE": "1", "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "RELEASE=1 but site_url is 'http://127.0.0.1:8000/'" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "site" / "index.html").exists()
