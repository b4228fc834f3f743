//! The one place that owns the user-facing streams: data on stdout, messages and progress on
//! stderr, colour only when wanted, and escaping of text that came from outside.
//!
//! The library writes through an [`Output`] built by the binary (or by a test with in-memory
//! buffers); nothing else in the crate touches stdout or stderr.

use std::io::{self, IsTerminal, Write};

/// `--color`: when to use ANSI colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when the stream is a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always colour (also forced by `CLICOLOR_FORCE`).
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Decides for one stream, honouring `NO_COLOR` and `CLICOLOR_FORCE`.
    pub(crate) fn enabled(self, is_terminal: bool) -> bool {
        let env_set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty() && v != "0");
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                if env_set("NO_COLOR") {
                    false
                } else {
                    env_set("CLICOLOR_FORCE") || is_terminal
                }
            }
        }
    }
}

/// A colour for [`Output::paint`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Paint {
    /// Success marks.
    Green,
    /// Failures.
    Red,
    /// Warnings.
    Yellow,
    /// Headings and names.
    Bold,
    /// Less important text.
    Dim,
}

impl Paint {
    fn code(self) -> &'static str {
        match self {
            Paint::Green => "32",
            Paint::Red => "31",
            Paint::Yellow => "33",
            Paint::Bold => "1",
            Paint::Dim => "2",
        }
    }
}

/// Where a command writes.
pub struct Output<'a> {
    out: Box<dyn Write + 'a>,
    err: Box<dyn Write + 'a>,
    color: bool,
    err_color: bool,
    err_is_terminal: bool,
    quiet: bool,
    verbose: u8,
}

impl<'a> Output<'a> {
    /// Output to arbitrary writers (unit tests). No colour, no progress.
    #[cfg(test)]
    pub(crate) fn new(out: impl Write + 'a, err: impl Write + 'a) -> Output<'a> {
        Output {
            out: Box::new(out),
            err: Box::new(err),
            color: false,
            err_color: false,
            err_is_terminal: false,
            quiet: false,
            verbose: 0,
        }
    }

    /// Sets `-q` / `-v`.
    #[must_use]
    pub fn with_verbosity(mut self, quiet: bool, verbose: u8) -> Self {
        self.quiet = quiet;
        self.verbose = verbose;
        self
    }

    /// Stream to write data to (stdout).
    pub(crate) fn out(&mut self) -> &mut dyn Write {
        &mut self.out
    }

    /// Writes one line of data to stdout.
    pub(crate) fn line(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.out, "{text}")
    }

    /// A report as one JSON document on one line of stdout, object keys in alphabetical order
    /// at every level (the order these documents have always had).
    pub(crate) fn json(&mut self, report: &impl serde::Serialize) -> io::Result<()> {
        let doc = serde_json::to_value(report).map_err(io::Error::other)?;
        self.line(&doc.to_string())
    }

    /// A report as one indented JSON document on stdout, keys sorted as for [`Output::json`].
    pub(crate) fn json_pretty(&mut self, report: &impl serde::Serialize) -> io::Result<()> {
        let doc = serde_json::to_value(report).map_err(io::Error::other)?;
        let text = serde_json::to_string_pretty(&doc).map_err(io::Error::other)?;
        self.line(&text)
    }

    /// A warning on stderr (suppressed by `-q`).
    pub(crate) fn warn(&mut self, msg: &str) -> io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        let label = self.paint_err("warning:", Paint::Yellow);
        writeln!(self.err, "{label} {msg}")
    }

    /// An informational message on stderr (suppressed by `-q`).
    pub(crate) fn info(&mut self, msg: &str) -> io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        writeln!(self.err, "{msg}")
    }

    /// A detail shown only with `-v`.
    pub(crate) fn verbose(&mut self, msg: &str) -> io::Result<()> {
        if self.verbose == 0 {
            return Ok(());
        }
        writeln!(self.err, "{msg}")
    }

    /// An error message on stderr (never suppressed).
    pub(crate) fn error(&mut self, msg: &str) -> io::Result<()> {
        let label = self.paint_err("error:", Paint::Red);
        writeln!(self.err, "{label} {msg}")
    }

    /// How many `-v` were given.
    pub(crate) fn verbose_level(&self) -> u8 {
        self.verbose
    }

    /// True when progress bars may be drawn (stderr is a terminal and not quiet).
    pub(crate) fn progress_allowed(&self) -> bool {
        self.err_is_terminal && !self.quiet
    }

    /// True when stdout is coloured.
    pub(crate) fn color(&self) -> bool {
        self.color
    }

    /// Wraps `text` in an ANSI colour when stdout is coloured.
    pub(crate) fn paint(&self, text: &str, paint: Paint) -> String {
        paint_if(self.color, text, paint)
    }

    fn paint_err(&self, text: &str, paint: Paint) -> String {
        paint_if(self.err_color, text, paint)
    }

    /// Flushes both streams.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()?;
        self.err.flush()
    }
}

impl Output<'static> {
    /// The process's stdout and stderr, with colour decided by `choice` for each stream.
    pub fn stdio(choice: ColorChoice) -> Output<'static> {
        let out_tty = io::stdout().is_terminal();
        let err_tty = io::stderr().is_terminal();
        Output {
            out: Box::new(io::stdout()),
            err: Box::new(io::stderr()),
            color: choice.enabled(out_tty),
            err_color: choice.enabled(err_tty),
            err_is_terminal: err_tty,
            quiet: false,
            verbose: 0,
        }
    }
}

fn paint_if(on: bool, text: &str, paint: Paint) -> String {
    if on {
        format!("\x1b[{}m{text}\x1b[0m", paint.code())
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiet_suppresses_warnings_not_errors() {
        let mut out = Vec::new();
        let mut err = Vec::new();
        {
            let mut o = Output::new(&mut out, &mut err).with_verbosity(true, 0);
            o.warn("w").unwrap();
            o.error("e").unwrap();
            o.line("data").unwrap();
        }
        assert_eq!(String::from_utf8(err).unwrap(), "error: e\n");
        assert_eq!(String::from_utf8(out).unwrap(), "data\n");
    }

    #[test]
    fn never_and_always() {
        assert!(!ColorChoice::Never.enabled(true));
        assert!(ColorChoice::Always.enabled(false));
    }
}
