//! What is kept of an output: noise lines dropped, secrets masked.
//!
//! Noise: lines that change on every run without any change of configuration (uptime, clock,
//! `Current configuration : N bytes`, NTP clock period, commit and save stamps). The built-in
//! list applies to device profiles; `--ignore REGEX` adds more for any target.
//!
//! Secrets are masked as RANCID does: the value after `password`, `secret`, `key`,
//! `community`, `pre-shared-key`, `authentication-key`, Junos `encrypted-password` … is
//! replaced by `<removed>`, so that the stored text, the printed diff and what is forwarded
//! never carry it, while a change of the value still shows as a changed line.

use regex::Regex;

/// Replacement for a masked value.
pub(crate) const MASK: &str = "<removed>";

/// Built-in noise patterns for device profiles.
const DEVICE_NOISE: &[&str] = &[
    r"^\s*!?\s*Current configuration\s*:\s*\d+\s*bytes",
    r"(?i)\buptime is\b",
    r"(?i)^\s*(system )?up ?time\s*[:=]",
    r"(?i)\bup \d+ (year|week|day|hour|min)",
    r"^\s*!\s*Last configuration change at\b",
    r"^\s*!\s*NVRAM config last updated at\b",
    r"^\s*!\s*No configuration change since last restart",
    r"^\s*!\s*Time:\s",
    r"^\s*ntp clock-period\s+\d+",
    r"^\s*Cryptochecksum:",
    r"^\s*:\s*(Saved|Written by)\b",
    r"^\s*##\s*Last (commit|changed):",
    r"(?i)^\s*(system )?(clock|time)\b.*\d\d:\d\d:\d\d",
    r"^\s*\*?\d\d:\d\d:\d\d(\.\d+)?\s+\S+\s+\w{3}\s+\w{3}\s+\d+\s+\d{4}\s*$",
    r"(?i)configuration last (modified|changed)",
];

/// Secret patterns: group 1 is kept, the rest of the match becomes [`MASK`].
const SECRETS: &[&str] = &[
    // Junos: encrypted-password "$6$…"; secret "$9$…"; authentication-key "…";
    r#"(?i)^(.*?\b(?:encrypted-password|secret|authentication-key|pre-shared-key ascii-text|ascii-text|simple-password|hello-authentication-key)\s+)"[^"]*"(.*)$"#,
    // enable secret 5 $1$..., username x privilege 15 secret 9 $9$..., password 7 0822...
    r"(?i)^(.*?\b(?:password|secret|passwd)(?:\s+(?:\d{1,2}|sha256|sha512|md5|pbkdf2|scrypt|encrypted|cipher|hash))?\s+)\S.*$",
    // snmp-server community public RO / Junos `community public {`
    r"(?i)^(\s*(?:snmp-server\s+|snmp\s+)?community\s+)\S.*$",
    // ip ospf message-digest-key 1 md5 …
    r"(?i)^(.*?\bmessage-digest-key\s+\d+\s+md5(?:\s+\d)?\s+)\S.*$",
    // key-string …, authentication-key …, tacacs-server key 7 …, radius-server key …
    r"(?i)^(.*?\b(?:key-string|authentication-key|pre-shared-key|tacacs-server key|radius-server key)(?:\s+\d{1,2})?\s+)\S.*$",
    // `key …` alone on a line (server blocks), or `… key 7 …`
    r"(?i)^(\s*key(?:\s+\d{1,2})?\s+)\S.*$",
    r"(?i)^(.*?\bkey\s+\d{1,2}\s+)\S.*$",
];

/// The filters of one run.
#[derive(Debug, Clone)]
pub(crate) struct Filters {
    ignore: Vec<Regex>,
    secrets: Vec<Regex>,
}

/// A bad `--ignore` pattern.
#[derive(Debug, thiserror::Error)]
#[error("bad --ignore pattern {pattern:?}: {reason}")]
pub(crate) struct PatternError {
    /// The pattern.
    pub(crate) pattern: String,
    /// Why.
    pub(crate) reason: String,
}

