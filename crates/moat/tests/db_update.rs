//! `moat db update` end to end, against HTTP servers the tests start on 127.0.0.1: a
//! download that works, the conditional request that skips an unchanged export, and every
//! way a download can fail, each leaving the previously cached database working.

mod common;

use common::{OSV_SNAPSHOT, Project, Run};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// What the test server sends for one connection.
enum Reply {
    /// A complete response.
    Full {
        status: &'static str,
        headers: Vec<(&'static str, String)>,
        body: Vec<u8>,
    },
    /// Headers announcing `declared` bytes, then only `body`, then the connection closes.
    Truncated { declared: usize, body: Vec<u8> },
    /// Reads the request and says nothing for this long.
    Silent(Duration),
}

impl Reply {
    fn ok(etag: &str, body: Vec<u8>) -> Self {
        Reply::Full {
            status: "200 OK",
            headers: vec![("ETag", format!("\"{etag}\""))],
            body,
        }
    }

    fn status(status: &'static str) -> Self {
        Reply::Full {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }
}

/// A server on 127.0.0.1 answering one connection per reply, in order; it hands back the
/// request heads it saw (lowercased) when dropped.
struct Server {
    url: String,
    requests: mpsc::Receiver<String>,
    handle: Option<thread::JoinHandle<()>>,
}

impl Server {
    fn start(replies: Vec<Reply>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/PyPI/all.zip", listener.local_addr().unwrap());
        let (sender, requests) = mpsc::channel();
        let handle = thread::spawn(move || {
            for reply in replies {
                let Ok((stream, _)) = listener.accept() else {
                    return;
                };
                let head = read_head(&stream);
                let _ = sender.send(head);
                answer(stream, reply);
            }
        });
        Self {
            url,
            requests,
            handle: Some(handle),
        }
    }

