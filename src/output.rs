//! The one printer all output goes through: data to stdout, messages and progress to stderr,
//! colour only where the stream is a terminal and the user has not asked for none.

use std::io::{self, IsTerminal, Write};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use anstyle::{AnsiColor, Style};

use crate::escape::shown;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::settings::{ColorChoice, GlobalSettings, OutputFormat};

/// Styles used across the tool, so the same thing always looks the same.
pub mod styles {
    use super::{AnsiColor, Style};

    pub const ERROR: Style = AnsiColor::Red.on_default().bold();
    pub const WARNING: Style = AnsiColor::Yellow.on_default().bold();
    pub const HINT: Style = AnsiColor::Cyan.on_default().bold();
    pub const CREATE: Style = AnsiColor::Green.on_default();
    pub const UPDATE: Style = AnsiColor::Yellow.on_default();
    pub const DESTROY: Style = AnsiColor::Red.on_default();
    pub const BOLD: Style = Style::new().bold();
    pub const DIM: Style = Style::new().dimmed();
}

/// Where output goes and how it looks.
#[derive(Clone, Debug)]
pub struct Printer {
    format: OutputFormat,
    quiet: bool,
    stdout_color: bool,
    stderr_color: bool,
    stderr_is_terminal: bool,
    streams: Streams,
}

/// Where the lines go.
#[derive(Clone, Debug)]
enum Streams {
    /// The process's stdout and stderr.
    Process,
    /// Kept for the test that made the printer ([`Printer::captured`]), so a test that
    /// provokes a failure does not print it among the test runner's lines.
    Captured(Arc<Mutex<Captured>>),
}

#[derive(Debug, Default)]
struct Captured {
    stdout: String,
    stderr: String,
}