impl Filters {
    /// `ignore` patterns from the user, the built-in device noise when `device_noise`, and
    /// secret masking unless `keep_secrets`.
    pub(crate) fn new(
        ignore: &[String],
        device_noise: bool,
        keep_secrets: bool,
    ) -> Result<Filters, PatternError> {
        let mut list = Vec::new();
        for p in ignore {
            list.push(Regex::new(p).map_err(|e| PatternError {
                pattern: p.clone(),
                reason: e.to_string(),
            })?);
        }
        if device_noise {
            list.extend(DEVICE_NOISE.iter().map(|p| builtin(p)));
        }
        let secrets = if keep_secrets {
            Vec::new()
        } else {
            SECRETS.iter().map(|p| builtin(p)).collect()
        };
        Ok(Filters {
            ignore: list,
            secrets,
        })
    }

    /// True when `line` is noise.
    pub(crate) fn ignored(&self, line: &str) -> bool {
        self.ignore.iter().any(|r| r.is_match(line))
    }

    /// `line` with any secret value masked.
    pub(crate) fn mask(&self, line: &str) -> String {
        for r in &self.secrets {
            if let Some(c) = r.captures(line) {
                let keep = c.get(1).map_or("", |m| m.as_str());
                let tail = c.get(2).map_or("", |m| m.as_str());
                return format!("{keep}{MASK}{tail}");
            }
        }
        line.to_string()
    }

    /// Applies both to every line of `text`; the result ends with a newline unless empty.
    pub(crate) fn apply(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for line in text.lines() {
            if self.ignored(line) {
                continue;
            }
            out.push_str(&self.mask(line));
            out.push('\n');
        }
        out
    }
}

fn builtin(p: &str) -> Regex {
    // The built-in patterns are fixed and tested; a failure here is a programming error.
    Regex::new(p).unwrap_or_else(|e| panic!("built-in pattern {p:?}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_secrets_like_rancid() {
        let f = Filters::new(&[], true, false).unwrap();
        let cases = [
            ("enable secret 5 $1$abc$xyz", "enable secret 5 <removed>"),
            (
                "username admin privilege 15 secret 9 $9$q",
                "username admin privilege 15 secret 9 <removed>",
            ),
            (" password 7 0822455D0A16", " password 7 <removed>"),
            (
                "snmp-server community s3cret RO",
                "snmp-server community <removed>",
            ),
            ("tacacs-server key 7 0123", "tacacs-server key 7 <removed>"),
            (
                "ntp authentication-key 1 md5 abc 7",
                "ntp authentication-key 1 <removed>",
            ),
            (
                "    encrypted-password \"$6$salt$hash\"; ## SECRET-DATA",
                "    encrypted-password <removed>; ## SECRET-DATA",
            ),
            (" key-string 7 ABC", " key-string 7 <removed>"),
            ("hostname r1", "hostname r1"),
            (
                "Host key fingerprint is SHA256:x",
                "Host key fingerprint is SHA256:x",
            ),
            ("MD5 (f) = d41d8cd9", "MD5 (f) = d41d8cd9"),
            ("PasswordAuthentication yes", "PasswordAuthentication yes"),
            ("service password-encryption", "service password-encryption"),
            (
                " ip ospf message-digest-key 1 md5 7 0822",
                " ip ospf message-digest-key 1 md5 7 <removed>",
            ),
            ("    community public {", "    community <removed>"),
            (" key 7 070C2E", " key 7 <removed>"),
            (
                "radius-server host 10.0.0.5 key 7 1234",
                "radius-server host 10.0.0.5 key 7 <removed>",
            ),
            ("interface Gi0/1", "interface Gi0/1"),
        ];
        for (i, o) in cases {
            assert_eq!(f.mask(i), o, "{i}");
        }
        let keep = Filters::new(&[], true, true).unwrap();
        assert_eq!(keep.mask("enable secret 5 x"), "enable secret 5 x");
    }

    #[test]
    fn drops_noise_lines() {
        let f = Filters::new(&["^tick".into()], true, false).unwrap();
        let t = "Building configuration...\nCurrent configuration : 1234 bytes\n! Last configuration change at 10:01:02 UTC Mon Mar 1 2021\nhostname r1\nntp clock-period 17179\nr1 uptime is 3 weeks, 2 days\ntick 5\n";
        assert_eq!(f.apply(t), "Building configuration...\nhostname r1\n");
        let plain = Filters::new(&[], false, true).unwrap();
        assert_eq!(plain.apply("up 3 days\n"), "up 3 days\n");
        assert!(Filters::new(&["(".into()], false, false).is_err());
    }
}
