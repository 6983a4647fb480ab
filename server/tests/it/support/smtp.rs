//! A real SMTP listener for tests: speaks enough SMTP for lettre, keeps what it
//! accepts. It can also hold back its answer to DATA, to test a crash mid-delivery.

use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::Notify;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Behaviour {
    Accept,
    /// Receive the first message's data but never answer it.
    HangOnFirstData,
}

#[derive(Clone, Debug)]
pub struct Mail {
    pub raw: String,
    pub to: Vec<String>,
}

impl Mail {
    pub fn message_id(&self) -> String {
        let parsed = mail_parser::MessageParser::default()
            .parse(self.raw.as_bytes())
            .expect("parse mail");
        parsed.message_id().unwrap_or_default().to_string()
    }

    pub fn subject(&self) -> String {
        let parsed = mail_parser::MessageParser::default()
            .parse(self.raw.as_bytes())
            .expect("parse mail");
        parsed.subject().unwrap_or_default().to_string()
    }

    pub fn text(&self) -> String {
        let parsed = mail_parser::MessageParser::default()
            .parse(self.raw.as_bytes())
            .expect("parse mail");
        parsed.body_text(0).unwrap_or_default().to_string()
    }

    pub fn html(&self) -> String {
        let parsed = mail_parser::MessageParser::default()
            .parse(self.raw.as_bytes())
            .expect("parse mail");
        parsed.body_html(0).unwrap_or_default().to_string()
    }

    /// The first attached file: (name, content type, text).
    pub fn attachment(&self) -> Option<(String, String, String)> {
        use mail_parser::MimeHeaders;
        let parsed = mail_parser::MessageParser::default()
            .parse(self.raw.as_bytes())
            .expect("parse mail");
        let part = parsed.attachment(0)?;
        let kind = part
            .content_type()
            .map(|c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or_default()))
            .unwrap_or_default();
        Some((
            part.attachment_name().unwrap_or_default().to_string(),
            kind,
            String::from_utf8_lossy(part.contents()).to_string(),
        ))
    }

    /// The first link in the text part containing `fragment`.
    pub fn link(&self, fragment: &str) -> String {
        let text = self.text();
        text.split_whitespace()
            .find(|w| w.starts_with("http") && w.contains(fragment))
            .unwrap_or_else(|| panic!("no link with {fragment} in:\n{text}"))
            .to_string()
    }
}

#[derive(Clone)]
pub struct Smtp {
    pub port: u16,
    pub accepted: Arc<Mutex<Vec<Mail>>>,
    /// Data received but not answered (HangOnFirstData).
    pub held: Arc<Mutex<Vec<Mail>>>,
    arrived: Arc<Notify>,
}

impl Smtp {
    pub async fn start(behaviour: Behaviour) -> Smtp {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind smtp");
        let smtp = Smtp {
            port: listener.local_addr().expect("addr").port(),
            accepted: Arc::default(),
            held: Arc::default(),
            arrived: Arc::new(Notify::new()),
        };
        let server = smtp.clone();
        tokio::spawn(async move {
            loop {
                let Ok((socket, _)) = listener.accept().await else {
                    break;
                };
                let server = server.clone();
                tokio::spawn(async move {
                    let _ = server.session(socket, behaviour).await;
                });
            }
        });
        smtp
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    async fn session(
        &self,
        socket: tokio::net::TcpStream,
        behaviour: Behaviour,
    ) -> std::io::Result<()> {
        let (read, mut write) = socket.into_split();
        let mut lines = BufReader::new(read);
        write
            .write_all(b"220 test.localhost ESMTP ready\r\n")
            .await?;
        let mut to = Vec::new();
        let mut line = String::new();
        loop {
            line.clear();
            if lines.read_line(&mut line).await? == 0 {
                return Ok(());
            }
            let command = line.trim_end().to_ascii_uppercase();
            if command.starts_with("EHLO") {
                write
                    .write_all(b"250-test.localhost\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
                    .await?;
            } else if command.starts_with("HELO")
                || command.starts_with("MAIL FROM")
                || command.starts_with("RSET")
                || command.starts_with("NOOP")
            {
                if command.starts_with("RSET") {
                    to.clear();
                }
                write.write_all(b"250 OK\r\n").await?;
            } else if command.starts_with("RCPT TO") {
                let addr = line.trim_end()[8..]
                    .trim()
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .to_lowercase();
                to.push(addr);
                write.write_all(b"250 OK\r\n").await?;
            } else if command == "DATA" {
                write.write_all(b"354 go ahead\r\n").await?;
                let mut raw = String::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await? == 0 {
                        return Ok(());
                    }
                    if line == ".\r\n" || line == ".\n" {
                        break;
                    }
                    raw.push_str(
                        line.strip_prefix('.')
                            .filter(|_| line.starts_with(".."))
                            .unwrap_or(&line),
                    );
                }
                let mail = Mail {
                    raw,
                    to: std::mem::take(&mut to),
                };
                if behaviour == Behaviour::HangOnFirstData
                    && self.held.lock().expect("lock").is_empty()
                {
                    self.held.lock().expect("lock").push(mail);
                    self.arrived.notify_waiters();
                    // Never answer: the sender is killed while waiting.
                    tokio::time::sleep(Duration::from_secs(3600)).await;
                    return Ok(());
                }
                self.accepted.lock().expect("lock").push(mail);
                self.arrived.notify_waiters();
                write.write_all(b"250 OK queued\r\n").await?;
            } else if command.starts_with("QUIT") {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            } else {
                write.write_all(b"502 not implemented\r\n").await?;
            }
        }
    }

    pub fn all(&self) -> Vec<Mail> {
        self.accepted.lock().expect("lock").clone()
    }

    /// Waits (up to 20 s) for a mail to `to` whose subject or text contains `word`
    /// (case-insensitive); returns the newest such mail.
    pub async fn wait_for(&self, to: &str, word: &str) -> Mail {
        let word = word.to_lowercase();
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        loop {
            let found = self.all().into_iter().rev().find(|m| {
                m.to.iter().any(|t| t == &to.to_lowercase())
                    && (m.subject().to_lowercase().contains(&word)
                        || m.text().to_lowercase().contains(&word))
            });
            if let Some(mail) = found {
                return mail;
            }
            if tokio::time::Instant::now() > deadline {
                panic!(
                    "no mail to {to} about {word}; got {:?}",
                    self.all()
                        .iter()
                        .map(|m| (m.to.clone(), m.subject()))
                        .collect::<Vec<_>>()
                );
            }
            let _ = tokio::time::timeout(Duration::from_millis(200), self.arrived.notified()).await;
        }
    }

    pub async fn wait_until(&self, what: &str, check: impl Fn(&Smtp) -> bool) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        while !check(self) {
            if tokio::time::Instant::now() > deadline {
                panic!("timed out waiting for {what}");
            }
            let _ = tokio::time::timeout(Duration::from_millis(200), self.arrived.notified()).await;
        }
    }
}
