"""View tests. pytest checks with `assert`; assert-used is about non-test code."""

import hashlib

from app import create_app


def make_client(upload_dir):
    app = create_app(TESTING=True, UPLOAD_DIR=str(upload_dir))
    return app.test_client()


def test_index_lists_uploads(tmp_path):
    (tmp_path / "report.txt").write_bytes(b"hello")
    resp = make_client(tmp_path).get("/")
    assert resp.status_code == 200
    assert resp.get_json() == {"files": ["report.txt"]}


def test_download_sets_etag(tmp_path):
    (tmp_path / "report.txt").write_bytes(b"hello")
    client = make_client(tmp_path)
    resp = client.get("/files/report.txt")
    assert resp.data == b"hello"
    etag = hashlib.md5(b"hello", usedforsecurity=False).hexdigest()
    assert resp.headers["ETag"] == f'"{etag}"'
    assert client.get("/files/report.txt", headers={"If-None-Match": f'"{etag}"'}).status_code == 304


def test_missing_file_is_404(tmp_path):
    assert make_client(tmp_path).get("/files/nope.txt").status_code == 404
