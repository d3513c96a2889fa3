//! The real `faqbot` binary as a child process, with its log read line by line as it is written, and a
//! minimal HTTP/1.1 client for its health, metrics and webhook endpoints.

use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::watch;

use super::fake_telegram::TOKEN;

/// A running `faqbot`.
pub struct Faqbot {
    pub child: Child,
    lines: Arc<Mutex<Vec<String>>>,
    changed: watch::Receiver<usize>,
}

/// `faqbot ARGS` against the fake at `api_url`, with `env` set, and nothing inherited that could change
/// which bot it is.
pub fn spawn(args: &[&str], api_url: &str, env: &[(&str, String)]) -> Faqbot {
    let mut command = command(args, env);
    command
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", api_url);
    start(command)
}

/// `faqbot ARGS` with `env` set and no bot token at all, from the environment or anywhere else.
pub fn spawn_without_token(args: &[&str], env: &[(&str, String)]) -> Faqbot {
    start(command(args, env))
}

fn command(args: &[&str], env: &[(&str, String)]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_faqbot"));
    command
        .args(args)
        .env_remove("TELOXIDE_TOKEN")
        .env_remove("TELOXIDE_API_URL")
        .env_remove("FAQBOT_TELEGRAM__TOKEN")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    for (key, value) in env {
        command.env(key, value);
    }
    command
}

/// Starts `command` with its log read line by line as it is written.
fn start(mut command: Command) -> Faqbot {
    let mut child = command.spawn().unwrap();
    let stderr = child.stderr.take().unwrap();
    let lines = Arc::new(Mutex::new(Vec::new()));
    let (tx, changed) = watch::channel(0);
    let sink = Arc::clone(&lines);
    tokio::spawn(async move {
        let mut reader = BufReader::new(stderr).lines();
        while let Ok(Some(line)) = reader.next_line().await {
            let n = {
                let mut lines = sink.lock().unwrap();
                lines.push(line);
                lines.len()
            };
            let _ = tx.send(n);
        }
    });
    Faqbot {
        child,
        lines,
        changed,
    }
}

impl Faqbot {
    /// The log so far.
    pub fn log(&self) -> Vec<String> {
        self.lines.lock().unwrap().clone()
    }

    /// Waits for a log line holding `needle` and returns it. The deadline only keeps a broken test from
    /// hanging.
    pub async fn wait_line(&self, needle: &str) -> String {
        let mut changed = self.changed.clone();
        let wait = async {
            loop {
                if let Some(line) = self.log().into_iter().find(|l| l.contains(needle)) {
                    return line;
                }
                if changed.changed().await.is_err() {
                    panic!(
                        "faqbot ended without logging {needle:?}:\n{}",
                        self.log().join("\n")
                    );
                }
            }
        };
        match tokio::time::timeout(Duration::from_secs(30), wait).await {
            Ok(line) => line,
            Err(_) => panic!("no log line with {needle:?}:\n{}", self.log().join("\n")),
        }
    }

    /// The `host:port` a log line with `needle` names in its `address` field (text or JSON log).
    pub async fn address(&self, needle: &str) -> String {
        let line = self.wait_line(needle).await;
        let at = line.find("address").expect("an address field");
        line[at..]
            .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ':'))
            .find(|part| part.contains(':') && part.len() > 3)
            .unwrap_or_else(|| panic!("no address in {line}"))
            .trim_matches(':')
            .to_string()
    }

    /// Sends `signal` (libc's number) to the process.
    pub fn signal(&self, signal: i32) {
        let pid = self.child.id().expect("still running") as i32;
        // SAFETY: kill(2) with a pid we started and still own.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
    }

    /// Waits for the process to end; its exit code and whole log.
    pub async fn wait(mut self) -> (Option<i32>, Vec<String>) {
        let status = self.child.wait().await.unwrap();
        // The reader task has the last lines once the pipe closes.
        let mut changed = self.changed.clone();
        while tokio::time::timeout(Duration::from_millis(200), changed.changed())
            .await
            .is_ok_and(|r| r.is_ok())
        {}
        (status.code(), self.log())
    }
}

/// An HTTP response: status and body.
pub struct Response {
    pub status: u16,
    pub body: String,
}

/// Sends one HTTP/1.1 request to `address` and reads the whole response (the connection is closed after).
pub async fn http(
    address: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Response {
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if !body.is_empty() {
        request.push_str("Content-Type: application/json\r\n");
    }
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.unwrap();
    let raw = String::from_utf8(raw).unwrap();
    let (head, rest) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP response: {raw}"));
    let chunked = head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked");
    let body = if chunked {
        unchunk(rest)
    } else {
        rest.to_string()
    };
    Response { status, body }
}

fn unchunk(mut rest: &str) -> String {
    let mut body = String::new();
    while let Some((size, tail)) = rest.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        body.push_str(&tail[..size]);
        rest = tail[size..].trim_start_matches("\r\n");
    }
    body
}

/// Runs the built `faqbot` with `args` and `stdin` to the end, without any bot token from the environment.
pub fn run(args: &[&str], stdin: impl AsRef<[u8]>) -> std::process::Output {
    run_with_env(args, &[], stdin)
}

/// `run`, with these variables set (`FAQBOT_DATABASE__PATH`, a `FAQBOT_MATCHING__…` override).
pub fn run_with_env(
    args: &[&str],
    env: &[(&str, &str)],
    stdin: impl AsRef<[u8]>,
) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_faqbot"))
        .args(args)
        .envs(env.iter().copied())
        .env_remove("TELOXIDE_TOKEN")
        .env_remove("FAQBOT_TELEGRAM__TOKEN")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_ref())
        .unwrap();
    child.wait_with_output().unwrap()
}