impl Printer {
    /// A printer for the resolved global settings.
    #[must_use]
    pub fn new(global: &GlobalSettings) -> Printer {
        let stdout_is_terminal = io::stdout().is_terminal();
        let stderr_is_terminal = io::stderr().is_terminal();
        let wants = |is_terminal: bool| match global.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => is_terminal,
        };
        Printer {
            format: global.format,
            quiet: global.quiet,
            stdout_color: wants(stdout_is_terminal),
            stderr_color: wants(stderr_is_terminal),
            stderr_is_terminal,
            streams: Streams::Process,
        }
    }

    /// A plain printer for errors raised before settings exist.
    #[must_use]
    pub fn fallback() -> Printer {
        Printer {
            format: OutputFormat::Text,
            quiet: false,
            stdout_color: false,
            stderr_color: false,
            stderr_is_terminal: false,
            streams: Streams::Process,
        }
    }

    /// A printer for tests: no colour, no progress, and every line kept instead of printed;
    /// [`Printer::captured_stdout`] and [`Printer::captured_stderr`] read them back. Clones
    /// share what they capture.
    #[must_use]
    pub fn captured(format: OutputFormat) -> Printer {
        Printer { format, streams: Streams::Captured(Arc::default()), ..Printer::fallback() }
    }

    /// What a [`Printer::captured`] printer (or a clone of it) wrote to stdout, each line
    /// ending in a newline; empty for a printer that writes to the process's streams.
    #[must_use]
    pub fn captured_stdout(&self) -> String {
        self.read_captured(|captured| captured.stdout.clone())
    }

    /// Like [`Printer::captured_stdout`], for stderr.
    #[must_use]
    pub fn captured_stderr(&self) -> String {
        self.read_captured(|captured| captured.stderr.clone())
    }

    fn read_captured(&self, read: impl Fn(&Captured) -> String) -> String {
        match &self.streams {
            Streams::Process => String::new(),
            Streams::Captured(captured) => read(&captured.lock().unwrap_or_else(PoisonError::into_inner)),
        }
    }

    /// The requested output format.
    #[must_use]
    pub fn format(&self) -> OutputFormat {
        self.format
    }

    /// Whether status messages are suppressed.
    #[must_use]
    pub fn is_quiet(&self) -> bool {
        self.quiet
    }

    /// Whether stderr is an interactive terminal (for prompts and progress bars).
    #[must_use]
    pub fn stderr_is_terminal(&self) -> bool {
        self.stderr_is_terminal
    }

    /// Writes data to stdout, exactly as given plus a newline. A closed pipe is not an error:
    /// `stripe-catalog plan | head` must not fail.
    pub fn data(&self, text: &str) {
        if let Streams::Captured(captured) = &self.streams {
            captured.lock().unwrap_or_else(PoisonError::into_inner).stdout.push_str(&format!("{text}\n"));
            return;
        }
        let mut out = anstream::AutoStream::new(io::stdout().lock(), stream_choice(self.stdout_color));
        let _ = writeln!(out, "{text}");
        let _ = out.flush();
    }

    /// Writes a value to stdout as pretty JSON.
    pub fn json<T: serde::Serialize + ?Sized>(&self, value: &T) {
        match serde_json::to_string_pretty(value) {
            Ok(text) => self.data(&text),
            Err(err) => self.error(&format!("could not encode JSON output: {err}")),
        }
    }

    /// Styles text for stdout (a no-op when stdout gets no colour).
    #[must_use]
    pub fn paint(&self, style: Style, text: &str) -> String {
        paint(self.stdout_color, style, text)
    }

    /// Styles text for stderr (a no-op when stderr gets no colour).
    #[must_use]
    pub fn paint_err(&self, style: Style, text: &str) -> String {
        paint(self.stderr_color, style, text)
    }

    /// A status message on stderr; silent under `--quiet`. The text is one line of plain
    /// text: control characters in it (from a catalog or from Stripe) are shown escaped.
    pub fn status(&self, text: &str) {
        if !self.quiet {
            self.stderr_line(&shown(text));
        }
    }

    /// A block of status lines on stderr whose values were escaped where it was built (a
    /// checkout summary): each line is escaped again, so only its line breaks are kept.
    pub fn status_lines(&self, block: &str) {
        if !self.quiet {
            for line in block.lines() {
                self.stderr_line(&shown(line));
            }
        }
    }

    /// Like [`Printer::status`], in bold where stderr gets colour.
    pub fn status_bold(&self, text: &str) {
        if !self.quiet {
            self.stderr_line(&self.paint_err(styles::BOLD, &shown(text)));
        }
    }

    /// A warning on stderr; shown even under `--quiet`. Escaped like [`Printer::status`].
    pub fn warn(&self, text: &str) {
        let label = self.paint_err(styles::WARNING, "warning");
        self.stderr_line(&format!("{label}: {}", shown(text)));
    }

    /// An error line on stderr. Escaped like [`Printer::status`]: error messages quote what
    /// the user wrote and what Stripe answered.
    pub fn error(&self, text: &str) {
        let label = self.paint_err(styles::ERROR, "error");
        self.stderr_line(&format!("{label}: {}", shown(text)));
    }

    /// A hint line on stderr. Escaped like [`Printer::status`].
    pub fn hint(&self, text: &str) {
        let label = self.paint_err(styles::HINT, "hint");
        self.stderr_line(&format!("{label}: {}", shown(text)));
    }

    /// Raw text on stderr (already formatted diagnostics, prompts).
    pub fn stderr_line(&self, text: &str) {
        if let Streams::Captured(captured) = &self.streams {
            captured.lock().unwrap_or_else(PoisonError::into_inner).stderr.push_str(&format!("{text}\n"));
            return;
        }
        let mut err = anstream::AutoStream::new(io::stderr().lock(), stream_choice(self.stderr_color));
        let _ = writeln!(err, "{text}");
    }

    /// A progress bar on stderr, hidden when stderr is not a terminal or under `--quiet`.
    #[must_use]
    pub fn progress_bar(&self, len: u64, message: &str) -> ProgressBar {
        let bar = ProgressBar::with_draw_target(Some(len), self.progress_target());
        // The ETA answers "how long will this 600-write apply take?" on a terminal.
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} ({elapsed}, ETA {eta})")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(message.to_string());
        bar
    }

    /// A spinner on stderr, hidden when stderr is not a terminal or under `--quiet`.
    #[must_use]
    pub fn spinner(&self, message: &str) -> ProgressBar {
        let spinner = ProgressBar::with_draw_target(None, self.progress_target());
        spinner.set_message(message.to_string());
        spinner.enable_steady_tick(Duration::from_millis(100));
        spinner
    }

    /// Whether progress bars will actually draw.
    #[must_use]
    pub fn shows_progress(&self) -> bool {
        self.stderr_is_terminal && !self.quiet
    }

    fn progress_target(&self) -> ProgressDrawTarget {
        if self.shows_progress() { ProgressDrawTarget::stderr() } else { ProgressDrawTarget::hidden() }
    }
}

fn stream_choice(color: bool) -> anstream::ColorChoice {
    if color { anstream::ColorChoice::AlwaysAnsi } else { anstream::ColorChoice::Never }
}

fn paint(enabled: bool, style: Style, text: &str) -> String {
    if enabled { format!("{style}{text}{style:#}") } else { text.to_string() }
}