    /// The request heads received so far.
    fn requests(&mut self) -> Vec<String> {
        if let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
        self.requests.try_iter().collect()
    }
}

fn read_head(stream: &TcpStream) -> String {
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        head.push_str(&line.to_ascii_lowercase());
    }
    head
}

fn answer(mut stream: TcpStream, reply: Reply) {
    match reply {
        Reply::Full {
            status,
            headers,
            body,
        } => {
            let mut head = format!(
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (name, value) in headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str("\r\n");
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
        Reply::Truncated { declared, body } => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {declared}\r\nConnection: close\r\n\r\n"
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
        Reply::Silent(duration) => thread::sleep(duration),
    }
    let _ = stream.flush();
}

fn snapshot() -> Vec<u8> {
    std::fs::read(OSV_SNAPSHOT).expect("the OSV snapshot in ../shared/advisory-db")
}

/// A project with `jinja2==2.10` pinned and a cache folder of its own.
struct Cache {
    project: Project,
    dir: tempfile::TempDir,
}

impl Cache {
    fn new() -> Self {
        let project = Project::new();
        project.write("requirements.txt", "jinja2==2.10\n");
        Self {
            project,
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn index(&self) -> PathBuf {
        self.dir.path().join("osv-pypi.idx")
    }

    fn moat(&self, args: &[&str]) -> Run {
        let cache = self.dir.path().to_str().unwrap();
        self.project.moat_with_env(
            args,
            &[("MOAT_CACHE_DIR", cache), ("MOAT_TODAY", "2024-10-11")],
        )
    }

    fn update(&self, url: &str, extra: &[&str]) -> Run {
        let mut args = vec!["db", "update", "--url", url];
        args.extend_from_slice(extra);
        self.moat(&args)
    }

    /// Files in the cache folder other than the index and its validators: a failed
    /// download must not leave any behind.
    fn leftovers(&self) -> Vec<String> {
        std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name != "osv-pypi.idx" && name != "osv-pypi.idx.http.json")
            .collect()
    }

    /// Downloads the snapshot once, so later failures have an index to leave alone.
    fn with_downloaded_index() -> (Self, Vec<u8>) {
        let cache = Self::new();
        let mut server = Server::start(vec![Reply::ok("v1", snapshot())]);
        cache.update(&server.url, &[]).assert_code(0);
        server.requests();
        let index = std::fs::read(cache.index()).unwrap();
        (cache, index)
    }

    fn assert_index_is(&self, before: &[u8]) {
        assert_eq!(
            std::fs::read(self.index()).unwrap(),
            before,
            "the index changed"
        );
        let audit = self.moat(&["audit", "--format", "json"]);
        audit.assert_code(1);
        assert_eq!(audit.json()["summary"]["vulnerabilities"], 2);
    }
}

fn assert_unchanged_message(run: &Run, expected: &str) {
    run.assert_code(2);
    assert!(run.stderr.contains(expected), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("the cached database was left unchanged"),
        "{}",
        run.stderr
    );
}

#[test]
fn update_downloads_the_export_and_audit_uses_it() {
    let cache = Cache::new();
    let mut server = Server::start(vec![Reply::ok("v1", snapshot())]);
    let run = cache.update(&server.url, &[]);
    run.assert_code(0);
    assert!(
        run.stdout.contains("downloaded 2.5 MiB from"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("imported "), "{}", run.stdout);
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert!(
        requests[0].starts_with("get /pypi/all.zip http/1.1"),
        "{}",
        requests[0]
    );
    assert!(requests[0].contains("user-agent: moat/"), "{}", requests[0]);
    assert!(!requests[0].contains("if-none-match"), "{}", requests[0]);

    let status = cache.moat(&["db", "status", "--format", "json"]);
    status.assert_code(0);
    assert_eq!(status.json()["source"], server.url.as_str());
    assert!(cache.leftovers().is_empty(), "{:?}", cache.leftovers());

    let audit = cache.moat(&["audit", "--format", "json"]);
    audit.assert_code(1);
    assert_eq!(audit.json()["summary"]["vulnerabilities"], 2);
}

#[test]
fn validators_from_another_url_are_not_sent() {
    let (cache, _) = Cache::with_downloaded_index();
    let mut server = Server::start(vec![Reply::ok("elsewhere", snapshot())]);
    let run = cache.update(&server.url, &[]);
    run.assert_code(0);
    assert!(run.stdout.contains("imported "), "{}", run.stdout);
    let requests = server.requests();
    assert!(!requests[0].contains("if-none-match"), "{}", requests[0]);
    let status = cache.moat(&["db", "status", "--format", "json"]);
    assert_eq!(status.json()["source"], server.url.as_str());
}

#[test]
fn the_second_update_from_the_same_url_is_conditional() {
    let cache = Cache::new();
    let mut server = Server::start(vec![
        Reply::ok("v1", snapshot()),
        Reply::status("304 Not Modified"),
        Reply::ok("v2", snapshot()),
    ]);
    cache.update(&server.url, &[]).assert_code(0);
    let before = std::fs::read(cache.index()).unwrap();

    let second = cache.update(&server.url, &[]);
    second.assert_code(0);
    assert!(second.stdout.contains("is up to date"), "{}", second.stdout);
    assert_eq!(std::fs::read(cache.index()).unwrap(), before);

    let forced = cache.update(&server.url, &["--force"]);
    forced.assert_code(0);
    assert!(forced.stdout.contains("imported "), "{}", forced.stdout);

    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    assert!(
        requests[1].contains("if-none-match: \"v1\""),
        "{}",
        requests[1]
    );
    assert!(!requests[2].contains("if-none-match"), "{}", requests[2]);
}

#[test]
fn an_http_error_keeps_the_previous_index() {
    let (cache, before) = Cache::with_downloaded_index();
    for status in ["404 Not Found", "503 Service Unavailable"] {
        let server = Server::start(vec![Reply::status(status)]);
        let run = cache.update(&server.url, &["--force"]);
        let code = &status[..3];
        assert_unchanged_message(&run, &format!("with HTTP {code}"));
        cache.assert_index_is(&before);
    }
    assert!(cache.leftovers().is_empty(), "{:?}", cache.leftovers());
}

#[test]
fn a_truncated_download_keeps_the_previous_index() {
    let (cache, before) = Cache::with_downloaded_index();
    let zip = snapshot();
    let server = Server::start(vec![Reply::Truncated {
        declared: zip.len(),
        body: zip[..zip.len() / 2].to_vec(),
    }]);
    let run = cache.update(&server.url, &["--force"]);
    let expected = format!("after {} of {} bytes", zip.len() / 2, zip.len());
    assert_unchanged_message(&run, &expected);
    cache.assert_index_is(&before);
    assert!(cache.leftovers().is_empty(), "{:?}", cache.leftovers());
}

#[test]
fn a_download_that_is_not_an_export_keeps_the_previous_index() {
    let (cache, before) = Cache::with_downloaded_index();
    let server = Server::start(vec![Reply::ok(
        "junk",
        b"<html>captive portal</html>".to_vec(),
    )]);
    let run = cache.update(&server.url, &["--force"]);
    assert_unchanged_message(&run, "cannot load the advisory database");
    cache.assert_index_is(&before);
    assert!(cache.leftovers().is_empty(), "{:?}", cache.leftovers());
}

#[test]
fn an_unreachable_server_says_how_to_work_offline() {
    let cache = Cache::new();
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let run = cache.update(&format!("http://127.0.0.1:{port}/all.zip"), &[]);
    assert_unchanged_message(&run, &format!("cannot reach `127.0.0.1:{port}`"));
    assert!(
        run.stderr.contains("moat db import FILE.zip"),
        "{}",
        run.stderr
    );
    assert!(!cache.index().exists());
}

#[test]
fn a_silent_server_times_out() {
    let cache = Cache::new();
    let server = Server::start(vec![Reply::Silent(Duration::from_secs(10))]);
    let started = Instant::now();
    let run = cache.update(&server.url, &["--timeout", "1"]);
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "{:?}",
        started.elapsed()
    );
    assert_unchanged_message(&run, "did not answer within 1 s");
    assert!(!cache.index().exists());
    assert!(cache.leftovers().is_empty(), "{:?}", cache.leftovers());
}

#[test]
fn plain_http_to_another_host_is_refused_before_any_connection() {
    let cache = Cache::new();
    let run = cache.update("http://mirror.invalid/PyPI/all.zip", &[]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("refusing to download the advisory database over plain http"),
        "{}",
        run.stderr
    );
    let run = cache.update("ftp://mirror.invalid/all.zip", &[]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("is not an http(s) URL"),
        "{}",
        run.stderr
    );
    assert!(!Path::new(&cache.index()).exists());
}
